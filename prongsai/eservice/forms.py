from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from prongsai.thai.digits import to_arabic_digits

from .models import Channel, ReportGroup, Service, ServiceKind, State
from .services import DocumentSpec, FeeSpec, StepSpec

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def add_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError shown on the form: on its field when the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ApplicantFields(forms.Form):
    applicant_name = forms.CharField(label=_("ชื่อ-นามสกุล"), max_length=200)
    applicant_phone = forms.CharField(label=_("เบอร์โทรศัพท์"), max_length=30, required=False)
    applicant_email = forms.EmailField(label=_("อีเมล (รับแจ้งความคืบหน้า)"), required=False)
    applicant_id_number = forms.CharField(label=_("เลขประจำตัวประชาชน ๑๓ หลัก"), max_length=20, required=False)
    details = forms.CharField(
        label=_("รายละเอียดคำขอ"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False
    )

    def clean_applicant_id_number(self):
        return to_arabic_digits(self.cleaned_data["applicant_id_number"])


class ApplyForm(ApplicantFields):
    """The online application: the applicant's contact, the request, and one upload per document of the
    service's list (a missing one can be sent later, when the officer asks)."""

    consent = forms.BooleanField(
        label=_("ข้าพเจ้ายินยอมให้สำนักงานเขตใช้ข้อมูลส่วนบุคคลนี้เพื่อดำเนินการตามคำขอเท่านั้น"), required=True
    )

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.documents = list(service.documents.all())
        if service.asks_id_number:
            self.fields["applicant_id_number"].required = True
        for document in self.documents:
            label = document.name + ("" if document.required else str(_(" (ถ้ามี)")))
            self.fields[f"doc_{document.pk}"] = forms.FileField(
                label=label,
                required=False,
                help_text=_("PDF, JPG หรือ PNG ไม่เกิน 20 MB"),
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )

    def document_fields(self):
        return [self[f"doc_{d.pk}"] for d in self.documents]

    def uploads(self):
        return [
            (d, self.cleaned_data[f"doc_{d.pk}"])
            for d in self.documents
            if self.cleaned_data.get(f"doc_{d.pk}")
        ]


class CounterRequestForm(ApplicantFields):
    service = forms.ModelChoiceField(label=_("งานบริการ"), queryset=Service.objects.none())
    channel = forms.ChoiceField(
        label=_("ช่องทางที่ได้รับ"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE]
    )
    outside_reference = forms.CharField(
        label=_("เลขอ้างอิงของช่องทางนั้น (Traffy Fondue, e-Service กทม., เลขหนังสือ)"),
        max_length=100,
        required=False,
    )
    file = forms.FileField(
        label=_("เอกสารที่สแกน (ถ้ามี)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services


class TrackForm(forms.Form):
    code = forms.CharField(label=_("รหัสติดตาม"), max_length=40, help_text=_("เช่น 7KQ2-M9XD-4T"))


class UploadForm(forms.Form):
    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = list(service.documents.all())
        choices = [("", _("เอกสารอื่น"))] + [(str(d.pk), d.name) for d in self.documents]
        for i in range(1, 4):
            self.fields[f"file_{i}"] = forms.FileField(
                label=_("ไฟล์ที่ %(n)d") % {"n": i},
                required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
                help_text=_("PDF, JPG หรือ PNG ไม่เกิน 20 MB") if i == 1 else "",
            )
            self.fields[f"kind_{i}"] = forms.ChoiceField(
                label=_("เป็นเอกสาร"), choices=choices, required=False
            )

    def pairs(self):
        return [(self[f"kind_{i}"], self[f"file_{i}"]) for i in range(1, 4)]

    def uploads(self):
        by_id = {str(d.pk): d for d in self.documents}
        return [
            (by_id.get(self.cleaned_data.get(f"kind_{i}") or ""), self.cleaned_data[f"file_{i}"])
            for i in range(1, 4)
            if self.cleaned_data.get(f"file_{i}")
        ]


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("ความพึงพอใจต่อการให้บริการ"),
        choices=[
            (5, _("๕ พอใจมากที่สุด")),
            (4, _("๔ พอใจมาก")),
            (3, _("๓ พอใจปานกลาง")),
            (2, _("๒ พอใจน้อย")),
            (1, _("๑ ไม่พอใจ")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("ข้อเสนอแนะ (ถ้ามี)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=State.choices, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("ข้อความถึงผู้ยื่นคำขอ (แสดงในหน้าติดตามสถานะ)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    internal_note = forms.CharField(
        label=_("บันทึกภายใน (เห็นเฉพาะเจ้าหน้าที่)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    permit_number = forms.CharField(label=_("เลขที่ใบอนุญาต"), max_length=50, required=False)
    public_summary = forms.CharField(
        label=_("สรุปที่เผยแพร่ได้ (ไม่มีชื่อและที่อยู่บุคคล)"), max_length=300, required=False
    )
    area_sqm = forms.DecimalField(
        label=_("พื้นที่ (ตารางเมตร)"), max_digits=12, decimal_places=2, min_value=0, required=False
    )
    amount = forms.DecimalField(
        label=_("ค่าธรรมเนียม/ภาษีที่ชำระ (บาท)"), max_digits=14, decimal_places=2, min_value=0, required=False
    )


class NoteForm(forms.Form):
    message = forms.CharField(
        label=_("ข้อความถึงผู้ยื่นคำขอ"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
    internal_note = forms.CharField(
        label=_("บันทึกภายใน"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("สถานะ"), required=False, choices=[("", _("ยังไม่เสร็จ")), ("all", _("ทั้งหมด")), *State.choices]
    )
    service = forms.ModelChoiceField(
        label=_("งานบริการ"), required=False, queryset=Service.objects.none(), empty_label=_("ทุกงานบริการ")
    )
    department = forms.ModelChoiceField(
        label=_("ฝ่าย"), required=False, queryset=None, empty_label=_("ทุกฝ่ายที่ดูแล")
    )
    timing = forms.ChoiceField(
        label=_("กำหนดเวลา"),
        required=False,
        choices=[("", _("ทั้งหมด")), ("late", _("เกินกำหนด")), ("late_soon", _("ใกล้ครบกำหนด (๒ วันทำการ)"))],
    )
    channel = forms.ChoiceField(
        label=_("ช่องทาง"), required=False, choices=[("", _("ทุกช่องทาง")), *Channel.choices]
    )

    def __init__(self, *args, services, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["department"].queryset = departments


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ServiceForm(forms.ModelForm):
    """The catalogue editor: the manual's fields, and its lists typed one item a line."""

    steps_text = forms.CharField(
        label=_("ขั้นตอน (บรรทัดละขั้นตอน: ชื่อขั้นตอน | จำนวนวันทำการ | รหัสฝ่าย ถ้าไม่ใช่ฝ่ายเจ้าของงาน)"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    documents_text = forms.CharField(
        label=_("เอกสารที่ต้องใช้ (บรรทัดละรายการ: ชื่อเอกสาร | จำนวน; ขึ้นต้นด้วย ? ถ้าไม่บังคับ)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    checklist_text = forms.CharField(
        label=_("รายการตรวจของเจ้าหน้าที่ (บรรทัดละรายการ)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    fees_text = forms.CharField(
        label=_("ค่าธรรมเนียม (บรรทัดละรายการ: รายการ | จำนวนเงิน)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    class Meta:
        model = Service
        fields = [
            "name",
            "name_en",
            "slug",
            "department",
            "kind",
            "summary",
            "legal_basis",
            "conditions",
            "where",
            "hours",
            "complaint_channel",
            "accepts_online",
            "asks_id_number",
            "report_group",
            "is_published",
            "order",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ("summary", "legal_basis", "conditions", "where", "complaint_channel")
        }

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["department"].queryset = agency.departments.filter(is_active=True)
        self.fields["kind"].choices = ServiceKind.choices
        self.fields["report_group"].choices = ReportGroup.choices
        service = self.instance
        if service.pk:
            self.initial.setdefault(
                "steps_text",
                "\n".join(
                    f"{s.title} | {s.working_days}" + (f" | {s.department.code}" if s.department else "")
                    for s in service.steps.select_related("department")
                ),
            )
            self.initial.setdefault(
                "documents_text",
                "\n".join(
                    ("" if d.required else "? ") + d.name + (f" | {d.copies}" if d.copies else "")
                    for d in service.documents.all()
                ),
            )
            self.initial.setdefault("checklist_text", "\n".join(c.text for c in service.checklist.all()))
            self.initial.setdefault(
                "fees_text", "\n".join(f"{f.label} | {f.amount}" for f in service.fees.all())
            )

    def validate_unique(self):
        """Left to the service, which checks the slug and says so in Thai on the slug field."""

    def clean_steps_text(self):
        departments = {d.code: d for d in self.agency.departments.all()}
        steps = []
        for number, line in enumerate(_lines(self.cleaned_data["steps_text"]), 1):
            parts = [p.strip() for p in line.split("|")]
            try:
                days = int(to_arabic_digits(parts[1])) if len(parts) > 1 else -1
            except ValueError:
                days = -1
            if not parts[0] or not 0 <= days <= 365:
                raise ValidationError(_("บรรทัดที่ %(n)d: ต้องเป็น “ชื่อขั้นตอน | จำนวนวันทำการ”") % {"n": number})
            department = None
            if len(parts) > 2 and parts[2]:
                department = departments.get(parts[2])
                if department is None:
                    raise ValidationError(
                        _("บรรทัดที่ %(n)d: ไม่พบฝ่ายรหัส %(code)s") % {"n": number, "code": parts[2]}
                    )
            steps.append(StepSpec(parts[0][:300], days, department))
        if not steps:
            raise ValidationError(_("ต้องมีอย่างน้อยหนึ่งขั้นตอน"))
        return steps

    def clean_documents_text(self):
        out = []
        for line in _lines(self.cleaned_data["documents_text"]):
            required = not line.startswith("?")
            parts = [p.strip() for p in line.lstrip("?").split("|")]
            out.append(
                DocumentSpec(parts[0][:300], parts[1][:100] if len(parts) > 1 else "", required=required)
            )
        return out

    def clean_checklist_text(self):
        return [line[:400] for line in _lines(self.cleaned_data["checklist_text"])]

    def clean_fees_text(self):
        out = []
        for number, line in enumerate(_lines(self.cleaned_data["fees_text"]), 1):
            parts = [p.strip() for p in line.split("|")]
            try:
                amount = Decimal(re.sub(r"[,\s]", "", to_arabic_digits(parts[1]))) if len(parts) > 1 else None
            except InvalidOperation:
                amount = None
            if amount is None or amount < 0 or not parts[0]:
                raise ValidationError(_("บรรทัดที่ %(n)d: ต้องเป็น “รายการ | จำนวนเงิน”") % {"n": number})
            out.append(FeeSpec(parts[0][:300], amount.quantize(Decimal("0.01"))))
        return out

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def parts(self) -> dict:
        return {
            "steps": self.cleaned_data["steps_text"],
            "documents": self.cleaned_data["documents_text"],
            "checklist": self.cleaned_data["checklist_text"],
            "fees": self.cleaned_data["fees_text"],
        }
