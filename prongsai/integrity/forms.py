from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.thai.forms import BEDateField

from . import scrub
from .models import Channel, ChannelSettings, Complaint, Feedback, Referral


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if len(data) > scrub.MAX_FILES:
                raise forms.ValidationError(_("แนบไฟล์ได้ไม่เกิน %(n)d ไฟล์") % {"n": scrub.MAX_FILES})
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def _departments(field, agency):
    field.queryset = agency.departments.filter(is_active=True).order_by("order", "name")


def _files_help() -> str:
    return gettext(
        "PDF, Word, Excel, JPEG หรือ PNG ไม่เกิน %(n)d ไฟล์ ไฟล์ละไม่เกิน %(mb)d MB ระบบลบข้อมูลแฝงในไฟล์ "
        "(เช่น ชื่อผู้สร้างเอกสาร ตำแหน่ง GPS ในรูปถ่าย) ก่อนเข้ารหัสเก็บ แต่ไม่ได้ลบสิ่งที่อยู่ในเนื้อไฟล์"
    ) % {"n": scrub.MAX_FILES, "mb": scrub.MAX_EVIDENCE_BYTES // 2**20}


FILES_HELP = lazy(_files_help, str)()  # translated when shown, in the reader's language


class ComplaintForm(forms.Form):
    category = forms.ChoiceField(label=_("เรื่องที่ต้องการแจ้ง"), choices=Complaint.Category.choices)
    department = forms.ModelChoiceField(
        label=_("ฝ่ายที่เกี่ยวข้อง"), queryset=None, required=False, empty_label=_("ไม่ทราบ / ไม่ระบุ")
    )
    who = forms.CharField(label=_("ผู้ถูกร้องเรียน (ชื่อหรือตำแหน่ง ถ้าทราบ)"), max_length=500, required=False)
    what = forms.CharField(
        label=_("เกิดอะไรขึ้น"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("เล่าให้ละเอียดที่สุดเท่าที่ทำได้: ใคร ทำอะไร เรียกเงินเท่าไร มีใครเห็นเหตุการณ์บ้าง"),
    )
    when = forms.CharField(label=_("เกิดขึ้นเมื่อใด"), max_length=200, required=False)
    where = forms.CharField(label=_("เกิดขึ้นที่ใด"), max_length=500, required=False)
    files = MultipleFileField(label=_("ไฟล์หลักฐาน (ถ้ามี)"), required=False, help_text=FILES_HELP)
    give_identity = forms.BooleanField(label=_("ฉันต้องการให้ข้อมูลตัวตนและช่องทางติดต่อกลับ"), required=False)
    name = forms.CharField(label=_("ชื่อ-นามสกุล"), max_length=200, required=False)
    phone = forms.CharField(label=_("โทรศัพท์"), max_length=50, required=False)
    email = forms.EmailField(label=_("อีเมล"), required=False)
    address = forms.CharField(label=_("ที่อยู่"), max_length=300, required=False)
    challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    nonce = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        _departments(self.fields["department"], agency)

    def identity(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("give_identity"):
            return None  # what was typed in the identity fields is dropped, never stored
        return {k: data.get(k, "") for k in ("name", "phone", "email", "address")}


class RecordComplaintForm(forms.Form):
    """A complaint the handler received by letter, phone or in person, typed into the register."""

    channel = forms.ChoiceField(
        label=_("ช่องทางที่รับเรื่อง"), choices=[c for c in Channel.choices if c[0] != Channel.WEB]
    )
    received_on = BEDateField(label=_("วันที่รับเรื่อง (พ.ศ.)"))
    category = forms.ChoiceField(label=_("ประเภทเรื่อง"), choices=Complaint.Category.choices)
    department = forms.ModelChoiceField(
        label=_("ฝ่ายที่ถูกร้องเรียน"), queryset=None, required=False, empty_label=_("ไม่ระบุ")
    )
    who = forms.CharField(label=_("ผู้ถูกร้องเรียน"), max_length=500, required=False)
    what = forms.CharField(
        label=_("สาระสำคัญของเรื่อง"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    when = forms.CharField(label=_("เกิดขึ้นเมื่อใด"), max_length=200, required=False)
    where = forms.CharField(label=_("เกิดขึ้นที่ใด"), max_length=500, required=False)
    name = forms.CharField(label=_("ชื่อผู้ร้องเรียน (ถ้าให้ไว้)"), max_length=200, required=False)
    contact = forms.CharField(label=_("ช่องทางติดต่อผู้ร้องเรียน"), max_length=300, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        _departments(self.fields["department"], agency)


class ReportLoginForm(forms.Form):
    code = forms.CharField(label=_("รหัสรับเรื่อง"), max_length=40)
    passphrase = forms.CharField(
        label=_("รหัสผ่านของเรื่อง"), max_length=60, widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("ข้อความ"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class EvidenceForm(forms.Form):
    files = MultipleFileField(label=_("ไฟล์หลักฐานเพิ่มเติม"), help_text=FILES_HELP)


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภท"), choices=Feedback.Kind.choices, widget=forms.RadioSelect)
    department = forms.ModelChoiceField(
        label=_("ฝ่ายที่เกี่ยวข้อง"), queryset=None, required=False, empty_label=_("ไม่ทราบ / ไม่ระบุ")
    )
    about_staff = forms.BooleanField(
        label=_("เป็นเรื่องพฤติกรรมของเจ้าหน้าที่ (ส่งถึงผู้รับผิดชอบเรื่องร้องเรียนโดยตรง ไม่ผ่านฝ่ายนั้น)"),
        required=False,
    )
    subject = forms.CharField(label=_("เรื่อง"), max_length=200)
    body = forms.CharField(label=_("รายละเอียด"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("ชื่อ (ถ้าต้องการให้ติดต่อกลับ)"), max_length=200, required=False)
    contact = forms.CharField(label=_("โทรศัพท์หรืออีเมล (ถ้าต้องการให้ติดต่อกลับ)"), max_length=200, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        _departments(self.fields["department"], agency)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("คำถามของคุณ"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("คำถามและคำตอบอาจถูกเผยแพร่ในหน้านี้ โปรดอย่าใส่ชื่อ เลขบัตรประชาชน หรือข้อมูลส่วนตัว"),
    )
    department = forms.ModelChoiceField(
        label=_("เกี่ยวกับงานของฝ่าย"), queryset=None, required=False, empty_label=_("ไม่ทราบ / ไม่ระบุ")
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        _departments(self.fields["department"], agency)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("รหัสติดตามเรื่อง"), max_length=40)


# --- staff -------------------------------------------------------------------------------------------------


class MoveForm(forms.Form):
    to_state = forms.ChoiceField(label=_("เปลี่ยนเป็น"), choices=Complaint.State.choices)
    outcome = forms.ChoiceField(
        label=_("ผลการพิจารณา (เมื่อได้ข้อยุติ)"),
        required=False,
        choices=[("", "-"), *[c for c in Complaint.Outcome.choices if c[0] not in ("", "referred")]],
    )
    note = forms.CharField(label=_("บันทึก (เห็นเฉพาะเจ้าหน้าที่)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class ReferralForm(forms.Form):
    body = forms.ChoiceField(label=_("ส่งเรื่องถึง"), choices=Referral.Body.choices)
    letter_no = forms.CharField(label=_("เลขที่หนังสือนำส่ง"), max_length=100)
    sent_on = BEDateField(label=_("วันที่ส่ง (พ.ศ.)"))
    note = forms.CharField(
        label=_("บันทึก"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReferralExportForm(forms.Form):
    body = forms.ChoiceField(label=_("ส่งเรื่องถึง"), choices=Referral.Body.choices)


class FeedbackRouteForm(forms.Form):
    department = forms.ModelChoiceField(label=_("ฝ่ายที่รับผิดชอบ"), queryset=None, required=False)
    about_staff = forms.BooleanField(
        label=_("เกี่ยวกับพฤติกรรมเจ้าหน้าที่ (ให้ผู้รับผิดชอบเรื่องร้องเรียนดูแล)"), required=False
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        _departments(self.fields["department"], agency)


class FeedbackAnswerForm(forms.Form):
    answer = forms.CharField(label=_("คำตอบ"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5}))
    public = forms.BooleanField(label=_("เผยแพร่คำตอบในหน้าเว็บ"), required=False)
    public_summary = forms.CharField(
        label=_("สรุปเรื่องสำหรับเผยแพร่ (ไม่มีชื่อหรือข้อมูลส่วนบุคคล)"), max_length=300, required=False
    )


class QuestionAnswerForm(forms.Form):
    answer = forms.CharField(label=_("คำตอบ"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 5}))


class QuestionPublishForm(forms.Form):
    public_text = forms.CharField(
        label=_("คำถามที่จะเผยแพร่ (แก้ถ้อยคำได้ เช่น ตัดข้อมูลส่วนตัวออก)"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ChannelSettingsForm(forms.ModelForm):
    class Meta:
        model = ChannelSettings
        fields = ["unit_name", "address", "phone", "email", "hours", "other_channels"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "other_channels": forms.Textarea(attrs={"rows": 4}),
        }
