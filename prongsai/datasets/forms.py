from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ColumnKind, DatasetColumn, Frequency
from .services import ColumnSpec
from .values import RowProblem, ValueProblem, parse_period, parse_value

EXTRA_ROWS = 3


class DatasetForm(forms.Form):
    title = forms.CharField(label=_("ชื่อชุดข้อมูล"), max_length=300)
    department = forms.ModelChoiceField(label=_("ฝ่ายที่รับผิดชอบ"), queryset=None)
    frequency = forms.ChoiceField(label=_("รอบของข้อมูล"), choices=Frequency.choices)
    description = forms.CharField(
        label=_("คำอธิบาย"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    unit_note = forms.CharField(label=_("หมายเหตุหน่วยนับ"), max_length=300, required=False)
    disclosure_item_code = forms.CharField(
        label=_("รายการ OIT ที่แนบ (เช่น o12)"), max_length=10, required=False
    )
    chart_column = forms.CharField(
        label=_("รหัสคอลัมน์ที่แสดงเป็นแผนภูมิ (ว่าง = คอลัมน์ตัวเลขแรก)"), max_length=40, required=False
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments

    def clean_disclosure_item_code(self):
        code = self.cleaned_data["disclosure_item_code"].strip().lower()
        if code and not re.fullmatch(r"o\d{1,3}", code):
            raise forms.ValidationError(_("รหัสรายการเขียนเช่น o12"))
        return code


class ColumnForm(forms.Form):
    label = forms.CharField(label=_("หัวคอลัมน์ (ว่าง = ไม่ใช้แถวนี้)"), max_length=200, required=False)
    key = forms.SlugField(label=_("รหัส (อังกฤษ ว่างได้)"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("ชนิด"), choices=ColumnKind.choices)
    unit = forms.CharField(label=_("หน่วย"), max_length=50, required=False)
    required = forms.BooleanField(label=_("ต้องกรอก"), required=False)


class BaseColumnFormSet(forms.BaseFormSet):
    def specs(self) -> list[ColumnSpec]:
        specs, used = [], set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or (self.can_delete and self._should_delete_form(form)) or not data.get("label"):
                continue
            key = data["key"] or ""
            if not key:
                number = len(specs) + 1
                while f"col{number}" in used:
                    number += 1
                key = f"col{number}"
            used.add(key)
            specs.append(ColumnSpec(key, data["label"], data["kind"], data["unit"], data["required"]))
        return specs

    def clean(self):
        if any(self.errors):
            return
        keys = [f.cleaned_data.get("key") for f in self.forms if getattr(f, "cleaned_data", None)]
        keys = [k for k in keys if k]
        if len(keys) != len(set(keys)):
            raise forms.ValidationError(_("รหัสคอลัมน์ซ้ำกัน"))
        if not self.specs():
            raise forms.ValidationError(_("ชุดข้อมูลต้องมีอย่างน้อยหนึ่งคอลัมน์"))


ColumnFormSet = forms.formset_factory(ColumnForm, formset=BaseColumnFormSet, extra=3, can_delete=True)


class PeriodField(forms.CharField):
    def __init__(self, *args, frequency: str = Frequency.MONTHLY, **kwargs):
        self.frequency = frequency
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_period(self.frequency, value)
        except ValueProblem as exc:
            raise forms.ValidationError(str(exc)) from None


class ImportForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ Excel (XLSX) หรือ CSV"))

    def __init__(self, *args, frequency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"] = PeriodField(
            label=_("ช่วงเวลาของทั้งไฟล์ (เช่น 2566-03 หรือ มี.ค. 2566; ว่างได้ถ้าไฟล์มีคอลัมน์ช่วงเวลา)"),
            required=False,
            frequency=frequency,
        )


class PeriodChoiceForm(forms.Form):
    def __init__(self, *args, frequency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"] = PeriodField(
            label=_("ช่วงเวลา (เช่น 2566-03 หรือ มี.ค. 2566)"), frequency=frequency
        )


def grid_read(
    data, columns: list[DatasetColumn], count: int
) -> tuple[list[dict], list[RowProblem], list[list]]:
    """The rows typed in the entry grid: (valid rows, problems, the grid as typed to show again)."""
    rows, problems, typed_grid = [], [], []
    for index in range(count):
        raw = [data.get(f"r{index}-{c.key}", "") for c in columns]
        typed_grid.append(raw)
        if all(not str(v).strip() for v in raw):
            continue
        values, ok = {}, True
        for column, value in zip(columns, raw, strict=False):
            try:
                values[column.key] = parse_value(column.kind, value, required=column.required)
            except ValueProblem as exc:
                problems.append(RowProblem(index + 1, column.label, str(exc)))
                ok = False
        if ok:
            rows.append(values)
    return rows, problems, typed_grid
