from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai.forms import BEDateField

from .models import Catalogue, Publication


class PublicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("ชนิด"), choices=Publication.Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("ชื่อเรื่อง"), max_length=300)
    file = forms.FileField(label=_("ไฟล์ (PDF, Word, Excel, CSV, JPEG, PNG ไม่เกิน 20 MB)"), required=False)
    url = forms.URLField(label=_("ลิงก์"), required=False, assume_scheme="https", max_length=1000)
    body = forms.CharField(
        label=_("เนื้อหา (หน้าเว็บ)"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    period_start = BEDateField(label=_("ข้อมูลตั้งแต่ (พ.ศ.)"), required=False)
    period_end = BEDateField(label=_("ถึง (พ.ศ.)"), required=False)
    publish_on = BEDateField(label=_("เผยแพร่ตั้งแต่วันที่ (ว่าง = เมื่ออนุมัติ)"), required=False)


class RevisionForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ฉบับใหม่"), required=False)
    url = forms.URLField(label=_("ลิงก์ใหม่"), required=False, assume_scheme="https", max_length=1000)
    body = forms.CharField(label=_("เนื้อหาใหม่"), widget=forms.Textarea(attrs={"rows": 6}), required=False)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("อนุมัติเผยแพร่")), ("return", _("ส่งกลับแก้ไข"))])
    comment = forms.CharField(label=_("ความเห็น"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผลที่ถอน"), widget=forms.Textarea(attrs={"rows": 2}))


class AdoptForm(forms.Form):
    catalogue = forms.ModelChoiceField(label=_("รายการตรวจ"), queryset=Catalogue.objects.all())


class CopyYearForm(forms.Form):
    catalogue = forms.ModelChoiceField(label=_("คัดลอกจาก"), queryset=Catalogue.objects.none())
    year = forms.IntegerField(label=_("ไปยังปี (พ.ศ.)"), min_value=2500, max_value=2700)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue"].queryset = Catalogue.objects.filter(adoptions__agency=agency)


class AssignmentForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(
        label=_("ฝ่ายที่รับผิดชอบ"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    all_departments = forms.BooleanField(label=_("ทุกฝ่าย"), required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = agency.departments.filter(is_active=True)
