from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai.forms import BEDateField
from prongsai.thai.money import MoneyError, parse_baht

from .models import Category, Method, Procurement


class BahtField(forms.CharField):
    """An amount typed as people type it ("1,234.50", Thai digits); Decimal with two places."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_baht(value)
        except MoneyError:
            raise forms.ValidationError(_("อ่านจำนวนเงินไม่ได้: “%(v)s”") % {"v": value}, code="money") from None


class ReportImportForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    file = forms.FileField(label=_("ไฟล์รายงาน (XLSX หรือ CSV)"))


class BudgetCreateForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)
    title = forms.CharField(label=_("ชื่อรายงาน"), max_length=300, required=False)


class LineForm(forms.Form):
    category = forms.ChoiceField(label=_("หมวดรายจ่าย"), choices=Category.choices)
    name = forms.CharField(label=_("รายการ"), max_length=300)
    amount = BahtField(label=_("งบประมาณตามข้อบัญญัติ (บาท)"))
    parent = forms.ChoiceField(label=_("อยู่ภายใต้รายการ (ถ้ามี)"), required=False)

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget
        self.fields["parent"].choices = [("", "—")] + [
            (str(line.pk), line.name) for line in budget.lines.all()
        ]

    def clean_parent(self):
        pk = self.cleaned_data.get("parent")
        return self.budget.lines.filter(pk=pk).first() if pk else None


class SnapshotForm(forms.Form):
    as_of = BEDateField(label=_("ข้อมูล ณ วันที่"))

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(budget.lines.filter(children=None))
        for line in self.lines:
            self.fields[f"line_{line.pk}"] = BahtField(
                label=_("เบิกจ่ายทั้งสิ้น: %(n)s") % {"n": line.name}, required=False
            )

    def amounts(self) -> dict[int, Decimal]:
        return {
            line.pk: self.cleaned_data[f"line_{line.pk}"]
            for line in self.lines
            if self.cleaned_data.get(f"line_{line.pk}") is not None
        }


class TransferForm(forms.Form):
    from_line = forms.ChoiceField(label=_("โอนจากรายการ"), required=False)
    to_line = forms.ChoiceField(label=_("โอนไปรายการ"), required=False)
    amount = BahtField(label=_("จำนวนเงิน (บาท)"))
    transferred_on = BEDateField(label=_("วันที่โอน"))
    note = forms.CharField(label=_("หมายเหตุ"), max_length=300, required=False)

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget
        choices = [("", _("— นอกหน่วยงาน —"))] + [
            (str(x.pk), x.name) for x in budget.lines.filter(children=None)
        ]
        self.fields["from_line"].choices = self.fields["to_line"].choices = choices

    def _line(self, name):
        pk = self.cleaned_data.get(name)
        return self.budget.lines.filter(pk=pk).first() if pk else None

    def clean_from_line(self):
        return self._line("from_line")

    def clean_to_line(self):
        return self._line("to_line")


class SubsidyForm(forms.Form):
    community = forms.CharField(label=_("ชุมชนผู้รับเงินอุดหนุน"), max_length=200)
    purpose = forms.CharField(label=_("วัตถุประสงค์"), max_length=400)
    amount = BahtField(label=_("จำนวนเงิน (บาท)"))
    paid_on = BEDateField(label=_("วันที่จ่าย"), required=False)


class OrdinanceForm(forms.Form):
    file = forms.FileField(label=_("ข้อบัญญัติงบประมาณ (PDF)"))


class ProcurementForm(forms.Form):
    title = forms.CharField(label=_("งานที่จัดซื้อหรือจัดจ้าง"), max_length=500)
    department = forms.ChoiceField(label=_("ฝ่ายที่จัดซื้อจัดจ้าง"))
    budget_amount = BahtField(label=_("วงเงินที่จะซื้อหรือจ้าง (บาท)"))
    reference_price = BahtField(label=_("ราคากลาง (บาท)"), required=False)
    method = forms.ChoiceField(label=_("วิธีซื้อหรือจ้าง"), choices=Method.choices)
    bids = forms.CharField(
        label=_("รายชื่อผู้เสนอราคาและราคาที่เสนอ"),
        help_text=_("บรรทัดละหนึ่งราย: ชื่อ | ราคา"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    winner = forms.CharField(label=_("ผู้ได้รับการคัดเลือก"), max_length=300, required=False)
    agreed_price = BahtField(label=_("ราคาที่ตกลงซื้อหรือจ้าง (บาท)"), required=False)
    reason = forms.CharField(label=_("เหตุผลที่คัดเลือกโดยสรุป"), max_length=500, required=False)
    contract_number = forms.CharField(label=_("เลขที่สัญญาหรือข้อตกลง"), max_length=100, required=False)
    contract_date = BEDateField(label=_("วันที่ของสัญญาหรือข้อตกลง"), required=False)
    egp_number = forms.RegexField(
        label=_("เลขที่โครงการ e-GP"),
        regex=r"^\d{11}$",
        required=False,
        error_messages={"invalid": _("เลขที่โครงการ e-GP มี ๑๑ หลัก")},
    )
    decided_on = BEDateField(label=_("วันที่ได้ผลการจัดซื้อจัดจ้าง (เดือนของ สขร.๑)"))
    status = forms.ChoiceField(label=_("สถานะ"), choices=Procurement.Status.choices)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = {str(d.pk): d for d in departments}
        self.fields["department"].choices = [(pk, d.name) for pk, d in self.departments.items()]

    def clean_department(self):
        return self.departments.get(self.cleaned_data.get("department"))

    def clean_bids(self):
        out = []
        for number, raw in enumerate((self.cleaned_data.get("bids") or "").splitlines(), start=1):
            if not raw.strip():
                continue
            name, sep, price = raw.rpartition("|")
            try:
                if not sep or not name.strip():
                    raise MoneyError(raw)
                out.append((name.strip(), parse_baht(price)))
            except MoneyError:
                raise forms.ValidationError(
                    _("บรรทัด %(n)s “%(raw)s”: เขียนเป็น ชื่อ | ราคา") % {"n": number, "raw": raw}
                ) from None
        return out

    def clean(self):
        data = super().clean()
        if data.get("winner") and data.get("agreed_price") is None:
            self.add_error("agreed_price", _("ระบุราคาที่ตกลงซื้อหรือจ้างของผู้ได้รับการคัดเลือก"))
        return data

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("bids")
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์"))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทเอกสาร"), choices=[])
    title = forms.CharField(label=_("ชื่อเอกสาร"), max_length=300)
    dated = BEDateField(label=_("วันที่"))
    file = forms.FileField(label=_("ไฟล์ (PDF)"))

    def __init__(self, *args, **kwargs):
        from .models import ProcurementDocument

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ProcurementDocument.Kind.choices


class Skr1ImportForm(forms.Form):
    department = forms.ChoiceField(label=_("ฝ่ายที่จัดซื้อจัดจ้าง"))
    file = forms.FileField(label=_("แบบ สขร.๑ (XLSX หรือ CSV)"))

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = {str(d.pk): d for d in departments}
        self.fields["department"].choices = [(pk, d.name) for pk, d in self.departments.items()]

    def clean_department(self):
        return self.departments.get(self.cleaned_data.get("department"))


class SpendingPlanForm(forms.Form):
    category = forms.ChoiceField(label=_("หมวดรายจ่าย"), choices=Category.choices)

    def __init__(self, *args, budget, **kwargs):
        from prongsai.thai.dates import format_be_date
        from prongsai.thai.fiscal import fiscal_year_months

        super().__init__(*args, **kwargs)
        self.months = fiscal_year_months(budget.fiscal_year)
        for month in self.months:
            label = format_be_date(month, "medium").split(" ", 1)[1]
            self.fields[f"m_{month:%Y_%m}"] = BahtField(
                label=_("แผนการเบิกจ่าย %(m)s") % {"m": label}, required=False
            )

    def amounts(self) -> dict:
        return {
            month: self.cleaned_data[f"m_{month:%Y_%m}"]
            for month in self.months
            if self.cleaned_data.get(f"m_{month:%Y_%m}") is not None
        }
