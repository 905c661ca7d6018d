from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai.fiscal import fiscal_year
from prongsai.thai.forms import BEDateField

from .models import Activity, MemoSettings, Plan, ProgressStatus
from .parser import MAX_PLAN_BYTES, PlanTextError, decode_plan_file


class PlanImportForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์แผน (ข้อความ .txt ที่แปลงจาก Word/PDF)"))
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    kind = forms.ChoiceField(
        label=_("ประเภทแผน"), choices=Plan.Kind.choices, initial=Plan.Kind.INTEGRITY, required=False
    )

    def clean_kind(self):
        return self.cleaned_data["kind"] or Plan.Kind.INTEGRITY

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The size first: a file over the limit is never read into memory.
        raw = upload.read(MAX_PLAN_BYTES + 1)
        try:
            return upload.name, decode_plan_file(raw)
        except PlanTextError as exc:
            raise forms.ValidationError(str(exc)) from None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    period = forms.DateField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("สถานะ"), choices=ProgressStatus.choices)
    percent = forms.IntegerField(label=_("ร้อยละความคืบหน้า"), min_value=0, max_value=100)
    narrative = forms.CharField(
        label=_("ผลการดำเนินงาน"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    files = MultipleFileField(
        label=_("หลักฐาน (PDF, Word, Excel, CSV, JPEG, PNG ไม่เกิน 20 MB)"), required=False
    )
    link_url = forms.URLField(label=_("ลิงก์หลักฐาน (ถ้ามี)"), required=False, assume_scheme="https")
    link_title = forms.CharField(label=_("ชื่อลิงก์"), required=False, max_length=300)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("รับรอง")), ("return", _("ส่งกลับแก้ไข"))])
    comment = forms.CharField(label=_("ความเห็น"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


def default_year(today) -> int:
    return fiscal_year(today)


class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทแผน"), choices=Plan.Kind.choices)
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    title = forms.CharField(label=_("ชื่อแผน"), max_length=500)


class ActivityForm(forms.ModelForm):
    due_date = BEDateField(
        label=_("แล้วเสร็จภายใน (พ.ศ.)"), required=False, help_text=_("เช่น 30 มี.ค. 2566 หรือ ๓๐ มีนาคม ๒๕๖๖")
    )
    channels_text = forms.CharField(
        label=_("วิธีการสร้างการรับรู้ (บรรทัดละหนึ่งช่องทาง)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Activity
        fields = [
            "indicator",
            "focus",
            "name",
            "output",
            "due_date",
            "departments",
            "all_departments",
            "monitoring_months",
        ]
        widgets = {
            "focus": forms.Textarea(attrs={"rows": 2}),
            "name": forms.Textarea(attrs={"rows": 3}),
            "output": forms.Textarea(attrs={"rows": 2}),
            "departments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        # Only this plan's indicators and this agency's departments can be chosen.
        self.fields["indicator"].queryset = plan.indicators.all()
        self.fields["indicator"].required = False
        self.fields["departments"].queryset = plan.agency.departments.filter(is_active=True)
        if self.instance.pk:
            self.fields["channels_text"].initial = "\n".join(self.instance.channels)

    def clean(self):
        data = super().clean()
        if not data.get("focus") and not data.get("name"):
            raise forms.ValidationError(_("ต้องระบุประเด็นหรือกิจกรรมอย่างน้อยหนึ่งอย่าง"))
        if not data.get("all_departments") and not data.get("departments"):
            self.add_error("departments", _("ต้องมอบหมายอย่างน้อยหนึ่งฝ่าย หรือเลือกทุกฝ่าย"))
        data["channels"] = [c.strip() for c in data.pop("channels_text", "").splitlines() if c.strip()]
        return data


class ResolveForm(forms.Form):
    """How the coordinator closes one import warning (services.warning_resolve)."""

    action = forms.ChoiceField(
        choices=[
            ("assign_indicator", _("จัดไว้ในตัวชี้วัด")),
            ("set_departments", _("มอบหมายฝ่าย")),
            ("correct_agency", _("แก้ชื่อหน่วยงาน")),
            ("set_due_date", _("กำหนดวันที่แล้วเสร็จ")),
            ("accept", _("ยืนยันตามเอกสาร")),
        ]
    )
    indicator_number = forms.CharField(label=_("ตัวชี้วัดที่"), max_length=10, required=False)
    indicator_title = forms.CharField(label=_("ชื่อตัวชี้วัด (ถ้าเป็นตัวชี้วัดใหม่)"), max_length=300, required=False)
    departments = forms.ModelMultipleChoiceField(
        label=_("ฝ่าย"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    replacement = forms.CharField(label=_("แก้เป็น"), max_length=300, required=False)
    due_date = BEDateField(label=_("แล้วเสร็จภายใน (พ.ศ.)"), required=False)
    note = forms.CharField(label=_("หมายเหตุ / เหตุผล"), max_length=1000, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = agency.departments.filter(is_active=True)


class StartFromForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณของแผนใหม่ (พ.ศ.)"), min_value=2500, max_value=2700)


class MemoSettingsForm(forms.ModelForm):
    class Meta:
        model = MemoSettings
        fields = ["office", "number_prefix", "signer_name", "signer_position", "font", "emblem"]
