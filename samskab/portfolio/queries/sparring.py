"""Reads of the sparring queue: the queue in order, one request's page, a requester's own.

Each read runs a fixed number of queries whatever the number of requests and
logs: the hours used are a column the services keep (never a sum of the logs
per row), and the people shown are joined, not fetched one by one.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet

from samskab.accounts import roles
from samskab.accounts.models import User

from ..models import SparringLog, SparringRequest

OPEN = (SparringRequest.Status.QUEUED, SparringRequest.Status.ACTIVE)
MINE_SIZE = 25

_over_time_box = ExpressionWrapper(
    Q(hours_used__gt=F("time_box_hours")), output_field=BooleanField()
)


def _with_people(requests: QuerySet[SparringRequest]) -> QuerySet[SparringRequest]:
    return requests.select_related(
        "requested_by__person", "assigned_to__person", "area", "idea"
    ).annotate(over_time_box=_over_time_box)


@dataclass(frozen=True)
class Queue:
    """The open requests in the chief's order, and how many have used more than their box."""

    requests: list[SparringRequest]
    over_time_box: int

    def __len__(self) -> int:
        return len(self.requests)


def sparring_queue() -> Queue:
    """Queued and in-progress requests, first place first (one query)."""
    requests = list(
        _with_people(SparringRequest.objects.filter(status__in=OPEN)).order_by(
            "position", "created_at", "pk"
        )
    )
    return Queue(
        requests=requests, over_time_box=sum(1 for request in requests if request.over_time_box)
    )


def over_time_box_count() -> int:
    """How many open requests have used more hours than their time box (for dashboards)."""
    return (
        SparringRequest.objects.filter(status__in=OPEN)
        .filter(hours_used__gt=F("time_box_hours"))
        .count()
    )


def queue_places() -> dict[int, int]:
    """Each open request's place in the queue, counted from 1 (one query).

    Places are counted in the queue's order rather than read from ``position``, which
    orders the queue but may start elsewhere or have gaps (older data started at 0).
    """
    ids = (
        SparringRequest.objects.filter(status__in=OPEN)
        .order_by("position", "created_at", "pk")
        .values_list("pk", flat=True)
    )
    return {pk: place for place, pk in enumerate(ids, start=1)}


def sparring_logs(request: SparringRequest) -> QuerySet[SparringLog]:
    """The hours logged on a request, oldest first, with who logged them (one query)."""
    return request.logs.select_related("by__person").order_by("worked_on", "pk")


def sparring_requests_of(user: User) -> list[SparringRequest]:
    """A requester's own requests, newest first (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        _with_people(SparringRequest.objects.filter(requested_by=user)).order_by(
            "-created_at", "-pk"
        )[:MINE_SIZE]
    )


def unit_staff() -> QuerySet[User]:
    """Who may be assigned a request: active members of the innovation unit."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__name__in=[roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF])
            | Q(is_superuser=True)
            | Q(groups__name=roles.ADMINISTRATOR)
        )
        .select_related("person")
        .distinct()
        .order_by("person__name", "username")
    )
