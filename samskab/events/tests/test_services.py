"""The rules of sign-up, the waiting list, cancelling, reminders and attendance, each on both sides."""

import threading
import time as time_module
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from samskab.accounts import roles
from samskab.events import services, tasks
from samskab.events.models import Audience, Event, SignUp

Status = SignUp.Status


@pytest.fixture
def people(make_user):
    return [make_user(f"deltager{n}", roles.MEDARBEJDER) for n in range(1, 6)]


def test_signing_up_takes_a_place_while_there_is_one_then_the_waiting_list(event, people):
    first = services.signup_join(event=event, user=people[0])
    second = services.signup_join(event=event, user=people[1])
    third = services.signup_join(event=event, user=people[2])
    fourth = services.signup_join(event=event, user=people[3])
    assert [first.status, second.status] == [Status.CONFIRMED, Status.CONFIRMED]
    assert [third.status, fourth.status] == [Status.WAITING, Status.WAITING]
    assert [services.waiting_number(third), services.waiting_number(fourth)] == [1, 2]
    assert services.waiting_number(first) is None
    event.refresh_from_db()
    assert (event.confirmed_count, event.waiting_count) == (2, 2)


def test_a_person_signs_up_once(event, people):
    services.signup_join(event=event, user=people[0])
    with pytest.raises(ValidationError, match="allerede tilmeldt"):
        services.signup_join(event=event, user=people[0])
    assert event.signups.count() == 1


def test_the_database_refuses_a_second_sign_up_of_the_same_person(event, people):
    SignUp.objects.create(event=event, user=people[0])
    SignUp.objects.create(event=event, name="Ib", email="ib@example.dk")
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(event=event, user=people[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(event=event, name="Ib igen", email="IB@example.dk")


def test_a_place_given_up_goes_to_the_first_waiting_who_is_told_by_email(
    event, people, django_capture_on_commit_callbacks
):
    holders = [services.signup_join(event=event, user=person) for person in people[:2]]
    first_waiting = services.signup_join(event=event, user=people[2])
    second_waiting = services.signup_join(event=event, user=people[3])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel(signup=holders[0])
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Status.CONFIRMED
    assert second_waiting.status == Status.WAITING
    assert services.waiting_number(second_waiting) == 1
    (message,) = mail.outbox
    assert message.to == [people[2].email]
    assert "Du har fået en plads" in message.subject
    event.refresh_from_db()
    assert (event.confirmed_count, event.waiting_count) == (2, 1)


def test_a_waiting_sign_up_cancelled_gives_nobody_a_place(event, people):
    for person in people[:3]:
        services.signup_join(event=event, user=person)
    waiting = SignUp.objects.get(user=people[2])
    services.signup_cancel(signup=waiting)
    assert list(event.signups.values_list("status", flat=True).order_by("position")) == [
        Status.CONFIRMED,
        Status.CONFIRMED,
        Status.CANCELLED,
    ]


def test_more_places_are_filled_from_the_waiting_list_in_order(
    event, people, staff, django_capture_on_commit_callbacks
):
    for person in people:
        services.signup_join(event=event, user=person)
    event.capacity = 4
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, by=staff)
    statuses = dict(event.signups.values_list("user__username", "status"))
    assert statuses == {
        "deltager1": Status.CONFIRMED,
        "deltager2": Status.CONFIRMED,
        "deltager3": Status.CONFIRMED,
        "deltager4": Status.CONFIRMED,
        "deltager5": Status.WAITING,
    }
    assert event.confirmed_count == 4


def test_fewer_places_than_people_with_one_is_refused(event, people, staff):
    for person in people[:2]:
        services.signup_join(event=event, user=person)
    event.capacity = 1
    with pytest.raises(ValidationError, match="2 har allerede en plads"):
        services.event_save(event=event, by=staff)
    event.capacity = 2
    services.event_save(event=event, by=staff)


def test_a_cancelled_sign_up_may_sign_up_again_at_the_end_of_the_list(event, people):
    for person in people[:3]:
        services.signup_join(event=event, user=person)
    first = SignUp.objects.get(user=people[0])
    services.signup_cancel(signup=first)
    again = services.signup_join(event=event, user=people[0])
    assert again.pk == first.pk
    assert again.status == Status.WAITING
    assert again.position == 4


def test_an_internal_event_takes_employees_only(make_event, personas):
    internal = make_event(audience=Audience.INTERNAL)
    with pytest.raises(ValidationError, match="kun for medarbejdere"):
        services.signup_join(event=internal, user=personas[roles.BORGER])
    with pytest.raises(ValidationError, match="kun for medarbejdere"):
        services.signup_request(event=internal, name="Ib", email="ib@example.dk")
    assert services.signup_join(event=internal, user=personas[roles.MEDARBEJDER]).status == (
        Status.CONFIRMED
    )


def test_no_sign_up_after_the_deadline_nor_to_a_draft(make_event, people):
    late = make_event(signup_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="fristen"):
        services.signup_join(event=late, user=people[0])
    draft = make_event(status=Event.Status.DRAFT)
    with pytest.raises(ValidationError, match="ikke åbent"):
        services.signup_join(event=draft, user=people[0])
    assert SignUp.objects.count() == 0


# Without an account ----------------------------------------------------------------------


def _link(message) -> str:
    return message.body.split("/arrangementer/tilmelding/")[1].split("/")[0]


def test_an_anonymous_sign_up_counts_only_once_the_email_is_confirmed(
    event, people, django_capture_on_commit_callbacks
):
    services.signup_join(event=event, user=people[0])
    with django_capture_on_commit_callbacks(execute=True):
        signup = services.signup_request(event=event, name="Karen Holm", email="karen@example.dk")
    assert signup.status == Status.UNCONFIRMED
    event.refresh_from_db()
    assert event.confirmed_count == 1
    # Someone with a user takes the last place meanwhile: it was never Karen's.
    services.signup_join(event=event, user=people[1])
    token = _link(mail.outbox[-1])
    assert "Bekræft din tilmelding" in mail.outbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = services.signup_confirm(token=token)
    assert confirmed.status == Status.WAITING
    assert services.waiting_number(confirmed) == 1
    assert "venteliste" in mail.outbox[-1].subject
    assert "nr. 1 på ventelisten" in mail.outbox[-1].body
    # Confirming twice changes nothing.
    assert services.signup_confirm(token=token).position == confirmed.position


def test_the_same_address_again_gets_a_link_and_no_second_sign_up(
    event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_request(event=event, name="Karen", email="karen@example.dk")
        services.signup_request(event=event, name="Karen", email="KAREN@example.dk ")
    assert event.signups.count() == 1
    assert len(mail.outbox) == 2
    services.signup_confirm(token=_link(mail.outbox[-1]))
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_request(event=event, name="Karen", email="karen@example.dk")
    assert "Din tilmelding" in mail.outbox[-1].subject
    assert event.signups.get().status == Status.CONFIRMED


def test_a_link_that_was_altered_or_is_old_does_not_confirm(event, monkeypatch):
    signup = services.signup_request(event=event, name="Karen", email="karen@example.dk")
    token = services.signup_token(signup)
    with pytest.raises(ValidationError, match="ikke gyldigt"):
        services.signup_confirm(token=token[:-2] + "xx")

    class EightDaysAgo:
        @staticmethod
        def time():
            return time_module.time() - 8 * 24 * 3600

    monkeypatch.setattr(signing, "time", EightDaysAgo)
    old = services.signup_token(signup)
    monkeypatch.undo()
    with pytest.raises(ValidationError, match="udløbet"):
        services.signup_confirm(token=old)
    signup.refresh_from_db()
    assert signup.status == Status.UNCONFIRMED
    # The same old link still shows and cancels a sign-up that counts.
    services.signup_confirm(token=token)
    assert services.signup_from_token(old).pk == signup.pk


def test_a_link_for_one_address_does_not_open_another_sign_up(event):
    signup = services.signup_request(event=event, name="Karen", email="karen@example.dk")
    forged = signing.dumps({"signup": signup.pk, "email": "other@example.dk"}, salt="x")
    with pytest.raises(ValidationError):
        services.signup_from_token(forged)
    wrong_address = services.signed_links.sign(
        {"signup": signup.pk, "email": "other@example.dk"}, salt=services.CONFIRM_SALT
    )
    with pytest.raises(ValidationError, match="ikke gyldigt"):
        services.signup_from_token(wrong_address)


def test_an_anonymous_participant_cancels_by_the_link_and_the_next_gets_the_place(
    make_event, people, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    karen = services.signup_request(event=event, name="Karen", email="karen@example.dk")
    services.signup_confirm(token=services.signup_token(karen))
    services.signup_join(event=event, user=people[0])
    mail.outbox.clear()
    karen = services.signup_from_token(services.signup_token(karen))
    with django_capture_on_commit_callbacks(execute=True):
        services.signup_cancel(signup=karen)
    assert SignUp.objects.get(user=people[0]).status == Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [[people[0].email]]


# The event --------------------------------------------------------------------------------


def test_cancelling_an_event_tells_everyone_signed_up_or_waiting(
    make_event, people, staff, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    services.signup_join(event=event, user=people[0])
    services.signup_join(event=event, user=people[1])
    anonymous = services.signup_request(event=event, name="Karen", email="karen@example.dk")
    services.signup_confirm(token=services.signup_token(anonymous))
    services.signup_request(event=event, name="Ib", email="ib@example.dk")  # never confirmed
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, reason="Underviseren er syg.", by=staff)
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted([people[0].email, people[1].email, "karen@example.dk"])
    assert all("Underviseren er syg." in message.body for message in mail.outbox)
    with pytest.raises(ValidationError, match="aflyst"):
        services.signup_join(event=event, user=people[2])


def test_an_event_is_cancelled_only_with_a_reason(event, staff):
    with pytest.raises(ValidationError):
        services.event_cancel(event=event, reason="  ", by=staff)
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_a_new_time_is_told_and_reminded_again(
    event, people, staff, django_capture_on_commit_callbacks
):
    signup = services.signup_join(event=event, user=people[0])
    SignUp.objects.filter(pk=signup.pk).update(reminded_at=timezone.now())
    mail.outbox.clear()
    event.starts_at += timedelta(days=1)
    event.ends_at += timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, by=staff)
    (message,) = mail.outbox
    assert "Ændret" in message.subject
    signup.refresh_from_db()
    assert signup.reminded_at is None
    # A new description alone tells nobody.
    event.description = "Mere kaffe."
    with django_capture_on_commit_callbacks(execute=True):
        services.event_save(event=event, by=staff)
    assert len(mail.outbox) == 1


def test_a_draft_is_published_once_and_not_after_it_began(make_event, staff):
    draft = make_event(status=Event.Status.DRAFT)
    services.event_publish(event=draft, by=staff)
    with pytest.raises(ValidationError):
        services.event_publish(event=draft, by=staff)
    begun = make_event(
        status=Event.Status.DRAFT,
        starts_at=timezone.now() - timedelta(hours=1),
        signup_deadline=timezone.now() - timedelta(hours=2),
    )
    with pytest.raises(ValidationError, match="begyndt"):
        services.event_publish(event=begun, by=staff)


def test_an_event_needs_a_place_and_ends_after_it_starts(event):
    event.address = ""
    event.ends_at = event.starts_at
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert set(error.value.message_dict) == {"address", "ends_at"}


# Reminders and attendance ----------------------------------------------------------------------


def test_reminders_go_once_to_those_with_a_place_at_tomorrows_events(
    make_event, people, django_capture_on_commit_callbacks
):
    tomorrow = make_event(capacity=1, days=1)
    later = make_event("Senere", days=3)
    services.signup_join(event=tomorrow, user=people[0])
    services.signup_join(event=tomorrow, user=people[1])  # waiting: not reminded
    anonymous = services.signup_request(event=tomorrow, name="Karen", email="karen@example.dk")
    tomorrow.capacity = 3
    services.event_save(event=tomorrow, by=people[0])
    services.signup_confirm(token=services.signup_token(anonymous))
    services.signup_join(event=later, user=people[2])
    mail.outbox.clear()
    today = timezone.localdate(tomorrow.starts_at) - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reminders.call(today.isoformat()) == 3
        assert tasks.send_reminders.call(today.isoformat()) == 0
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted([people[0].email, people[1].email, "karen@example.dk"])
    assert all("I morgen: Værksted" in message.subject for message in mail.outbox)


def test_the_reminder_command_runs_twice_and_reminds_once(make_event, people):
    tomorrow = make_event(days=1)
    signup = services.signup_join(event=tomorrow, user=people[0])
    day = timezone.localdate(tomorrow.starts_at) - timedelta(days=1)
    if day != timezone.localdate():
        pytest.skip("the event a day ahead falls on another day here")
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    signup.refresh_from_db()
    assert signup.reminded_at is not None
    assert SignUp.objects.filter(reminded_at__isnull=False).count() == 1


def test_attendance_is_recorded_for_those_with_a_place_from_the_day_of_the_event(
    make_event, people, staff
):
    soon = make_event(capacity=2)
    with pytest.raises(ValidationError, match="dagen"):
        services.attendance_record(event=soon, attended=[], by=staff)
    held = make_event(
        capacity=2,
        starts_at=timezone.now() - timedelta(hours=2),
        ends_at=timezone.now() - timedelta(hours=1),
        signup_deadline=timezone.now() - timedelta(days=1),
    )
    signups = [
        SignUp.objects.create(
            event=held, user=person, status=status, position=n, confirmed_at=timezone.now()
        )
        for n, (person, status) in enumerate(
            [(people[0], Status.CONFIRMED), (people[1], Status.CONFIRMED), (people[2], "waiting")]
        )
    ]
    pks = [signup.pk for signup in signups]
    assert services.attendance_record(event=held, attended=[pks[0], pks[2]], by=staff) == 1
    assert list(held.signups.order_by("position").values_list("attended", flat=True)) == [
        True,
        False,
        False,
    ]


# Concurrency ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; SQLite serialises writers itself",
)
def test_simultaneous_sign_ups_for_the_last_place_give_it_to_exactly_one(make_event, make_user):
    event = make_event(capacity=1)
    people = [make_user(f"samtidig{n}", roles.MEDARBEJDER) for n in range(6)]
    barrier = threading.Barrier(len(people))
    errors = []

    def sign_up(user):
        try:
            barrier.wait()
            services.signup_join(event=event, user=user)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(event.signups.order_by("position").values_list("status", flat=True))
    assert statuses.count(Status.CONFIRMED) == 1
    assert statuses.count(Status.WAITING) == 5
    assert list(event.signups.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    event.refresh_from_db()
    assert (event.confirmed_count, event.waiting_count) == (1, 5)
