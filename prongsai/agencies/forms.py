from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai.forms import BEDateField


class HolidayForm(forms.Form):
    date = BEDateField(label=_("วันที่ (พ.ศ.)"), help_text=_("เช่น 13 เม.ย. 2566 หรือ ๑๓ เมษายน ๒๕๖๖"))
    name = forms.CharField(label=_("ชื่อวันหยุด"), max_length=200)
