"""Forms of the risk register and the announcements (what is typed is checked here; the rules in
``register.py``)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies import access
from prongsai.disclosure.providers import references
from prongsai.thai.fiscal import fiscal_year
from prongsai.thai.forms import BEDateField

from .models import Announcement, AuditFinding, Risk

SCORES = [(n, str(n)) for n in range(1, 6)]


def _score(label):
    return forms.TypedChoiceField(label=label, choices=SCORES, coerce=int)


class RiskForm(forms.ModelForm):
    likelihood = _score(_("โอกาส (ก่อนควบคุม)"))
    impact = _score(_("ผลกระทบ (ก่อนควบคุม)"))
    residual_likelihood = _score(_("โอกาส (หลังควบคุม)"))
    residual_impact = _score(_("ผลกระทบ (หลังควบคุม)"))
    activity_refs = forms.MultipleChoiceField(
        label=_("กิจกรรมตามแผนที่จัดการความเสี่ยงนี้"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("ผลการดำเนินงานรายเดือนของกิจกรรมเหล่านี้คือสถานะรายเดือนของการจัดการความเสี่ยง"),
    )

    class Meta:
        model = Risk
        fields = [
            "fiscal_year", "department", "process", "kind", "title", "cause", "likelihood", "impact",
            "controls", "residual_likelihood", "residual_impact", "owner", "treatment",
        ]  # fmt: skip
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "controls": forms.Textarea(attrs={"rows": 3}),
            "treatment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, agency, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = access.departments_in_scope(user, agency).order_by(
            "order", "name"
        )
        if not self.instance.pk:
            self.fields["fiscal_year"].initial = fiscal_year(timezone.localdate())
        self.fields["activity_refs"].choices = [
            (r.key, r.label) for r in references(agency, "plans.activity")
        ]
        self.fields["activity_refs"].initial = list(self.instance.activity_refs or [])


class CriterionForm(forms.Form):
    label = forms.CharField(label=_("ชื่อระดับ"), max_length=50)
    description = forms.CharField(label=_("เกณฑ์"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class StateForm(forms.Form):
    state = forms.ChoiceField(label=_("สถานะ"), choices=Risk.State.choices)
    note = forms.CharField(label=_("หมายเหตุ"), required=False, max_length=1000)


class SourceForm(forms.Form):
    complaint_ref = forms.CharField(label=_("เลขที่เรื่องร้องเรียนการทุจริต"), required=False, max_length=20)
    finding = forms.ModelChoiceField(
        label=_("ข้อตรวจพบจากการตรวจสอบ"), queryset=AuditFinding.objects.none(), required=False
    )

    def __init__(self, *args, agency, allow_complaint: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = AuditFinding.objects.for_agency(agency)
        if not allow_complaint:
            del self.fields["complaint_ref"]

    def clean(self):
        data = super().clean()
        if not data.get("complaint_ref") and not data.get("finding"):
            raise forms.ValidationError(_("โปรดระบุเลขที่เรื่องร้องเรียนหรือเลือกข้อตรวจพบ"))
        return data


class FindingForm(forms.Form):
    source = forms.CharField(label=_("ผู้ตรวจสอบ/แหล่งที่มา"), max_length=200)
    found_on = BEDateField(label=_("วันที่ตรวจพบ (พ.ศ.)"))
    text = forms.CharField(label=_("ข้อตรวจพบ"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    document = forms.FileField(label=_("เอกสาร (PDF, JPEG หรือ PNG)"), required=False)


class AnnouncementForm(forms.ModelForm):
    signed_on = BEDateField(label=_("วันที่ลงนาม (พ.ศ.)"))
    signed_pdf = forms.FileField(label=_("ฉบับลงนาม (PDF)"), required=False)

    class Meta:
        model = Announcement
        fields = [
            "kind",
            "fiscal_year",
            "title",
            "text",
            "signer_name",
            "signer_position",
            "signed_on",
            "renews",
        ]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["renews"].queryset = Announcement.objects.for_agency(agency).filter(
            state=Announcement.State.PUBLISHED
        )
        self.fields["renews"].required = False
        if not self.instance.pk:
            self.fields["fiscal_year"].initial = fiscal_year(timezone.localdate())


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("ภาพกิจกรรม (JPEG หรือ PNG)"))
    caption = forms.CharField(label=_("คำบรรยายภาพ"), max_length=300)


class ReviewForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("ผลการพิจารณา"), choices=[("1", _("อนุมัติให้เผยแพร่")), ("0", _("ส่งกลับแก้ไข"))],
        coerce=lambda v: v == "1", widget=forms.RadioSelect,
    )  # fmt: skip
    comment = forms.CharField(label=_("ความเห็น"), required=False, max_length=1000)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("เหตุผลที่ถอน"), max_length=1000)
