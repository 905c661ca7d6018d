from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai.fiscal import fiscal_year

from .models import ProgressStatus


class PlanImportForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์แผน (ข้อความ .txt ที่แปลงจาก Word/PDF)"))
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        raw = upload.read()
        if b"\x00" in raw[:4096]:
            raise forms.ValidationError(_("อ่านไฟล์นี้ไม่ได้ ต้องเป็นไฟล์ข้อความ (UTF-8)"))
        try:
            return upload.name, raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("อ่านไฟล์นี้ไม่ได้ ต้องเป็นไฟล์ข้อความ (UTF-8)")) from None


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
