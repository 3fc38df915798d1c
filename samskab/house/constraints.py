"""The database's own guard against double bookings, on PostgreSQL.

An exclusion constraint over the resource (equal) and the booking's time range
(overlapping, ``[start, end)`` so that one booking may begin when another ends) among
bookings not cancelled. SQLite has no such constraint; there the services' writes
serialise (``BEGIN IMMEDIATE``) and check before they insert.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db.models import Func, Q

NAME = "booking_no_overlap"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def no_overlap() -> ExclusionConstraint:
    return ExclusionConstraint(
        name=NAME,
        expressions=[
            (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
            ("resource", RangeOperators.EQUAL),
        ],
        condition=Q(cancelled_at__isnull=True),
        violation_error_message="booking overlaps",
    )


def is_overlap(error: Exception) -> bool:
    """Whether an IntegrityError is this constraint's refusal."""
    return NAME in str(error)
