"""The survey's questions as a form, and the export's period."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_sensible_date

from . import survey
from .queries import Period, previous_year

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AnswersForm(forms.Form):
    """One field per question: checkboxes for several answers, radio buttons for one."""

    def __init__(self, *args, answers=None, **kwargs):
        kwargs.setdefault(
            "initial", {question.key: question.value(answers) for question in survey.QUESTIONS}
        )
        super().__init__(*args, **kwargs)
        for question in survey.QUESTIONS:
            choices = [(option.key, option.label) for option in question.options]
            if question.multiple:
                field = forms.MultipleChoiceField(
                    choices=choices, required=False, widget=forms.CheckboxSelectMultiple
                )
            else:
                field = forms.ChoiceField(
                    choices=[("", _("Not answered yet")), *choices],
                    required=False,
                    widget=forms.RadioSelect,
                )
            field.label = question.label
            field.help_text = question.help_text
            self.fields[question.key] = field

    def values(self) -> dict:
        return survey.field_values(self.cleaned_data)


class PeriodForm(forms.Form):
    """``fra`` and ``til``, both included; left empty, the previous calendar year, and with
    one of them only, the rest of its calendar year."""

    fra = forms.DateField(
        label=_("From"), required=False, widget=DATE, validators=[validate_sensible_date]
    )
    til = forms.DateField(
        label=_("To"),
        required=False,
        widget=DATE,
        validators=[validate_sensible_date],
        help_text=_("Both days are included."),
    )

    def __init__(self, *args, today: date, **kwargs):
        self.default = previous_year(today)
        kwargs.setdefault("initial", {"fra": self.default.start, "til": self.default.end})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        start, end = cleaned.get("fra"), cleaned.get("til")
        if start is None and end is None:
            start, end = self.default.start, self.default.end
        # With one day only, the rest of its calendar year: the survey asks by year.
        start = start or date(end.year, 1, 1)
        end = end or date(start.year, 12, 31)
        if end < start:
            self.add_error("til", _("The end of the period comes before its start."))
            return cleaned
        cleaned["fra"], cleaned["til"] = start, end
        return cleaned

    def period(self) -> Period | None:
        """The chosen period, the previous year when nothing was chosen, None when invalid."""
        if not self.is_bound:
            return self.default
        if not self.is_valid():
            return None
        return Period(self.cleaned_data["fra"], self.cleaned_data["til"])
