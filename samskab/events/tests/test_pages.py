"""The events' pages: the list, an event's page with sign-up, the links in the e-mails, the
unit's forms and the participant list."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samskab.accounts import roles
from samskab.events import services
from samskab.events.models import Audience, Event, SignUp
from samskab.portfolio.models import Category, InnovationTask, Novelty

Status = SignUp.Status


def _token(message) -> str:
    return re.search(r"/arrangementer/tilmelding/([^/\s]+)/", message.body).group(1)


# The list -----------------------------------------------------------------------------------


def test_the_list_shows_each_reader_what_they_may_see(client, personas, make_event):
    make_event("Offentligt værksted")
    make_event("Internt møde", audience=Audience.INTERNAL)
    make_event("Kladde til værksted", status=Event.Status.DRAFT)
    make_event(
        "Sidste års værksted",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=2),
        signup_deadline=timezone.now() - timedelta(days=31),
    )
    page = client.get("/arrangementer/").content.decode()
    assert "Offentligt værksted" in page
    assert "Internt møde" not in page and "Kladde" not in page
    assert "Sidste års værksted" not in page
    client.force_login(personas[roles.MEDARBEJDER])
    page = client.get("/arrangementer/").content.decode()
    assert "Internt møde" in page and "Kladde" not in page
    client.force_login(personas[roles.INNOVATIONSENHED])
    page = client.get("/arrangementer/").content.decode()
    assert "Kladde til værksted" in page
    assert "Sidste års værksted" in client.get("/arrangementer/?tidligere=1").content.decode()


@pytest.mark.parametrize("count", [3, 12])
def test_the_list_reads_in_a_fixed_number_of_queries(
    client, personas, make_event, make_user, count, django_assert_max_num_queries
):
    user = personas[roles.MEDARBEJDER]
    for n in range(count):
        event = make_event(f"Værksted {n}", capacity=1)
        services.signup_join(event=event, user=user)
        services.signup_join(event=event, user=make_user(f"anden{n}", roles.MEDARBEJDER))
    client.force_login(user)
    with django_assert_max_num_queries(8):
        response = client.get("/arrangementer/")
    assert response.status_code == 200
    assert response.content.decode().count("Du er tilmeldt") == count


# Signing up ----------------------------------------------------------------------------------


def test_a_logged_in_citizen_signs_up_with_one_click_and_cancels_with_a_button(
    client, personas, event
):
    client.force_login(personas[roles.BORGER])
    response = client.post(f"/arrangementer/{event.pk}/tilmeld/")
    assert response.status_code == 302
    assert response.url == f"/arrangementer/{event.pk}/"
    page = client.get(response.url).content.decode()
    assert "Du er tilmeldt." in page
    response = client.post(f"/arrangementer/{event.pk}/afmeld/")
    assert response.url == f"/arrangementer/{event.pk}/"
    assert SignUp.objects.get().status == Status.CANCELLED


def test_a_full_event_puts_the_next_on_the_waiting_list_with_the_number(
    client, personas, make_event
):
    event = make_event(capacity=1)
    services.signup_join(event=event, user=personas[roles.MEDARBEJDER])
    services.signup_join(event=event, user=personas[roles.OMRAADELEDER])
    client.force_login(personas[roles.BORGER])
    response = client.post(f"/arrangementer/{event.pk}/tilmeld/", follow=True)
    assert "Du er nr. 2 på ventelisten" in response.content.decode()


def test_an_anonymous_visitor_signs_up_confirms_by_the_link_and_cancels_by_it(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/arrangementer/{event.pk}/tilmeld/",
            {"name": "Karen Holm", "email": "karen@example.dk"},
        )
    assert response.status_code == 302
    assert response.url == "/arrangementer/tjek-din-mail/"
    event.refresh_from_db()
    assert event.confirmed_count == 0
    (message,) = mail.outbox
    link = f"/arrangementer/tilmelding/{_token(message)}/"
    # Opening the link (as a mail system's link scanner would) confirms nothing.
    assert "Bekræft tilmeldingen" in client.get(link).content.decode()
    assert SignUp.objects.get().status == Status.UNCONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(link, {"action": "confirm"}).content.decode()
    assert "Du har en plads." in page
    assert SignUp.objects.get().status == Status.CONFIRMED
    assert "Du har en plads" in mail.outbox[-1].subject
    page = client.post(link, {"action": "cancel"}).content.decode()
    assert "Du er meldt fra." in page
    assert SignUp.objects.get().status == Status.CANCELLED


def test_a_broken_link_gets_a_danish_answer_not_an_error(client):
    response = client.get("/arrangementer/tilmelding/noget-helt-andet/")
    assert response.status_code == 400
    assert "Linket er ikke gyldigt." in response.content.decode()


def test_hostile_or_missing_input_gets_a_danish_message_and_keeps_what_was_typed(client, event):
    response = client.post(
        f"/arrangementer/{event.pk}/tilmeld/",
        {"name": "<script>alert(1)</script>", "email": "ikke-en-adresse"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Indtast en gyldig e-mail-adresse." in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert SignUp.objects.count() == 0


def test_a_robot_filling_the_hidden_field_is_told_nothing_and_signs_up_nobody(client, event):
    response = client.post(
        f"/arrangementer/{event.pk}/tilmeld/",
        {"name": "Robot", "email": "robot@example.dk", "website": "http://spam.example"},
    )
    assert response.url == "/arrangementer/tjek-din-mail/"
    assert SignUp.objects.count() == 0
    assert mail.outbox == []


def test_anonymous_sign_ups_are_rate_limited(client, make_event):
    events = [make_event(f"Værksted {n}") for n in range(6)]
    for n, event in enumerate(events[:5]):
        response = client.post(
            f"/arrangementer/{event.pk}/tilmeld/", {"name": "Ib", "email": f"ib{n}@example.dk"}
        )
        assert response.status_code == 302
    response = client.post(
        f"/arrangementer/{events[5].pk}/tilmeld/", {"name": "Ib", "email": "ib@example.dk"}
    )
    assert response.status_code == 429
    assert SignUp.objects.count() == 5


def test_an_internal_event_is_not_found_for_visitors_and_citizens(client, personas, make_event):
    internal = make_event(audience=Audience.INTERNAL)
    assert client.get(f"/arrangementer/{internal.pk}/").status_code == 404
    response = client.post(
        f"/arrangementer/{internal.pk}/tilmeld/", {"name": "Ib", "email": "ib@example.dk"}
    )
    assert response.status_code == 404
    client.force_login(personas[roles.BORGER])
    assert client.post(f"/arrangementer/{internal.pk}/tilmeld/").status_code == 404
    assert SignUp.objects.count() == 0


# The unit's pages --------------------------------------------------------------------------


def test_the_unit_makes_publishes_and_cancels_an_event(
    client, personas, make_user, django_capture_on_commit_callbacks
):
    client.force_login(personas[roles.INNOVATIONSENHED])
    start = (timezone.localtime() + timedelta(days=14)).replace(hour=9, minute=0, second=0)
    response = client.post(
        "/arrangementer/nyt/",
        {
            "title": "Værksted om ensomhed",
            "description": "Vi taler med ældre om hverdagen.",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "address": "Plejecenter Egebo",
            "capacity": "10",
            "audience": "public",
        },
    )
    event = Event.objects.get()
    assert response.url == f"/arrangementer/{event.pk}/"
    assert event.status == Event.Status.DRAFT
    assert event.signup_deadline == event.starts_at
    assert timezone.localtime(event.starts_at).hour == 9  # Danish time
    assert client.get(f"/en/arrangementer/{event.pk}/").status_code == 200
    response = client.post(f"/arrangementer/{event.pk}/offentliggoer/")
    assert response.url == f"/arrangementer/{event.pk}/"
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    services.signup_join(event=event, user=make_user("deltager", roles.MEDARBEJDER))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/arrangementer/{event.pk}/aflys/", {"reason": "For få lokaler."})
    assert response.url == f"/arrangementer/{event.pk}/"
    assert [message.to for message in mail.outbox] == [["deltager@example.dk"]]
    assert "Arrangementet er aflyst" in client.get(response.url).content.decode()


def test_the_event_form_keeps_what_was_typed_and_says_what_is_wrong(client, personas):
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        "/arrangementer/nyt/",
        {
            "title": "Værksted",
            "description": "x",
            "starts_at": "2027-03-01T10:00",
            "ends_at": "2027-03-01T09:00",
            "capacity": "0",
            "audience": "public",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Arrangementet skal slutte, efter det begynder." in page
    assert "Vælg et sted i innovationshuset, eller skriv en adresse." in page
    assert 'value="Værksted"' in page
    assert Event.objects.count() == 0


def test_only_the_unit_sees_participants_email_addresses(client, personas, event):
    services.signup_join(event=event, user=personas[roles.BORGER])
    anonymous = services.signup_request(event=event, name="Karen", email="karen@example.dk")
    services.signup_confirm(token=services.signup_token(anonymous))
    client.force_login(personas[roles.MEDARBEJDER])
    assert "karen@example.dk" not in client.get(f"/arrangementer/{event.pk}/").content.decode()
    assert client.get(f"/arrangementer/{event.pk}/deltagere/").status_code == 403
    client.force_login(personas[roles.INNOVATIONSENHED])
    page = client.get(f"/arrangementer/{event.pk}/deltagere/").content.decode()
    assert "karen@example.dk" in page
    assert personas[roles.BORGER].email in page


def test_the_unit_records_attendance_and_the_event_shows_the_counts(
    client, personas, make_event, make_user
):
    held = make_event(
        capacity=2,
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=1),
        signup_deadline=timezone.now() - timedelta(days=1),
    )
    people = [make_user(f"deltager{n}", roles.MEDARBEJDER) for n in range(3)]
    signups = [
        SignUp.objects.create(
            event=held, user=person, status=status, position=n + 1, confirmed_at=timezone.now()
        )
        for n, (person, status) in enumerate(
            zip(people, [Status.CONFIRMED, Status.CONFIRMED, Status.WAITING], strict=True)
        )
    ]
    services._recount(held)
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(f"/arrangementer/{held.pk}/deltagere/", {"attended": [signups[0].pk]})
    assert response.url == f"/arrangementer/{held.pk}/deltagere/"
    page = client.get(f"/arrangementer/{held.pk}/").content.decode()
    assert "2 af 2 pladser optaget" in page
    assert "1 på ventelisten" in page
    assert "1 deltog" in page


@pytest.mark.parametrize("count", [2, 15])
def test_the_participant_list_reads_in_a_fixed_number_of_queries(
    client, personas, make_event, make_user, count, django_assert_max_num_queries
):
    event = make_event(capacity=10)
    for n in range(count):
        services.signup_join(event=event, user=make_user(f"deltager{n}", roles.MEDARBEJDER))
    for n in range(count // 2):
        signup = services.signup_request(event=event, name=f"Borger {n}", email=f"b{n}@example.dk")
        services.signup_confirm(token=services.signup_token(signup))
    client.force_login(personas[roles.INNOVATIONSENHED])
    with django_assert_max_num_queries(8):
        response = client.get(f"/arrangementer/{event.pk}/deltagere/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('name="attended"') == min(count + count // 2, 10)
    shown = re.findall(r"<td>(?:deltager\d+|b\d+)@example\.dk</td>", page)
    assert len(shown) == count + count // 2


# The task page -------------------------------------------------------------------------------


@pytest.fixture
def task(personas, unit):
    return InnovationTask.objects.create(
        title="Ensomhed blandt ældre",
        problem="x",
        ambition="x",
        novelty=Novelty.RADICAL,
        category=Category.SERVICE,
        owning_area=unit.parent,
        owner=personas[roles.OMRAADELEDER].person,
        political_reference="KB 2026",
        phase=1,
    )


def test_the_task_page_shows_its_coming_events_and_its_story_the_held_ones(
    client, personas, make_event, task
):
    make_event("Samskabelsesværksted med borgerne", task=task)
    make_event(
        "Opstart med holdet",
        task=task,
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=1),
        signup_deadline=timezone.now() - timedelta(days=4),
    )
    client.force_login(personas[roles.MEDARBEJDER])
    page = client.get(f"/opgaver/{task.pk}/").content.decode()
    assert 'id="events-heading"' in page
    assert "Samskabelsesværksted med borgerne" in page
    assert "Arrangement: Opstart med holdet" in page  # in the story
    assert "Planlæg et arrangement for opgaven" not in page
    client.force_login(personas[roles.INNOVATIONSENHED])
    page = client.get(f"/opgaver/{task.pk}/").content.decode()
    assert f"/arrangementer/nyt/?opgave={task.pk}" in page


def test_upcoming_events_tag_shows_the_next_events_a_reader_may_see(rf, personas, make_event):
    from django.template import Context, Template

    make_event("Åbent værksted")
    make_event("Internt værksted", audience=Audience.INTERNAL)
    template = Template("{% load events %}{% upcoming_events %}")
    request = rf.get("/")
    request.user = personas[roles.BORGER]
    html = template.render(Context({"request": request}))
    assert "Åbent værksted" in html and "Internt værksted" not in html
