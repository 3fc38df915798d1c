"""Bounds that keep dates and amounts within what a municipality's work can mean.

A meeting dated 31.12.9999 broke its page for good (the day after it cannot be
computed); a negative target of a benefit means nothing. Every date a user
types into Samskab lies between 1 January 2000 and 25 years from today.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

EARLIEST = date(2000, 1, 1)
YEARS_AHEAD = 25


def latest_date() -> date:
    today = timezone.localdate()
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


def validate_sensible_date(value: date | datetime) -> None:
    """A date (or the day of a time) from 2000 to 25 years ahead."""
    day = value.date() if isinstance(value, datetime) else value
    latest = latest_date()
    if not EARLIEST <= day <= latest:
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s.")
            % {"earliest": formats.date_format(EARLIEST), "latest": formats.date_format(latest)},
            code="date_out_of_range",
        )


def validate_sensible_year(value: int) -> None:
    """A year from 2000 to 25 years ahead."""
    latest = timezone.localdate().year + YEARS_AHEAD
    if not EARLIEST.year <= value <= latest:
        raise ValidationError(
            _("Give a year between %(earliest)d and %(latest)d.")
            % {"earliest": EARLIEST.year, "latest": latest},
            code="year_out_of_range",
        )
