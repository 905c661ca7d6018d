from django import forms

from .dates import ThaiDateError, format_be_date, parse_be_date


class BEDateInput(forms.TextInput):
    """Shows a stored Gregorian date as a Buddhist-era date, the way staff type it."""

    def format_value(self, value):
        if hasattr(value, "year"):
            return format_be_date(value, style="medium")
        return value


class BEDateField(forms.CharField):
    """A date typed as in real documents (Thai or Arabic digits, BE year); an unreadable one is an error."""

    widget = BEDateInput

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return parse_be_date(value)
        except ThaiDateError as exc:
            raise forms.ValidationError(str(exc), code="invalid_date") from exc
