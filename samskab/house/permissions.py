"""Who may see and do what in the innovation house.

Anyone reads what the house is: its resources with their capacity and accessibility, its
week calendars and its public feeds, where a booking shows as "Optaget" unless it was
made public. People who book — employees, and residents with a current residency — see
the titles, may book and cancel their own bookings; the innovation unit books for others,
cancels any booking and manages the residencies. Residents appear on the house page by
name and with what they offer; their consent to be proposed to teams is the unit's to see.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samskab.accounts.permissions import is_employee, is_internal, is_unit_staff

from .models import Booking, Residency


@rules.predicate
def has_current_residency(user) -> bool:
    """The user's person has a residency in the house today (read once per request)."""
    if not user or not user.is_authenticated:
        return False
    if not hasattr(user, "_house_resident_cache"):
        today = timezone.localdate()
        user._house_resident_cache = (
            Residency.objects.filter(person__user=user, starts_on__lte=today)
            .exclude(ends_on__lt=today)
            .exists()
        )
    return user._house_resident_cache


@rules.predicate
def booked_it(user, booking: Booking | None) -> bool:
    if booking is None or not user.is_authenticated:
        return False
    if booking.booked_by_id == user.pk:
        return True
    person = getattr(user, "person", None)
    return person is not None and booking.booked_for_id == person.pk


may_book = is_employee | has_current_residency

rules.add_perm("house.view_house", rules.always_allow)
rules.add_perm("house.book", may_book)
rules.add_perm("house.book_for_others", is_unit_staff)
# Titles of bookings that are not public: those who book, and the municipality's own.
rules.add_perm("house.view_titles", may_book | is_internal)
rules.add_perm("house.view_booking", may_book | is_internal)
rules.add_perm("house.cancel_booking", is_unit_staff | booked_it)
rules.add_perm("house.manage_residencies", is_unit_staff)
rules.add_perm("house.manage_resources", is_unit_staff)
# A secret feed address with titles: for those who see titles.
rules.add_perm("house.subscribe", may_book | is_internal)


def get_booking_for(user, pk: int, *, perm: str = "house.view_booking") -> Booking:
    """The booking, for those who may see bookings; PermissionDenied for what they may not do."""
    booking = get_object_or_404(
        Booking.objects.select_related(
            "resource", "series", "task", "booked_for", "booked_by__person", "cancelled_by__person"
        ),
        pk=pk,
    )
    if not user.has_perm("house.view_booking"):
        raise Http404
    if perm != "house.view_booking" and not user.has_perm(perm, booking):
        raise PermissionDenied
    return booking


def get_residency_for(user, pk: int) -> Residency:
    if not user.has_perm("house.manage_residencies"):
        raise PermissionDenied
    return get_object_or_404(Residency.objects.select_related("person", "organisation"), pk=pk)
