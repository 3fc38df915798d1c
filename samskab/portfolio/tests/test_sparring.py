"""The sparring queue (DESIGN §4 rule 3): its rules, its pages, who may do what."""

import contextlib
import re
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.core.testing import PERSONAS
from samskab.ideas.models import Idea, StatusChange
from samskab.notifications.models import Notification
from samskab.portfolio.models import SparringLog, SparringRequest
from samskab.portfolio.queries import sparring as queries
from samskab.portfolio.services import sparring as services

OPEN = (SparringRequest.Status.QUEUED, SparringRequest.Status.ACTIVE)


@pytest.fixture
def chief(personas):
    return personas[roles.INNOVATIONSCHEF]


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def employee(personas):
    return personas[roles.MEDARBEJDER]


@pytest.fixture
def ask(employee):
    def ask(title: str = "Hjælp til en workshop", *, by=None, **fields) -> SparringRequest:
        return services.sparring_request_create(
            title=title, description="Vi vil gerne have sparring.", by=by or employee, **fields
        )

    return ask


@pytest.fixture
def help_idea(personas, unit):
    """A published idea of the citizen persona, who would like help to develop it."""
    idea = Idea.objects.create(
        title="Legeplads for alle børn",
        description="En legeplads, hvor børn i kørestol kan lege med.",
        author=personas[roles.BORGER],
        confirmed_at=timezone.now(),
        consent_to_publish=True,
        moderation=Idea.Moderation.APPROVED,
        wants_help=True,
    )
    idea.areas.set([unit.parent])
    return idea


def queue_titles() -> list[str]:
    return [request.title for request in queries.sparring_queue().requests]


def positions() -> list[int]:
    return list(
        SparringRequest.objects.filter(status__in=OPEN)
        .order_by("position")
        .values_list("position", flat=True)
    )


# Asking ------------------------------------------------------------------------------


def test_a_new_request_goes_last_with_the_default_time_box(ask, settings):
    settings.SAMSKAB_SPARRING_HOURS = 12
    first, second = ask("A"), ask("B")
    assert (first.position, second.position) == (1, 2)
    assert second.time_box_hours == Decimal("12")
    assert second.status == SparringRequest.Status.QUEUED
    assert second.hours_used == 0
    assert queue_titles() == ["A", "B"]


def test_the_default_time_box_is_twenty_hours(ask):
    assert ask().time_box_hours == Decimal("20")


@pytest.mark.parametrize("persona", [roles.BORGER, roles.OPGAVEUDVALG, roles.KOMMUNALBESTYRELSE])
def test_only_employees_ask_for_sparring(ask, personas, persona):
    with pytest.raises(PermissionDenied):
        ask(by=personas[persona])
    assert not SparringRequest.objects.exists()


def test_a_request_needs_a_title_and_a_description(employee):
    with pytest.raises(ValidationError) as error:
        services.sparring_request_create(title=" ", description="", by=employee)
    assert {"title", "description"} <= set(error.value.message_dict)


# Ordering ----------------------------------------------------------------------------


def test_the_chief_moves_requests_up_and_down_and_keeps_the_places_without_gaps(ask, chief):
    a, b, c = ask("A"), ask("B"), ask("C")
    moved = services.sparring_move(request=c, direction="up", by=chief)
    assert moved.position == 2
    assert queue_titles() == ["A", "C", "B"]
    services.sparring_move(request=a, direction="down", by=chief)
    assert queue_titles() == ["C", "A", "B"]
    assert positions() == [1, 2, 3]
    services.sparring_move(request=b, direction="to_position", position=1, by=chief)
    assert queue_titles() == ["B", "C", "A"]
    assert positions() == [1, 2, 3]


def test_a_move_leaves_a_trace_of_who_moved(client, ask, chief):
    ask("A")
    b = ask("B")
    client.force_login(chief)
    client.post(reverse("portfolio:sparring-move", args=[b.pk]), {"direction": "up"})
    latest = b.history.first()
    assert (latest.position, latest.history_user) == (1, chief)


@pytest.mark.parametrize(
    ("title", "direction", "position"),
    [
        ("A", "up", None),
        ("C", "down", None),
        ("B", "to_position", 0),
        ("B", "to_position", 4),
        ("B", "to_position", None),
        ("B", "sideways", None),
    ],
)
def test_a_move_beyond_the_queue_is_refused(ask, chief, title, direction, position):
    requests = {r.title: r for r in (ask("A"), ask("B"), ask("C"))}
    with pytest.raises(ValidationError):
        services.sparring_move(
            request=requests[title], direction=direction, position=position, by=chief
        )
    assert queue_titles() == ["A", "B", "C"]


@pytest.mark.parametrize(
    "persona",
    [roles.INNOVATIONSENHED, roles.MEDARBEJDER, roles.OMRAADELEDER, roles.DIREKTION],
)
def test_only_the_chief_orders_the_queue(ask, personas, persona):
    ask("A")
    b = ask("B")
    user = personas[persona]
    with pytest.raises(PermissionDenied):
        services.sparring_move(request=b, direction="up", by=user)
    with pytest.raises(PermissionDenied):
        services.sparring_set_time_box(request=b, hours=Decimal("40"), by=user)
    with pytest.raises(PermissionDenied):
        services.sparring_assign(request=b, assignee=user, by=user)
    with pytest.raises(PermissionDenied):
        services.sparring_decline(request=b, reason="Nej", by=user)
    assert queue_titles() == ["A", "B"]


def test_the_administrator_may_order_too(ask, personas):
    ask("A")
    b = ask("B")
    services.sparring_move(request=b, direction="up", by=personas[roles.ADMINISTRATOR])
    assert queue_titles() == ["B", "A"]


def test_a_closed_request_leaves_the_queue_and_the_rest_close_up(ask, chief, staff):
    a, b, c = ask("A"), ask("B"), ask("C")
    services.sparring_finish(request=b, outcome="Vi holdt to workshops.", by=staff)
    assert positions() == [1, 2]
    assert queue_titles() == ["A", "C"]
    services.sparring_decline(request=a, reason="Det er en driftsopgave.", by=chief)
    assert positions() == [1]
    with pytest.raises(ValidationError):
        services.sparring_move(request=a, direction="to_position", position=1, by=chief)
    assert ask("D").position == 2
    c.refresh_from_db()
    assert c.position == 1


def test_a_closed_request_cannot_be_closed_again_or_worked_on(ask, chief, staff):
    request = ask()
    services.sparring_finish(request=request, outcome="Færdig.", by=staff)
    with pytest.raises(ValidationError):
        services.sparring_decline(request=request, reason="Nej", by=chief)
    with pytest.raises(ValidationError):
        services.sparring_log_hours(request=request, hours=Decimal("1"), by=staff)
    with pytest.raises(ValidationError):
        services.sparring_set_time_box(request=request, hours=Decimal("30"), by=chief)


def test_finishing_needs_an_outcome_and_declining_a_reason(ask, chief, staff):
    request = ask()
    with pytest.raises(ValidationError) as error:
        services.sparring_finish(request=request, outcome="  ", by=staff)
    assert "outcome" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.sparring_decline(request=request, reason="", by=chief)
    assert "reason" in error.value.message_dict
    request.refresh_from_db()
    assert request.status == SparringRequest.Status.QUEUED


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers by itself")
@pytest.mark.django_db(transaction=True)
def test_concurrent_moves_keep_every_place_taken_once(personas, employee):
    chief = personas[roles.INNOVATIONSCHEF]
    requests = [
        services.sparring_request_create(title=f"R{i}", description="x", by=employee)
        for i in range(6)
    ]
    start = threading.Barrier(3)
    errors = []

    def mover(request, direction):
        try:
            start.wait()
            for _ in range(8):
                with contextlib.suppress(ValidationError):  # already first or last
                    services.sparring_move(request=request, direction=direction, by=chief)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=mover, args=(requests[5], "up")),
        threading.Thread(target=mover, args=(requests[0], "down")),
        threading.Thread(
            target=lambda: (
                start.wait(),
                [
                    services.sparring_request_create(title=f"N{i}", description="x", by=employee)
                    for i in range(4)
                ],
                connections.close_all(),
            )
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert positions() == list(range(1, 11))


# Time box and hours ------------------------------------------------------------------


def test_logged_hours_add_up_and_the_request_is_flagged_over_its_time_box(ask, chief, staff):
    request = ask()
    services.sparring_set_time_box(request=request, hours=Decimal("2"), by=chief)
    services.sparring_log_hours(request=request, hours=Decimal("1.5"), note="Møde", by=staff)
    request.refresh_from_db()
    assert request.hours_used == Decimal("1.5")
    assert not request.is_over_time_box
    assert queries.sparring_queue().over_time_box == 0
    services.sparring_log_hours(request=request, hours=Decimal("0.5"), by=staff)
    assert queries.sparring_queue().over_time_box == 0  # exactly at the box is not over
    services.sparring_log_hours(request=request, hours=Decimal("1"), by=chief)
    request.refresh_from_db()
    assert request.hours_used == Decimal("3")
    assert request.is_over_time_box
    queue = queries.sparring_queue()
    assert queue.over_time_box == 1
    assert queue.requests[0].over_time_box
    assert queries.over_time_box_count() == 1


def test_logging_hours_starts_a_queued_request(ask, staff):
    request = ask()
    log = services.sparring_log_hours(request=request, hours=Decimal("1"), by=staff)
    request.refresh_from_db()
    assert request.status == SparringRequest.Status.ACTIVE
    assert request.position == 1  # it keeps its place
    assert log.worked_on == timezone.localdate()
    assert log.by == staff


@pytest.mark.parametrize("hours", [Decimal("0"), Decimal("-1"), Decimal("0.2"), None])
def test_hours_are_never_zero_or_less(ask, staff, hours):
    request = ask()
    with pytest.raises(ValidationError) as error:
        services.sparring_log_hours(request=request, hours=hours, by=staff)
    assert "hours" in error.value.message_dict
    request.refresh_from_db()
    assert request.hours_used == 0
    assert request.status == SparringRequest.Status.QUEUED
    assert not SparringLog.objects.exists()


def test_hours_cannot_be_logged_in_the_future(ask, staff):
    with pytest.raises(ValidationError) as error:
        services.sparring_log_hours(
            request=ask(),
            hours=Decimal("1"),
            worked_on=timezone.localdate() + timedelta(days=1),
            by=staff,
        )
    assert "worked_on" in error.value.message_dict


@pytest.mark.parametrize("persona", [roles.MEDARBEJDER, roles.BORGER, roles.DIREKTION])
def test_only_the_unit_logs_hours_and_finishes(ask, personas, persona):
    request = ask()
    with pytest.raises(PermissionDenied):
        services.sparring_log_hours(request=request, hours=Decimal("1"), by=personas[persona])
    with pytest.raises(PermissionDenied):
        services.sparring_finish(request=request, outcome="Færdig", by=personas[persona])
    with pytest.raises(PermissionDenied):
        services.sparring_start(request=request, by=personas[persona])


@pytest.mark.parametrize("hours", [Decimal("0"), Decimal("-2"), Decimal("0.4")])
def test_the_time_box_is_more_than_zero(ask, chief, hours):
    request = ask()
    with pytest.raises(ValidationError) as error:
        services.sparring_set_time_box(request=request, hours=hours, by=chief)
    assert "time_box_hours" in error.value.message_dict
    request.refresh_from_db()
    assert request.time_box_hours == Decimal("20")


def test_the_chief_assigns_someone_from_the_unit_who_is_told(ask, chief, staff, employee):
    request = ask()
    with pytest.raises(ValidationError):
        services.sparring_assign(request=request, assignee=employee, by=chief)
    services.sparring_assign(request=request, assignee=staff, by=chief)
    request.refresh_from_db()
    assert request.assigned_to == staff
    told = Notification.objects.get(user=staff)
    assert request.title in told.subject
    assert told.url == reverse("portfolio:sparring-detail", args=[request.pk])
    services.sparring_assign(request=request, assignee=None, by=chief)
    request.refresh_from_db()
    assert request.assigned_to is None


def test_starting_a_request(ask, staff):
    request = ask()
    services.sparring_start(request=request, by=staff)
    request.refresh_from_db()
    assert request.status == SparringRequest.Status.ACTIVE
    with pytest.raises(ValidationError):
        services.sparring_start(request=request, by=staff)


# Telling the requester ---------------------------------------------------------------


def test_the_requester_is_told_when_the_sparring_is_done(ask, staff, employee):
    request = ask("Borgerpanel")
    services.sparring_finish(request=request, outcome="I har nu en plan for panelet.", by=staff)
    told = Notification.objects.get(user=employee)
    assert "Borgerpanel" in told.subject
    assert told.body == "I har nu en plan for panelet."
    assert told.url == reverse("portfolio:sparring-detail", args=[request.pk])
    request.refresh_from_db()
    assert (request.status, request.outcome) == (SparringRequest.Status.DONE, told.body)


def test_the_requester_is_told_when_the_request_is_declined(ask, chief, employee):
    request = ask("Ny hjemmeside")
    services.sparring_decline(request=request, reason="Det er en driftsopgave.", by=chief)
    told = Notification.objects.get(user=employee)
    assert "Ny hjemmeside" in told.subject
    assert told.body == "Det er en driftsopgave."
    request.refresh_from_db()
    assert request.status == SparringRequest.Status.DECLINED


def test_nobody_is_told_of_what_they_did_themselves(ask, chief):
    request = ask(by=chief)
    services.sparring_decline(request=request, reason="Trukket tilbage.", by=chief)
    assert not Notification.objects.filter(user=chief).exists()


# From an idea --------------------------------------------------------------------------


def test_the_unit_turns_a_citizens_idea_into_sparring(help_idea, staff, personas, unit):
    citizen = personas[roles.BORGER]
    request = services.sparring_from_idea(idea=help_idea, by=staff)
    assert request.requested_by == citizen
    assert request.idea == help_idea
    assert request.area == unit.parent
    assert request.title == help_idea.title
    assert request.position == 1
    assert request.time_box_hours == Decimal("20")
    help_idea.refresh_from_db()
    assert (help_idea.status, help_idea.answer) == (Idea.Status.ANSWERED, Idea.Answer.SPARRING)
    step = StatusChange.objects.filter(idea=help_idea).latest("pk")
    assert step.answer == Idea.Answer.SPARRING
    assert step.by == staff
    assert "20" in step.text


def test_the_citizen_sees_the_request_and_hears_when_it_is_done(client, help_idea, staff, personas):
    citizen = personas[roles.BORGER]
    request = services.sparring_from_idea(idea=help_idea, by=staff)
    client.force_login(citizen)
    assert client.get(reverse("portfolio:sparring-detail", args=[request.pk])).status_code == 200
    services.sparring_finish(request=request, outcome="Tegninger er klar.", by=staff)
    assert Notification.objects.filter(user=citizen, body="Tegninger er klar.").exists()


def test_an_anonymous_submitter_hears_by_the_e_mail_they_left(help_idea, staff):
    help_idea.author, help_idea.author_email = None, "borger@example.dk"
    help_idea.save()
    request = services.sparring_from_idea(idea=help_idea, by=staff)
    assert request.requested_by is None
    services.sparring_finish(request=request, outcome="Tegninger er klar.", by=staff)
    told = Notification.objects.get(email="borger@example.dk", body="Tegninger er klar.")
    assert told.user is None
    assert told.url.startswith("/ideer/")


def test_an_idea_becomes_sparring_only_once_and_only_if_help_was_asked(help_idea, staff):
    services.sparring_from_idea(idea=help_idea, by=staff)
    with pytest.raises(ValidationError):
        services.sparring_from_idea(idea=help_idea, by=staff)
    other = Idea.objects.create(title="Uden hjælp", description="x", confirmed_at=timezone.now())
    with pytest.raises(ValidationError):
        services.sparring_from_idea(idea=other, by=staff)
    unconfirmed = Idea.objects.create(title="Ubekræftet", description="x", wants_help=True)
    with pytest.raises(ValidationError):
        services.sparring_from_idea(idea=unconfirmed, by=staff)
    assert SparringRequest.objects.count() == 1


def test_an_idea_with_several_areas_gives_a_request_without_one(help_idea, staff, unit):
    help_idea.areas.add(unit)
    assert services.sparring_from_idea(idea=help_idea, by=staff).area is None


@pytest.mark.parametrize("persona", [roles.MEDARBEJDER, roles.BORGER, roles.OMRAADELEDER])
def test_only_the_unit_turns_ideas_into_sparring(help_idea, personas, persona):
    with pytest.raises(PermissionDenied):
        services.sparring_from_idea(idea=help_idea, by=personas[persona])
    help_idea.refresh_from_db()
    assert help_idea.status == Idea.Status.RECEIVED


# Who may open what ---------------------------------------------------------------------

UNIT_STAFF = {roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF, roles.ADMINISTRATOR}
CHIEFS = {roles.INNOVATIONSCHEF, roles.ADMINISTRATOR}
EMPLOYEES = set(roles.EMPLOYEE_ROLES)
REQUESTER = roles.MEDARBEJDER


def statuses(ok: set, *, code: int = 200, others: int = 403, requester: int | None = None):
    """``code`` for ``ok``, a login redirect for anonymous, ``others`` for the rest."""
    table = {persona: code if persona in ok else others for persona in PERSONAS}
    table["anonymous"] = 302
    if requester is not None:
        table[REQUESTER] = requester
    return table


ACCESS = {
    # name, method: status per persona; the request belongs to the employee persona.
    ("portfolio:sparring-list", "get"): statuses(UNIT_STAFF),
    ("portfolio:sparring-create", "get"): statuses(EMPLOYEES),
    ("portfolio:sparring-detail", "get"): statuses(UNIT_STAFF | {REQUESTER}, others=404),
    ("portfolio:sparring-move", "post"): statuses(CHIEFS, code=302, others=404, requester=403)
    | {roles.INNOVATIONSENHED: 403},
    # An empty form is shown again with its errors.
    ("portfolio:sparring-log", "post"): statuses(UNIT_STAFF, others=404, requester=403),
    ("portfolio:sparring-update", "post"): statuses(
        UNIT_STAFF, code=302, others=404, requester=403
    ),
    ("portfolio:sparring-from-idea", "post"): statuses(UNIT_STAFF, code=302),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "method"), sorted(ACCESS))
def test_who_may_open_each_sparring_address(
    client, personas, employee, help_idea, name, method, persona
):
    request = services.sparring_request_create(title="Hjælp", description="x", by=employee)
    if personas[persona] is not None:
        client.force_login(personas[persona])
    if name == "portfolio:sparring-create" or name == "portfolio:sparring-list":
        url = reverse(name)
    elif name == "portfolio:sparring-from-idea":
        url = reverse(name, args=[help_idea.pk])
    else:
        url = reverse(name, args=[request.pk])
    response = getattr(client, method)(url)
    assert response.status_code == ACCESS[(name, method)][persona], (
        f"{persona} on {name}: {response.status_code}"
    )
    if response.status_code == 302 and persona == "anonymous":
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "name", ["sparring-move", "sparring-log", "sparring-update", "sparring-from-idea"]
)
def test_the_changing_addresses_take_only_post(client, chief, ask, name):
    client.force_login(chief)
    assert client.get(reverse(f"portfolio:{name}", args=[ask().pk])).status_code == 405


def test_an_outsider_learns_nothing_about_a_request_that_does_not_exist(client, personas):
    client.force_login(personas[roles.BORGER])
    assert client.get(reverse("portfolio:sparring-detail", args=[999])).status_code == 404


# The pages -----------------------------------------------------------------------------


def test_the_queue_shows_the_order_and_what_is_over_its_time_box(client, ask, chief, staff):
    ask("Første")
    second = ask("Anden")
    services.sparring_set_time_box(request=second, hours=Decimal("1"), by=chief)
    services.sparring_log_hours(request=second, hours=Decimal("1.5"), by=staff)
    client.force_login(staff)
    body = client.get(reverse("portfolio:sparring-list")).content.decode()
    assert body.index("Første") < body.index("Anden")
    assert "1 anmodning er over sin tidsramme" in body
    assert body.count("badge-warning") == 1
    assert "Move up" not in body  # only the chief orders


def test_places_are_shown_from_1_whatever_numbers_the_queue_stores(client, ask, chief, employee):
    # The demo data numbered its queue from 0; gaps come from requests closed long ago.
    first, second = ask("Første", by=employee), ask("Anden", by=employee)
    SparringRequest.objects.filter(pk=first.pk).update(position=0)
    SparringRequest.objects.filter(pk=second.pk).update(position=7)
    client.force_login(chief)
    queue = client.get(reverse("portfolio:sparring-list")).content.decode()
    places = re.findall(r'<tr id="sparring-\d+">\s*<td>(\d+)</td>', queue)
    assert places == ["1", "2"]
    page = client.get(reverse("portfolio:sparring-detail", args=[first.pk])).content.decode()
    assert "Nummer 1 af 2 i sparringskøen" in page
    assert re.search(r'name="position"[^>]* value="1"', page)
    client.force_login(employee)
    response = client.post(
        reverse("portfolio:sparring-create"),
        {"title": "Tredje", "description": "Hjælp til en prøvehandling."},
    )
    assert "nummer 3 i sparringskøen" in client.get(response.url).content.decode()
    mine = client.get(reverse("portfolio:sparring-create")).content.decode()
    assert sorted(re.findall(r"<td>(\d+)</td>", mine)) == ["1", "2", "3"]


def test_the_chief_moves_a_request_without_javascript(client, ask, chief):
    ask("Første")
    second = ask("Anden")
    client.force_login(chief)
    body = client.get(reverse("portfolio:sparring-list")).content.decode()
    assert body.count('name="direction" value="up"') == 1  # not on the first
    assert body.count('name="direction" value="down"') == 1  # not on the last
    response = client.post(
        reverse("portfolio:sparring-move", args=[second.pk]), {"direction": "up"}
    )
    assert response.status_code == 302
    assert response.url == f"{reverse('portfolio:sparring-list')}#sparring-{second.pk}"
    assert queue_titles() == ["Anden", "Første"]
    page = client.get(response.url).content.decode()
    assert "er nu nummer 1 i køen" in page


def test_with_htmx_the_queue_is_swapped_and_the_moved_button_keeps_the_focus(client, ask, chief):
    ask("Første")
    ask("Anden")
    third = ask("Tredje")
    client.force_login(chief)
    response = client.post(
        reverse("portfolio:sparring-move", args=[third.pk]),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'id="sparring-queue"' in body
    assert 'hx-swap-oob="innerHTML"' in body
    assert body.count("autofocus") == 1
    assert queue_titles() == ["Første", "Tredje", "Anden"]


def test_an_employee_asks_for_sparring_and_sees_the_request(client, ask, employee, unit):
    ask("Noget andet", by=employee)
    client.force_login(employee)
    response = client.post(
        reverse("portfolio:sparring-create"),
        {"title": "Prøvehandling i SFO", "description": "Hvordan måler vi effekten?"},
    )
    request = SparringRequest.objects.get(title="Prøvehandling i SFO")
    assert response.status_code == 302
    assert response.url == reverse("portfolio:sparring-detail", args=[request.pk])
    assert request.requested_by == employee
    assert request.position == 2
    page = client.get(response.url).content.decode()
    assert "Nummer 2 af 2 i sparringskøen" in page
    assert "Log hours" not in page  # the requester does not work on it
    assert (
        "Prøvehandling i SFO" in client.get(reverse("portfolio:sparring-create")).content.decode()
    )


def test_a_bad_request_form_keeps_what_was_typed(client, employee):
    client.force_login(employee)
    response = client.post(reverse("portfolio:sparring-create"), {"title": "Kun en titel"})
    assert response.status_code == 200
    assert "Kun en titel" in response.content.decode()
    assert not SparringRequest.objects.exists()


def test_staff_log_hours_in_danish_notation(client, ask, staff):
    request = ask()
    client.force_login(staff)
    response = client.post(
        reverse("portfolio:sparring-log", args=[request.pk]),
        {"hours": "2,5", "worked_on": timezone.localdate().isoformat(), "note": "Workshop"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.hours_used == Decimal("2.5")


def test_zero_hours_are_refused_next_to_the_field(client, ask, staff):
    request = ask()
    client.force_login(staff)
    response = client.post(
        reverse("portfolio:sparring-log", args=[request.pk]),
        {"hours": "0", "worked_on": timezone.localdate().isoformat(), "note": "Husk mig"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_hours_error"' in body
    assert "Husk mig" in body
    assert not SparringLog.objects.exists()


def test_staff_finish_and_the_chief_sets_the_time_box_and_assignee(client, ask, chief, staff):
    request = ask()
    client.force_login(chief)
    url = reverse("portfolio:sparring-update", args=[request.pk])
    assert client.post(url, {"action": "time_box", "time_box_hours": "30"}).status_code == 302
    assert client.post(url, {"action": "assign", "assigned_to": staff.pk}).status_code == 302
    request.refresh_from_db()
    assert (request.time_box_hours, request.assigned_to) == (Decimal("30"), staff)
    client.force_login(staff)
    assert client.post(url, {"action": "decline", "reason": "Nej"}).status_code == 403
    assert client.post(url, {"action": "time_box", "time_box_hours": "99"}).status_code == 403
    response = client.post(url, {"action": "finish", "outcome": ""})
    assert response.status_code == 200
    assert 'id="id_outcome_error"' in response.content.decode()
    assert client.post(url, {"action": "finish", "outcome": "Godt gået."}).status_code == 302
    request.refresh_from_db()
    assert request.status == SparringRequest.Status.DONE


def test_the_staff_page_shows_what_only_the_chief_may_change(client, ask, chief, staff):
    request = ask()
    url = reverse("portfolio:sparring-detail", args=[request.pk])
    client.force_login(staff)
    body = client.get(url).content.decode()
    assert "Afslut sparringen" in body
    assert "Gem tidsrammen" not in body
    client.force_login(chief)
    body = client.get(url).content.decode()
    assert "Gem tidsrammen" in body
    assert "Afvis anmodningen" in body


def test_the_inbox_and_the_idea_page_offer_to_make_sparring_of_a_help_request(
    client, help_idea, staff
):
    client.force_login(staff)
    action = reverse("portfolio:sparring-from-idea", args=[help_idea.pk])
    inbox = client.get(reverse("ideas:unit-inbox")).content.decode()
    assert f'action="{action}"' in inbox
    page = client.get(reverse("ideas:idea-detail", args=[help_idea.pk])).content.decode()
    assert f'action="{action}"' in page
    response = client.post(action, {"next": reverse("ideas:unit-inbox")})
    assert response.status_code == 302
    assert response.url == reverse("ideas:unit-inbox")
    assert SparringRequest.objects.filter(idea=help_idea).exists()
    inbox = client.get(reverse("ideas:unit-inbox")).content.decode()
    assert f'action="{action}"' not in inbox  # answered: no longer waiting for help
    assert "er nummer 1 i sparringskøen" in inbox


def test_from_the_idea_page_the_unit_lands_on_the_new_request(client, help_idea, staff):
    client.force_login(staff)
    response = client.post(
        reverse("portfolio:sparring-from-idea", args=[help_idea.pk]),
        {"next": "https://evil.example/"},
    )
    request = SparringRequest.objects.get(idea=help_idea)
    assert response.url == reverse("portfolio:sparring-detail", args=[request.pk])


def test_what_users_type_is_shown_as_text(client, ask, chief):
    ask("<script>alert('x')</script>")
    client.force_login(chief)
    body = client.get(reverse("portfolio:sparring-list")).content.decode()
    assert "<script>alert" not in body


# Query counts ----------------------------------------------------------------------------


def _fill(count: int, *, employee, staff, chief) -> SparringRequest:
    """``count`` requests, each assigned, with an area and an hour logged; returns the first."""
    first = None
    for i in range(count):
        request = services.sparring_request_create(
            title=f"Anmodning {i}", description="x", by=employee
        )
        services.sparring_assign(request=request, assignee=staff, by=chief)
        services.sparring_log_hours(request=request, hours=Decimal("1"), by=staff)
        first = first or request
    return first


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_queue_runs_the_same_queries_for_2_and_40_requests(client, employee, staff, chief):
    _fill(2, employee=employee, staff=staff, chief=chief)
    client.force_login(chief)
    url = reverse("portfolio:sparring-list")
    few = _count(client, url)
    _fill(38, employee=employee, staff=staff, chief=chief)
    assert _count(client, url) == few
    with CaptureQueriesContext(connection) as captured:
        queue = queries.sparring_queue()
        for request in queue.requests:
            request.requested_by.display_name()
            request.assigned_to.display_name()
    assert len(captured) == 1
    assert len(queue) == 40


def test_a_request_page_runs_the_same_queries_for_2_and_40_logs(
    client, ask, employee, staff, chief
):
    request = ask()
    for _ in range(2):
        services.sparring_log_hours(request=request, hours=Decimal("1"), by=staff)
    client.force_login(chief)
    url = reverse("portfolio:sparring-detail", args=[request.pk])
    few = _count(client, url)
    for _ in range(38):
        services.sparring_log_hours(request=request, hours=Decimal("1"), by=chief)
    assert _count(client, url) == few


def test_the_request_form_runs_the_same_queries_for_2_and_40_own_requests(
    client, employee, staff, chief
):
    _fill(2, employee=employee, staff=staff, chief=chief)
    client.force_login(employee)
    url = reverse("portfolio:sparring-create")
    few = _count(client, url)
    _fill(38, employee=employee, staff=staff, chief=chief)
    assert _count(client, url) == few
