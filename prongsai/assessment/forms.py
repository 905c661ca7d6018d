"""Forms of the self-assessment. The survey form is built from the round's instrument: one radio group per
sub-item, named ``<question>_<n>``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from prongsai.thai.fiscal import fiscal_year

from . import scoring


class SurveyForm(forms.Form):
    def __init__(self, *args, instrument: dict, kind: str, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.kind = kind
        if kind == "iit":
            self.fields["code"] = forms.CharField(
                label=_("รหัสเชิญตอบ (จากบัตรที่ได้รับ)"),
                max_length=20,
                error_messages={"required": _("กรอกรหัสเชิญตอบจากบัตรที่ได้รับ")},
                widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
            )
            self.fields["department"] = forms.ModelChoiceField(
                label=_("ฝ่ายของท่าน (ไม่บังคับ)"),
                queryset=agency.departments.filter(is_active=True).order_by("order", "name"),
                required=False,
                empty_label=_("ไม่ระบุ"),
                help_text=_("ผลรายฝ่ายแสดงเฉพาะฝ่ายที่มีผู้ตอบตั้งแต่ ๕ คนขึ้นไป"),
            )
        self.questions = []
        for question in scoring.questions_of(instrument, kind):
            scale = instrument["scales"][question["scale"]]
            choices = [(str(value), label) for value, label in scale["choices"]]
            names = []
            for index, item in enumerate(question["items"]):
                name = f"{question['code']}_{index}"
                self.fields[name] = forms.ChoiceField(
                    label=item["text"] or question["text"],
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("โปรดเลือกคำตอบ")},
                )
                names.append(name)
            self.questions.append((question, names))

    def grouped(self):
        """(question, [bound fields]) for the template."""
        return [(question, [self[name] for name in names]) for question, names in self.questions]

    def answers(self) -> dict:
        out = {}
        for question, names in self.questions:
            kind = self.instrument["scales"][question["scale"]]["kind"]
            values = [self.cleaned_data[n] for n in names]
            out[question["code"]] = [int(v) for v in values] if kind == "level" else values
        return out


class RoundOpenForm(forms.Form):
    title = forms.CharField(label=_("ชื่อรอบ"), max_length=200)
    year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2560, max_value=2700)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        self.fields["year"].initial = fiscal_year(timezone.localdate())


class RoundSettingsForm(forms.Form):
    title = forms.CharField(label=_("ชื่อรอบ"), max_length=200)
    eit_outside = forms.DecimalField(
        label=_("คะแนนที่คาดว่า EIT ส่วนที่ ๒ จะได้ (เว้นว่าง: เท่ากับส่วนที่ ๑)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
    )
    iit_target = forms.IntegerField(label=_("จำนวนผู้ตอบ IIT ที่ต้องการ"), min_value=1, max_value=100000)
    eit_target = forms.IntegerField(label=_("จำนวนผู้ตอบ EIT ที่ต้องการ"), min_value=1, max_value=100000)


class InvitationForm(forms.Form):
    FORMATS = [("pdf", _("บัตรรหัสสำหรับพิมพ์ (PDF)")), ("csv", _("รายการรหัส (CSV)"))]
    count = forms.IntegerField(label=_("จำนวนรหัส"), min_value=1, max_value=500, initial=30)
    format = forms.ChoiceField(label=_("รูปแบบ"), choices=FORMATS, initial="pdf")


class WordingForm(forms.Form):
    """One text box for each question and each of its sub-items."""

    def __init__(self, *args, instrument: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for question in instrument["questions"]:
            name = f"{question['code']}_text"
            self.fields[name] = forms.CharField(
                label=question["code"].upper(),
                initial=question["text"],
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            items = []
            for index, item in enumerate(question["items"]):
                if not item["text"]:
                    continue
                item_name = f"{question['code']}_item_{index}"
                self.fields[item_name] = forms.CharField(
                    label=_("%(code)s ข้อย่อย %(n)s") % {"code": question["code"].upper(), "n": index + 1},
                    initial=item["text"],
                )
                items.append(item_name)
            self.rows.append((question, name, items))

    def grouped(self):
        return [(q, self[name], [self[i] for i in items]) for q, name, items in self.rows]

    def texts(self) -> dict:
        out = {}
        for question, name, _items in self.rows:
            texts = []
            for index, item in enumerate(question["items"]):
                key = f"{question['code']}_item_{index}"
                texts.append(self.cleaned_data[key] if key in self.cleaned_data else item["text"])
            out[question["code"]] = {"text": self.cleaned_data[name], "items": texts}
        return out
