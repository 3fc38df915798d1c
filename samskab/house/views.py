"""The innovation house: its page, week calendars, bookings, feeds and residencies."""

import contextlib
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samskab.core import ratelimit
from samskab.core.decorators import require_perm
from samskab.core.forms import run_service

from . import feeds, queries, services
from .forms import BookingForm, ResidencyForm, ResourceForm
from .models import FeedToken, Residency, Resource
from .permissions import get_booking_for, get_residency_for

# Feeds are fetched by calendar programs every few minutes; more is abuse.
FEED_RATE = "120/h"
PUBLIC_FEED_SECONDS = 15 * 60
PRIVATE_FEED_SECONDS = 5 * 60


def _week(request) -> tuple[date, dict]:
    monday, understood = queries.week_start(request.GET.get("uge"))
    if not understood:
        messages.warning(
            request, _("The week was not understood; this week is shown. Write it as 2026-W50.")
        )
    return monday, {
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "week": queries.week_label(monday),
        "previous_week": queries.week_label(monday - timedelta(weeks=1)),
        "next_week": queries.week_label(monday + timedelta(weeks=1)),
        "this_week": queries.week_label(timezone.localdate()),
    }


def house(request):
    """What the house is, its resources and residents; for anyone."""
    opens, closes = services.opening_hours()
    return render(
        request,
        "house/house.html",
        {
            "resources": list(queries.resources()),
            "residencies": list(queries.current_residencies()),
            "opens": opens,
            "closes": closes,
            "can_book": request.user.has_perm("house.book"),
            "can_manage": request.user.has_perm("house.manage_residencies"),
        },
    )


def house_week(request):
    monday, context = _week(request)
    days, rows = queries.house_week(monday, titles=request.user.has_perm("house.view_titles"))
    return render(
        request,
        "house/house_week.html",
        {
            **context,
            "days": days,
            "rows": rows,
            "can_book": request.user.has_perm("house.book"),
            "sees_bookings": request.user.has_perm("house.view_booking"),
        },
    )


def resource_week(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk)
    monday, context = _week(request)
    return render(
        request,
        "house/resource_week.html",
        {
            **context,
            "resource": resource,
            "rows": queries.resource_week(
                resource, monday, titles=request.user.has_perm("house.view_titles")
            ),
            "can_book": request.user.has_perm("house.book"),
            "sees_bookings": request.user.has_perm("house.view_booking"),
            "can_manage": request.user.has_perm("house.manage_resources"),
        },
    )


def _initial(request) -> dict:
    initial = {}
    resource = request.GET.get("ressource", "")
    if resource.isdigit():
        initial["resource"] = int(resource)
    with contextlib.suppress(ValueError):
        initial["day"] = date.fromisoformat(request.GET.get("dag", ""))
    for name in ("fra", "til"):
        value = request.GET.get(name, "")
        if len(value) == 5 and value[2] == ":" and value.replace(":", "").isdigit():
            initial["starts" if name == "fra" else "ends"] = value
    return initial


@require_perm("house.book")
def booking_create(request):
    form = BookingForm(
        request.POST or None,
        initial=_initial(request),
        for_others=request.user.has_perm("house.book_for_others"),
    )
    made = []

    def book():
        data = form.cleaned_data
        common = {
            "resource": data["resource"],
            "title": data["title"],
            "public": data["public"],
            "task": data["task"],
            "booked_for": data.get("booked_for"),
            "by": request.user,
        }
        if data["repeat"]:
            made.append(
                services.series_create(
                    first=data["day"],
                    starts=data["starts"],
                    ends=data["ends"],
                    every_weeks=data["every_weeks"],
                    until=data["until"],
                    **common,
                )
            )
        else:
            made.append(
                services.booking_create(
                    starts_at=services.at(data["day"], data["starts"]),
                    ends_at=services.at(data["day"], data["ends"]),
                    **common,
                )
            )

    if request.method == "POST" and run_service(form, book):
        resource = form.cleaned_data["resource"]
        if form.cleaned_data["repeat"]:
            count = made[0].bookings.count()
            messages.success(
                request,
                ngettext(
                    "%(resource)s is booked %(count)d time.",
                    "%(resource)s is booked %(count)d times.",
                    count,
                )
                % {"resource": resource.name, "count": count},
            )
        else:
            messages.success(request, _("%(resource)s is booked.") % {"resource": resource.name})
        week = queries.week_label(form.cleaned_data["day"])
        return redirect(f"{reverse('house:resource-week', args=[resource.pk])}?uge={week}")
    return render(request, "house/booking_form.html", {"form": form})


@require_perm("house.view_booking")
def booking_detail(request, pk: int):
    booking = get_booking_for(request.user, pk)
    open_ = not booking.is_cancelled and booking.ends_at > timezone.now()
    return render(
        request,
        "house/booking_detail.html",
        {
            "booking": booking,
            "span": services.Span(booking.starts_at, booking.ends_at),
            "can_cancel": open_ and request.user.has_perm("house.cancel_booking", booking),
            "week": queries.week_label(services.local(booking.starts_at).date()),
        },
    )


@require_POST
@require_perm("house.view_booking")
def booking_cancel(request, pk: int):
    booking = get_booking_for(request.user, pk, perm="house.cancel_booking")
    rest = request.POST.get("omfang") == "resten"
    try:
        if rest:
            count = services.series_cancel_rest(booking=booking, by=request.user)
        else:
            services.booking_cancel(booking=booking, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("house:booking-detail", pk=booking.pk)
    if rest:
        messages.success(
            request,
            ngettext(
                "%(count)d booking of the series was cancelled.",
                "%(count)d bookings of the series were cancelled.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.success(request, _("The booking was cancelled."))
    return redirect("house:my-bookings")


@require_perm("house.book")
def my_bookings(request):
    token = FeedToken.objects.filter(user=request.user).first()
    return render(
        request,
        "house/my_bookings.html",
        {
            "bookings": list(queries.bookings_of(request.user)),
            "token": token,
            "feed_url": request.build_absolute_uri(reverse("house:private-feed", args=[token.key]))
            if token
            else "",
            "can_subscribe": request.user.has_perm("house.subscribe"),
        },
    )


@require_POST
@require_perm("house.subscribe")
def feed_token_renew(request):
    services.feed_token_renew(user=request.user)
    messages.success(
        request, _("Your calendar has a new secret address. The old one no longer works.")
    )
    return redirect("house:my-bookings")


@require_POST
@require_perm("house.subscribe")
def feed_token_revoke(request):
    services.feed_token_revoke(user=request.user)
    messages.success(request, _("Your secret calendar address no longer works."))
    return redirect("house:my-bookings")


def _ics(request, body: bytes, *, filename: str, private: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        patch_cache_control(response, private=True, max_age=PRIVATE_FEED_SECONDS)
        response["X-Robots-Tag"] = "noindex"
        response["Referrer-Policy"] = "no-referrer"
    else:
        patch_cache_control(response, public=True, max_age=PUBLIC_FEED_SECONDS)
        patch_vary_headers(response, ["Cookie"])
    return response


def _limited(request) -> bool:
    return not ratelimit.allow(request, action="house-feed", rate=FEED_RATE)


def house_feed(request):
    """The whole house, for anyone: a booking is "Optaget" unless it is public."""
    if _limited(request):
        return ratelimit.too_many_requests(request)
    body = feeds.calendar(queries.feed_bookings(), name=_("The innovation house"), titles=False)
    return _ics(request, body, filename="innovationshuset.ics", private=False)


def resource_feed(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk)
    if _limited(request):
        return ratelimit.too_many_requests(request)
    body = feeds.calendar(
        queries.feed_bookings(resource=resource), name=resource.name, titles=False
    )
    return _ics(request, body, filename=f"ressource-{resource.pk}.ics", private=False)


def private_feed(request, key: str):
    """The whole house with titles, at a person's secret address (renewed to revoke)."""
    if _limited(request):
        return ratelimit.too_many_requests(request)
    token = FeedToken.objects.select_related("user").filter(key=key).first()
    if token is None or not token.user.is_active or not token.user.has_perm("house.subscribe"):
        raise Http404
    body = feeds.calendar(queries.feed_bookings(), name=_("The innovation house"), titles=True)
    return _ics(request, body, filename="innovationshuset.ics", private=True)


# Residencies ----------------------------------------------------------------------------


@require_perm("house.manage_residencies")
def residency_list(request):
    today = timezone.localdate()
    residencies = list(queries.all_residencies())
    return render(
        request,
        "house/residency_list.html",
        {
            "current": [r for r in residencies if r.is_current(today)],
            "others": [r for r in residencies if not r.is_current(today)],
        },
    )


def _residency_form(request, residency: Residency | None):
    form = ResidencyForm(request.POST or None, instance=residency)
    if request.method == "POST" and run_service(
        form,
        lambda: services.residency_save(
            residency=form.instance, skills=form.skills(), by=request.user
        ),
    ):
        messages.success(request, _("The residency was saved."))
        return redirect("house:residency-list")
    return render(request, "house/residency_form.html", {"form": form, "residency": residency})


@require_perm("house.manage_residencies")
def residency_create(request):
    return _residency_form(request, None)


@require_perm("house.manage_residencies")
def residency_edit(request, pk: int):
    residency = get_residency_for(request.user, pk)
    return _residency_form(request, residency)


# The house's resources ----------------------------------------------------------------


def _resource_form(request, resource: Resource | None):
    form = ResourceForm(request.POST or None, instance=resource)
    if request.method == "POST" and run_service(
        form, lambda: services.resource_save(resource=form.instance, by=request.user)
    ):
        messages.success(request, _("%(name)s was saved.") % {"name": form.instance.name})
        return redirect("house:resource-week", form.instance.pk)
    return render(request, "house/resource_form.html", {"form": form, "resource": resource})


@require_perm("house.manage_resources")
def resource_create(request):
    return _resource_form(request, None)


@require_perm("house.manage_resources")
def resource_edit(request, pk: int):
    return _resource_form(request, get_object_or_404(Resource, pk=pk))
