from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Department
from prongsai.disclosure.providers import references
from prongsai.thai.forms import BEDateField

from .models import AgencyProfile, Executive, Law, NewsPost, PolicyLink, School, SubDistrict

IMAGE_ACCEPT = {"accept": "image/jpeg,image/png"}


def _https_urls(field, **kwargs):
    # A web address typed without a scheme means https (Django 6's default; 5.2 still warns).
    from django.db import models

    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class HttpsModelForm(forms.ModelForm):
    """Web addresses typed without a scheme mean https."""


class AgencyScopedForm(HttpsModelForm):
    """Choices of departments (and activities) are limited to the agency of the page."""

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        if "department" in self.fields:
            self.fields["department"].queryset = Department.objects.for_agency(agency).filter(is_active=True)


class ExecutiveForm(AgencyScopedForm):
    photo_upload = forms.FileField(
        label=_("ภาพถ่าย (JPEG หรือ PNG)"), required=False, widget=forms.ClearableFileInput(attrs=IMAGE_ACCEPT)
    )

    class Meta:
        formfield_callback = _https_urls  # not inherited: each form's Meta names it
        model = Executive
        fields = ["kind", "department", "name", "position", "phone", "email", "order", "is_active"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Executive.Kind.HEAD and not data.get("department"):
            self.add_error("department", _("หัวหน้าฝ่ายต้องระบุฝ่าย"))
        return data


class StaffingForm(forms.Form):
    department = forms.ModelChoiceField(label=_("ฝ่าย"), queryset=Department.objects.none())
    positions = forms.IntegerField(label=_("อัตรากำลังตามกรอบ"), min_value=0)
    filled = forms.IntegerField(label=_("มีคนครอง"), min_value=0)
    as_of = BEDateField(label=_("ข้อมูล ณ วันที่"), required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.for_agency(agency).filter(is_active=True)

    def clean(self):
        data = super().clean()
        if (
            data.get("filled") is not None
            and data.get("positions") is not None
            and data["filled"] > data["positions"]
        ):
            self.add_error("filled", _("จำนวนที่มีคนครองต้องไม่เกินอัตรากำลังตามกรอบ"))
        return data


class AreaForm(HttpsModelForm):
    facts_as_of = BEDateField(label=_("ข้อมูล ณ วันที่"), required=False)
    area_plan_upload = forms.FileField(label=_("ไฟล์แผนพัฒนาเชิงพื้นที่ (PDF)"), required=False)

    class Meta:
        formfield_callback = _https_urls  # not inherited: each form's Meta names it
        model = AgencyProfile
        fields = [
            "powers",
            "area_km2",
            "population",
            "households",
            "facts_as_of",
            "area_plan_title",
            "area_plan_url",
        ]


class ContactForm(HttpsModelForm):
    class Meta:
        formfield_callback = _https_urls  # not inherited: each form's Meta names it
        model = AgencyProfile
        fields = [
            "address",
            "map_url",
            "phone",
            "fax",
            "email",
            "website",
            "facebook_url",
            "line_id",
            "other_social",
            "opening_hours",
            "qa_url",
            "feedback_url",
            "complaints_url",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "opening_hours": forms.Textarea(attrs={"rows": 3}),
        }


class SubDistrictForm(HttpsModelForm):
    class Meta:
        formfield_callback = _https_urls  # not inherited: each form's Meta names it
        model = SubDistrict
        fields = ["name", "area_km2", "communities", "population", "order"]


class PolicyLinkForm(HttpsModelForm):
    class Meta:
        formfield_callback = _https_urls  # not inherited: each form's Meta names it
        model = PolicyLink
        fields = ["title", "url", "order"]


class LawForm(AgencyScopedForm):
    issued_on = BEDateField(label=_("วันที่ประกาศ"), required=False)
    file_upload = forms.FileField(label=_("ไฟล์ (PDF หรือ DOCX)"), required=False)

    class Meta:
        formfield_callback = _https_urls  # not inherited: each form's Meta names it
        model = Law
        fields = ["department", "category", "title", "issued_on", "url", "order", "is_active"]


class SchoolForm(HttpsModelForm):
    class Meta:
        formfield_callback = _https_urls  # not inherited: each form's Meta names it
        model = School
        fields = ["name", "address", "phone", "order"]


class SchoolYearForm(forms.Form):
    school = forms.ModelChoiceField(label=_("โรงเรียน"), queryset=School.objects.none())
    year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    teachers = forms.IntegerField(label=_("จำนวนครู"), min_value=0)
    students = forms.IntegerField(label=_("จำนวนนักเรียน"), min_value=0)
    subsidy = forms.DecimalField(label=_("เงินอุดหนุน (บาท)"), min_value=0, max_digits=14, decimal_places=2)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.for_agency(agency)


class SchoolImportForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์ XLSX"),
        help_text=_("แถวแรกเป็นหัวตาราง: โรงเรียน | ปี | ครู | นักเรียน | เงินอุดหนุน มีแถวผิดแม้แถวเดียว ระบบไม่บันทึกทั้งไฟล์"),
    )


class NewsForm(HttpsModelForm):
    publish_date = BEDateField(label=_("วันที่เผยแพร่"), required=False, help_text=_("เว้นว่าง = วันนี้"))
    publish_time = forms.TimeField(label=_("เวลาเผยแพร่"), required=False, help_text=_("เช่น 09:00"))
    activity = forms.ChoiceField(label=_("กิจกรรมตามแผนที่ข่าวนี้รายงาน"), required=False)

    class Meta:
        formfield_callback = _https_urls  # not inherited: each form's Meta names it
        model = NewsPost
        fields = ["title", "summary", "body", "status"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2}), "body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "---------")] + [
            (ref.key, ref.label) for ref in references(agency, "plans.activity")
        ]
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            self.fields["activity"].initial = instance.activity_ref
            if instance.publish_at:
                local = timezone.localtime(instance.publish_at)
                self.fields["publish_date"].initial = local.date()
                self.fields["publish_time"].initial = local.time().replace(second=0, microsecond=0)

    def publish_at(self):
        date = self.cleaned_data.get("publish_date")
        if self.cleaned_data.get("status") == NewsPost.Status.DRAFT and date is None:
            return self.instance.publish_at if self.instance.pk else None
        if date is None:
            return timezone.now()
        moment = datetime.combine(date, self.cleaned_data.get("publish_time") or time(0, 0))
        return timezone.make_aware(moment)


class NewsPhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("ภาพ (JPEG หรือ PNG)"), widget=forms.ClearableFileInput(attrs=IMAGE_ACCEPT)
    )
    alt = forms.CharField(label=_("คำอธิบายภาพ (สำหรับผู้พิการทางสายตา)"), max_length=300)


class NewsAttachmentForm(forms.Form):
    attachment = forms.FileField(label=_("เอกสารแนบ (PDF, DOCX, XLSX, JPEG, PNG)"))
    title = forms.CharField(label=_("ชื่อเอกสาร"), max_length=300)
