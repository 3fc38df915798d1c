"""The report's period, both days included, and the periods offered beside the dates."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        """The period's first moment, in the municipality's time."""
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        """The first moment after the period."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def query(self) -> str:
        return urlencode({"fra": self.start.isoformat(), "til": self.end.isoformat()})

    def file_name(self, extension: str) -> str:
        """A name the municipality's case-handling system files well: the period in ISO dates."""
        return f"samskab-rapport-{self.start:%Y-%m-%d}-{self.end:%Y-%m-%d}.{extension}"


def year_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    return day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)


def last_twelve_months(today: date) -> Period:
    """The default: the twelve months up to and including today."""
    return Period(year_before(today) + timedelta(days=1), today)


def year_so_far(today: date) -> Period:
    return Period(date(today.year, 1, 1), today)


def last_year(today: date) -> Period:
    return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))


def last_quarter(today: date) -> Period:
    """The last whole quarter before today's."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    end = date(today.year, first_month, 1) - timedelta(days=1)
    return Period(date(end.year, end.month - 2, 1), end)


@dataclass(frozen=True)
class Preset:
    label: Promise
    period: Period


def presets(today: date) -> list[Preset]:
    """Periods a report is often asked for, offered as links beside the dates."""
    return [
        Preset(_("The last twelve months"), last_twelve_months(today)),
        Preset(_("This year so far"), year_so_far(today)),
        Preset(_("Last year"), last_year(today)),
        Preset(_("Last quarter"), last_quarter(today)),
    ]
