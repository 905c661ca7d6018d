from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
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


class StaffLoginForm(AuthenticationForm):
    """Django's sign-in, with a slower back-off per account: past LOGIN_ATTEMPTS_PER_ACCOUNT wrong passwords
    in an hour from all addresses together, the account takes no more tries until the hour has passed
    (django-axes locks the (account, address) pair after five, so one attacker cannot lock a colleague out
    of every office PC)."""

    def clean(self):
        from . import throttle

        username = self.cleaned_data.get("username") or ""
        if username and throttle.account_failures(username) >= settings.LOGIN_ATTEMPTS_PER_ACCOUNT:
            raise forms.ValidationError(
                _("มีการลองรหัสผ่านของบัญชีนี้ผิดหลายครั้ง โปรดลองใหม่ในอีกหนึ่งชั่วโมง หรือรีเซ็ตรหัสผ่านทางอีเมล"),
                code="account_throttled",
            )
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                throttle.account_failed(username)
            raise
