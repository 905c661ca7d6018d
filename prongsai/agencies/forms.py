from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prongsai.thai.forms import BEDateField


class HolidayForm(forms.Form):
    date = BEDateField(label=_("วันที่ (พ.ศ.)"), help_text=_("เช่น 13 เม.ย. 2566 หรือ ๑๓ เมษายน ๒๕๖๖"))
    name = forms.CharField(label=_("ชื่อวันหยุด"), max_length=200)


def form_add_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@contextmanager
def errors_onto(form):
    """Run a service call; a ValidationError it raises is shown on the form instead of escaping.

    Code after the call inside the block (the success message, the redirect) runs only when it succeeded."""
    try:
        yield
    except ValidationError as exc:
        form_add_errors(form, exc)
