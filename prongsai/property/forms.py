from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai.forms import BEDateField
from prongsai.thai.money import MoneyError, parse_baht

from .models import Asset, AssetStatus, Category, Condition, CustodyKind, Donation, StockResult

DATE_HELP = _("พ.ศ. เช่น 15 มี.ค. 2566 หรือ ๑๕ มีนาคม ๒๕๖๖")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class MoneyField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_baht(value)
        except MoneyError as exc:
            raise forms.ValidationError(_("อ่านจำนวนเงินไม่ได้: %(text)s") % {"text": value}) from exc


class AssetForm(forms.Form):
    number = forms.CharField(label=_("เลขที่ครุภัณฑ์"), max_length=60)
    name = forms.CharField(label=_("ชื่อทรัพย์สิน"), max_length=300)
    category = forms.ChoiceField(label=_("ประเภท"), choices=Category.choices)
    description = forms.CharField(
        label=_("รายละเอียด (ยี่ห้อ รุ่น ขนาด)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    acquired_on = BEDateField(label=_("วันที่ได้มา"), required=False, help_text=DATE_HELP)
    price = MoneyField(label=_("ราคาที่ได้มา (บาท)"), required=False)
    source = forms.ChoiceField(label=_("ที่มา"), choices=Asset._meta.get_field("source").choices)
    location = forms.CharField(label=_("สถานที่เก็บ/ติดตั้ง"), max_length=300, required=False)
    department = forms.ModelChoiceField(label=_("ฝ่ายผู้ดูแล"), queryset=None)
    custodian_name = forms.CharField(label=_("ผู้รับผิดชอบดูแล"), max_length=200, required=False)
    condition = forms.ChoiceField(label=_("สภาพ"), choices=Condition.choices)
    lendable_to_public = forms.BooleanField(label=_("ให้ประชาชนยืมได้ (เช่น เต็นท์ โต๊ะ เก้าอี้)"), required=False)
    photos = FilesField(label=_("ภาพถ่าย (JPEG/PNG)"), required=False)
    documents = FilesField(label=_("เอกสาร (PDF)"), required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class AssetStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("เปลี่ยนสถานะเป็น"),
        choices=[(s, label) for s, label in AssetStatus.choices if s != AssetStatus.ON_LOAN],
    )
    note = forms.CharField(label=_("เหตุผล/เลขที่หนังสืออนุมัติ"), max_length=500, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ทะเบียนทรัพย์สิน (XLSX หรือ CSV)"))


class AssetFilter(forms.Form):
    q = forms.CharField(label=_("ค้นหา"), required=False)
    department = forms.ModelChoiceField(label=_("ฝ่าย"), queryset=None, required=False, empty_label=_("ทุกฝ่าย"))
    status = forms.ChoiceField(
        label=_("สถานะ"), choices=[("", _("ทุกสถานะ")), *AssetStatus.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("ประเภท"), choices=[("", _("ทุกประเภท")), *Category.choices], required=False
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class LoanForm(forms.Form):
    starts_on = BEDateField(label=_("วันที่ยืม"), help_text=DATE_HELP)
    ends_on = BEDateField(label=_("วันที่กำหนดคืน"), help_text=DATE_HELP)
    purpose = forms.CharField(
        label=_("วัตถุประสงค์การใช้งาน"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StaffLoanForm(LoanForm):
    borrower_name = forms.CharField(label=_("ชื่อผู้ยืม"), max_length=200)


class PublicLoanForm(LoanForm):
    borrower_name = forms.CharField(label=_("ชื่อ-นามสกุลผู้ขอยืม"), max_length=200)
    borrower_phone = forms.CharField(label=_("เบอร์โทรศัพท์"), max_length=30)
    borrower_email = forms.EmailField(label=_("อีเมล (รับแจ้งผลการพิจารณาและเตือนวันคืน)"), required=False)
    consent = forms.BooleanField(
        label=_("ข้าพเจ้ายินยอมให้หน่วยงานใช้ชื่อและเบอร์โทรศัพท์เพื่อพิจารณาคำขอยืมนี้เท่านั้น"), required=True
    )
    # A field people do not see: a form that fills it is a robot.
    website = forms.CharField(
        required=False,
        label=_("เว็บไซต์"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )


class LoanActionForm(forms.Form):
    note = forms.CharField(label=_("หมายเหตุ"), max_length=1000, required=False)
    condition = forms.ChoiceField(label=_("สภาพทรัพย์สิน"), choices=Condition.choices, required=False)


class TrackForm(forms.Form):
    code = forms.CharField(label=_("รหัสติดตามคำขอยืม"), max_length=20)


class SettingsForm(forms.Form):
    measures = forms.CharField(
        label=_("มาตรการจัดการทรัพย์สินของราชการ ของบริจาค และการจัดเก็บของกลาง"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
    )
    borrowing_rules = forms.CharField(
        label=_("วิธีการยืม คืน และการใช้ทรัพย์สินของราชการ"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
    )


class DonationForm(forms.Form):
    received_on = BEDateField(label=_("วันที่รับ"), help_text=DATE_HELP)
    donor_kind = forms.ChoiceField(label=_("ผู้บริจาคเป็น"), choices=Donation.DonorKind.choices)
    donor_name = forms.CharField(label=_("ชื่อผู้บริจาค"), max_length=200)
    donor_contact = forms.CharField(label=_("ที่อยู่/เบอร์ติดต่อผู้บริจาค"), max_length=300, required=False)
    anonymous = forms.BooleanField(label=_("ไม่ประสงค์ออกนามต่อสาธารณะ"), required=False)
    description = forms.CharField(label=_("สิ่งที่บริจาค"), max_length=300)
    quantity = forms.IntegerField(label=_("จำนวน"), min_value=1)
    unit = forms.CharField(label=_("หน่วยนับ"), max_length=30)
    value = MoneyField(label=_("มูลค่า (บาท)"))
    purpose = forms.CharField(label=_("วัตถุประสงค์"), max_length=300)
    department = forms.ModelChoiceField(label=_("ฝ่ายผู้รับ"), queryset=None)
    disposition = forms.ChoiceField(label=_("การนำไปใช้"), choices=Donation.Disposition.choices)
    disposition_note = forms.CharField(label=_("รายละเอียดการนำไปใช้"), max_length=500, required=False)
    asset_number = forms.CharField(label=_("เลขที่ครุภัณฑ์ (เมื่อลงทะเบียนเป็นทรัพย์สิน)"), max_length=60, required=False)
    documents = FilesField(label=_("เอกสาร (หนังสือขอบคุณ ใบรับ)"), required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class SeizedForm(forms.Form):
    seized_on = BEDateField(label=_("วันที่ยึด/รับของกลาง"), help_text=DATE_HELP)
    description = forms.CharField(label=_("รายการของกลาง"), max_length=500)
    quantity = forms.IntegerField(label=_("จำนวน"), min_value=1)
    unit = forms.CharField(label=_("หน่วยนับ"), max_length=30)
    seal_number = forms.CharField(label=_("หมายเลขตราผนึก"), max_length=60, required=False)
    rule = forms.ModelChoiceField(label=_("กฎหมาย"), queryset=None)
    case_reference = forms.CharField(label=_("เลขที่บันทึกการจับกุม/คดี"), max_length=120)
    seized_by = forms.CharField(label=_("เจ้าหน้าที่ผู้ยึด"), max_length=300)
    witnesses = forms.CharField(label=_("พยาน"), max_length=500, required=False)
    owner_name = forms.CharField(label=_("ชื่อเจ้าของ/ผู้ครอบครอง"), max_length=200, required=False)
    owner_contact = forms.CharField(label=_("ที่อยู่/เบอร์ติดต่อเจ้าของ"), max_length=300, required=False)
    department = forms.ModelChoiceField(label=_("ฝ่ายผู้เก็บรักษา"), queryset=None)
    place = forms.CharField(label=_("สถานที่เก็บ"), max_length=300)
    photos = FilesField(label=_("ภาพถ่ายของกลาง (JPEG/PNG)"), required=False)
    documents = FilesField(label=_("เอกสาร (บันทึกการยึด)"), required=False)

    def __init__(self, *args, departments, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["rule"].queryset = rules


class CustodyForm(forms.Form):
    kind = forms.ChoiceField(label=_("การดำเนินการ"), choices=CustodyKind.choices)
    occurred_on = BEDateField(label=_("วันที่ดำเนินการ"), help_text=DATE_HELP)
    to_holder = forms.CharField(label=_("ผู้รับมอบ/ผู้ครอบครองใหม่"), max_length=300)
    to_place = forms.CharField(label=_("สถานที่ใหม่"), max_length=300, required=False)
    note = forms.CharField(
        label=_("รายละเอียด/เลขที่หนังสือ"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    documents = FilesField(label=_("เอกสาร (บันทึกส่งมอบ ใบรับ)"), required=False)


class StockTakeStartForm(forms.Form):
    department = forms.ModelChoiceField(label=_("ฝ่าย"), queryset=None)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


RESULT_CHOICES = StockResult.choices
