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


class AuditFilterForm(forms.Form):
    """The audit log's filters (GET): who, which kind of record, what was done, between which days."""

    actor = forms.TypedChoiceField(label=_("ผู้ดำเนินการ"), required=False, coerce=int, empty_value=None)
    model = forms.ChoiceField(label=_("ประเภทรายการ"), required=False)
    action = forms.ChoiceField(label=_("การกระทำ"), required=False)
    since = BEDateField(label=_("ตั้งแต่วันที่"), required=False)
    until = BEDateField(label=_("ถึงวันที่"), required=False)

    def __init__(self, *args, actors, models, actions, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("ทั้งหมด"))]
        self.fields["actor"].choices = everyone + list(actors)
        self.fields["model"].choices = everyone + list(models)
        self.fields["action"].choices = everyone + list(actions)

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น"))
        return data

    def filter(self, entries):
        # A filter that could not be read is shown with its error and left out; the valid ones still apply.
        if not self.is_bound:
            return entries
        self.is_valid()  # fills cleaned_data with every field that could be read
        data = self.cleaned_data
        if data.get("actor"):
            entries = entries.filter(actor_id=data["actor"])
        if data.get("model"):
            entries = entries.filter(model=data["model"])
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("since"):
            entries = entries.filter(at__date__gte=data["since"])
        if data.get("until"):
            entries = entries.filter(at__date__lte=data["until"])
        return entries


class PreferenceForm(forms.Form):
    email_notifications = forms.BooleanField(
        label=_("รับอีเมลแจ้งเตือนงาน"),
        required=False,
        help_text=_("รายงานที่ถูกส่งกลับหรือรับรองแล้ว รายการที่รอคุณอนุมัติ และงานที่ใกล้ครบกำหนด"),
    )


class AgencySettingsForm(forms.Form):
    web_digits = forms.ChoiceField(
        label=_("ตัวเลขบนหน้าเว็บ"),
        choices=[("arabic", _("เลขอารบิก (0-9)")), ("thai", _("เลขไทย (๐-๙)"))],
        widget=forms.RadioSelect,
        help_text=_("ใช้กับหน้าเว็บภาษาไทยของหน่วยงาน เอกสารราชการ (PDF, Word) ใช้เลขไทยตามแบบหนังสือราชการเสมอ"),
    )
