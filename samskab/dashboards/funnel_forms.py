from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.validators import validate_sensible_date

from .funnel import Period

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _year_after(day):
    """The last day of the year that starts on ``day``."""
    try:
        return day.replace(year=day.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class PeriodForm(forms.Form):
    """The period of the funnel: from and to, both included; the last twelve months by default."""

    fra = forms.DateField(
        label=_("From"), required=False, widget=DATE, validators=[validate_sensible_date]
    )
    til = forms.DateField(
        label=_("To"), required=False, widget=DATE, validators=[validate_sensible_date]
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("fra"), data.get("til")
        if start and end and end < start:
            self.add_error("til", _("The period ends before it starts."))
        return data

    def period(self, today) -> Period:
        """The period asked for: a missing end is today (or a year on), a missing start a year before."""
        default = Period.last_year(today)
        if not self.is_bound or not self.is_valid():
            return default
        start, end = self.cleaned_data.get("fra"), self.cleaned_data.get("til")
        if start and end:
            return Period(start, end)
        if start:
            return Period(start, today if start <= today else _year_after(start))
        if end:
            return Period.last_year(end)
        return default
