"""The council report's period: two dates, both included, within Samskab's sensible dates."""

from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import EARLIEST, validate_sensible_date

from .report import Period, last_twelve_months, year_before

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportPeriodForm(forms.Form):
    """``fra`` and ``til``. Left empty, the period is the last twelve months; with only one
    of them, it ends today or begins a year before its end."""

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
        self.today = today
        default = last_twelve_months(today)
        kwargs.setdefault("initial", {"fra": default.start, "til": default.end})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        end = cleaned.get("til") or self.today
        start = cleaned.get("fra") or max(year_before(end) + timedelta(days=1), EARLIEST)
        if start > end:
            self.add_error("til", _("The end of the period comes before its start."))
            return cleaned
        cleaned["fra"], cleaned["til"] = start, end
        return cleaned

    def period(self) -> Period | None:
        """The chosen period, the default one when nothing was chosen, None when invalid."""
        if not self.is_bound:
            return last_twelve_months(self.today)
        if not self.is_valid():
            return None
        return Period(self.cleaned_data["fra"], self.cleaned_data["til"])
