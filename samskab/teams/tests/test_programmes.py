"""Learning programmes: the rules of their services, their pages, and what they cost."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.dashboards.testing import front_page
from samskab.organisation.models import Competency, Person, PersonCompetency
from samskab.teams import services_programmes as services
from samskab.teams.models import (
    Attendance,
    LearningRecord,
    Participation,
    Programme,
    ProgrammeCompetency,
    Session,
)

Status = Participation.Status


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def programme(db, today):
    """Under way: began a month ago, ends in two; builds design to 3 and law to 2."""
    programme = Programme.objects.create(
        title="Innovationspartnerforløbet 2027",
        purpose="At lære innovation ved at gøre det.",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=60),
    )
    for slug, level in (("design", 3), ("jura", 2)):
        ProgrammeCompetency.objects.create(
            programme=programme, competency=Competency.objects.get(slug=slug), target_level=level
        )
    return programme


@pytest.fixture
def session(programme, today):
    return Session.objects.create(
        programme=programme,
        on=today - timedelta(days=7),
        starts_at=time(9),
        ends_at=time(12),
        place="Innovationshuset",
        topic="Prototyper",
    )


def _level(person, slug):
    row = PersonCompetency.objects.filter(person=person, competency__slug=slug).first()
    return row.level if row else None


# Who takes part ----------------------------------------------------------------------


def test_the_unit_adds_an_employee_once_and_nobody_from_outside(
    programme, staff, make_person, unit
):
    anna = make_person("Anna", unit=unit)
    added = services.participant_add(programme=programme, person=anna, by=staff)
    assert (added.status, added.joined_on) == (Status.ACTIVE, timezone.localdate())
    with pytest.raises(ValidationError, match="er allerede med i forløbet"):
        services.participant_add(programme=programme, person=anna, by=staff)
    citizen = make_person("Borger Bo", kind=Person.Kind.CITIZEN)
    with pytest.raises(ValidationError, match="kommunens medarbejdere"):
        services.participant_add(programme=programme, person=citizen, by=staff)
    assert Participation.objects.filter(programme=programme).count() == 1


def test_only_the_unit_adds_participants(programme, personas, make_person, unit):
    anna = make_person("Anna", unit=unit)
    with pytest.raises(ValidationError, match="Kun innovationsenheden"):
        services.participant_add(programme=programme, person=anna, by=personas[roles.OMRAADELEDER])
    assert not Participation.objects.exists()


def test_an_employee_asks_to_join_and_the_unit_not_they_accept(programme, personas, staff):
    employee = personas[roles.MEDARBEJDER]
    asked = services.participation_request(programme=programme, by=employee)
    assert asked.status == Status.REQUESTED
    with pytest.raises(ValidationError):
        services.participation_accept(participation=asked, by=employee)
    with pytest.raises(ValidationError, match="er allerede med"):
        services.participation_request(programme=programme, by=employee)
    accepted = services.participation_accept(participation=asked, by=staff)
    assert (accepted.status, accepted.joined_on) == (Status.ACTIVE, timezone.localdate())


def test_an_invitation_is_accepted_by_the_person_invited_only(programme, personas, staff):
    person = personas[roles.MEDARBEJDER].person
    invited = services.participant_add(programme=programme, person=person, invite=True, by=staff)
    assert (invited.status, invited.joined_on) == (Status.INVITED, None)
    with pytest.raises(ValidationError, match="Kun den inviterede"):
        services.participation_accept(participation=invited, by=staff)
    assert (
        services.participation_accept(participation=invited, by=personas[roles.MEDARBEJDER]).status
        == Status.ACTIVE
    )


def test_nobody_joins_an_ended_programme(programme, personas, staff, today):
    programme.ends_on = today - timedelta(days=1)
    programme.save()
    with pytest.raises(ValidationError, match="er slut"):
        services.participation_request(programme=programme, by=personas[roles.MEDARBEJDER])


def test_a_participant_drops_out_dated_and_kept_never_in_the_future(
    programme, staff, make_person, unit, today
):
    anna = make_person("Anna", unit=unit)
    participation = services.participant_add(programme=programme, person=anna, by=staff)
    with pytest.raises(ValidationError, match="fremtiden"):
        services.participation_drop(
            participation=participation, on=today + timedelta(days=1), by=staff
        )
    dropped = services.participation_drop(
        participation=participation, on=today, reason="Nyt job", by=staff
    )
    assert (dropped.status, dropped.dropped_on, dropped.drop_reason) == (
        Status.DROPPED,
        today,
        "Nyt job",
    )
    assert Participation.objects.filter(pk=participation.pk).exists()
    with pytest.raises(ValidationError, match="allerede"):
        services.participation_drop(participation=participation, by=staff)


# Completion ----------------------------------------------------------------------------


def test_completing_records_learning_per_competency_and_raises_levels_only_upwards(
    programme, staff, make_person, unit, today
):
    anna = make_person("Anna", unit=unit, levels={"design": 1, "jura": 4})
    participation = services.participant_add(programme=programme, person=anna, by=staff)
    records = services.participation_complete(participation=participation, by=staff)
    by_slug = {r.competency.slug: r for r in records}
    assert (by_slug["design"].level_before, by_slug["design"].level_after) == (1, 3)
    assert (by_slug["jura"].level_before, by_slug["jura"].level_after) == (4, 4)  # already above
    assert _level(anna, "design") == 3 and _level(anna, "jura") == 4
    assert LearningRecord.objects.filter(person=anna, programme=programme).count() == 2
    participation.refresh_from_db()
    assert (participation.status, participation.completed_on) == (Status.COMPLETED, today)


def test_completing_gives_a_competency_the_person_did_not_have(programme, staff, make_person, unit):
    bo = make_person("Bo", unit=unit)
    participation = services.participant_add(programme=programme, person=bo, by=staff)
    services.participation_complete(participation=participation, by=staff)
    record = LearningRecord.objects.get(person=bo, competency__slug="jura")
    assert (record.level_before, record.level_after) == (None, 2)
    assert _level(bo, "jura") == 2


def test_a_dropped_participation_cannot_be_completed_and_nothing_is_written(
    programme, staff, make_person, unit
):
    anna = make_person("Anna", unit=unit, levels={"design": 1})
    participation = services.participant_add(programme=programme, person=anna, by=staff)
    services.participation_drop(participation=participation, by=staff)
    with pytest.raises(ValidationError, match="kan ikke gennemføres"):
        services.participation_complete(participation=participation, by=staff)
    assert not LearningRecord.objects.filter(person=anna).exists()
    assert _level(anna, "design") == 1
    participation.refresh_from_db()
    assert participation.status == Status.DROPPED


def test_a_refused_completion_leaves_levels_records_and_status_as_they_were(
    programme, staff, make_person, unit, today
):
    anna = make_person("Anna", unit=unit, levels={"design": 1})
    participation = services.participant_add(programme=programme, person=anna, by=staff)
    with pytest.raises(ValidationError):  # dated before the participant joined
        services.participation_complete(
            participation=participation, on=today - timedelta(days=1), by=staff
        )
    with pytest.raises(ValidationError):  # a request is not yet a participation
        services.participation_complete(
            participation=services.participation_request(programme=programme, by=staff),
            by=staff,
        )
    assert not LearningRecord.objects.exists()
    assert _level(anna, "design") == 1
    assert Participation.objects.get(pk=participation.pk).status == Status.ACTIVE


def test_the_competencies_stay_once_someone_completed(programme, staff, make_person, unit):
    anna = make_person("Anna", unit=unit)
    participation = services.participant_add(programme=programme, person=anna, by=staff)
    aim = programme.competencies.first()
    services.programme_competency_set(
        programme=programme, competency=aim.competency, target_level=4, by=staff
    )
    services.participation_complete(participation=participation, by=staff)
    with pytest.raises(ValidationError, match="gennemført"):
        services.programme_competency_remove(aim=aim, by=staff)
    assert ProgrammeCompetency.objects.filter(pk=aim.pk).exists()


# Sessions and attendance ----------------------------------------------------------------


def test_a_session_lies_within_the_programme_and_the_dates_keep_their_sessions(
    programme, session, staff, today
):
    outside = Session(
        programme=programme,
        on=programme.ends_on + timedelta(days=1),
        starts_at=time(9),
        place="x",
        topic="x",
    )
    with pytest.raises(ValidationError) as error:
        services.session_save(session=outside, by=staff)
    assert "on" in error.value.message_dict
    programme.starts_on = today
    with pytest.raises(ValidationError, match="uden for"):
        services.programme_save(programme=programme, by=staff)


def test_attendance_marks_participants_present_or_absent_and_refuses_others(
    programme, session, staff, make_person, unit
):
    anna, bo, carl = (make_person(n, unit=unit) for n in ("Anna", "Bo", "Carl"))
    a, b = (services.participant_add(programme=programme, person=p, by=staff) for p in (anna, bo))
    asked = Participation.objects.create(programme=programme, person=carl, status=Status.REQUESTED)
    with pytest.raises(ValidationError, match="deltagere"):
        services.attendance_record(session=session, present={a.pk, asked.pk}, by=staff)
    assert not Attendance.objects.exists()
    assert services.attendance_record(session=session, present={a.pk}, by=staff) == 1
    assert dict(Attendance.objects.values_list("participation_id", "present")) == {
        a.pk: True,
        b.pk: False,
    }
    services.attendance_record(session=session, present={a.pk, b.pk}, by=staff)  # corrected
    assert Attendance.objects.filter(present=True).count() == 2


def test_attendance_waits_for_the_session(programme, staff, today):
    later = Session.objects.create(
        programme=programme, on=today + timedelta(days=1), starts_at=time(9), place="x", topic="x"
    )
    with pytest.raises(ValidationError):
        services.attendance_record(session=later, present=set(), by=staff)


# Pages ----------------------------------------------------------------------------------


def test_the_unit_creates_a_programme_and_is_sent_to_its_page(client, staff, today):
    client.force_login(staff)
    response = client.post(
        reverse("teams:programme-create"),
        {
            "title": "Innovationspartnerforløbet 2027",
            "purpose": "Lær ved at gøre.",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=90)).isoformat(),
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("teams:programme-detail", args=[programme.pk])
    assert programme.history.count() == 1


def test_hostile_or_wrong_input_gets_a_danish_error_and_keeps_what_was_typed(
    client, staff, programme, session, today
):
    client.force_login(staff)
    response = client.post(
        reverse("teams:programme-create"),
        {
            "title": "Forløb<script>",
            "purpose": "x",
            "starts_on": "2027-05-01",
            "ends_on": "2027-01-01",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Forløbet kan ikke slutte, før det begynder." in text
    assert "Forløb&lt;script&gt;" in text
    response = client.post(
        reverse("teams:session-create", args=[programme.pk]),
        {"on": "31-31-2027", "starts_at": "25:99", "place": "x", "topic": "y"},
    )
    assert response.status_code == 200
    assert "Indtast en gyldig dato." in response.content.decode()
    response = client.post(
        reverse("teams:session-attendance", args=[session.pk]), {"present": ["abc", "999999"]}
    )
    assert response.status_code == 200
    response = client.post(
        reverse("teams:participant-add", args=[programme.pk]), {"person": "1; DROP TABLE"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("teams:programme-detail", args=[programme.pk])


def test_an_employee_asks_to_join_from_the_page(client, personas, programme):
    client.force_login(personas[roles.MEDARBEJDER])
    page = client.get(reverse("teams:programme-detail", args=[programme.pk]))
    assert "Bed om at komme med" in page.content.decode()
    response = client.post(reverse("teams:programme-join", args=[programme.pk]))
    assert response["Location"] == reverse("teams:programme-detail", args=[programme.pk])
    assert Participation.objects.get(person__user=personas[roles.MEDARBEJDER]).status == (
        Status.REQUESTED
    )


def test_an_area_manager_sees_their_own_staffs_participation_only(
    client, personas, programme, staff, make_person, unit, elsewhere
):
    ours = make_person("Anna Egen", unit=unit)
    theirs = make_person("Bo Anden", unit=elsewhere)
    for person in (ours, theirs):
        services.participant_add(programme=programme, person=person, by=staff)
    manager = personas[roles.OMRAADELEDER]
    manager.person.org_unit = unit.parent
    manager.person.save()
    client.force_login(manager)
    text = client.get(reverse("teams:programme-detail", args=[programme.pk])).content.decode()
    assert "Anna Egen" in text and "Bo Anden" not in text
    client.force_login(personas[roles.MEDARBEJDER])
    text = client.get(reverse("teams:programme-detail", args=[programme.pk])).content.decode()
    assert "Anna Egen" not in text and "Bo Anden" not in text
    client.force_login(staff)
    text = client.get(reverse("teams:programme-detail", args=[programme.pk])).content.decode()
    assert "Anna Egen" in text and "Bo Anden" in text


def _programmes(n: int, people: list[Person], by) -> None:
    today = timezone.localdate()
    for i in range(n):
        programme = Programme.objects.create(
            title=f"Forløb {i}",
            purpose="x",
            starts_on=today - timedelta(days=10),
            ends_on=today + timedelta(days=10),
        )
        ProgrammeCompetency.objects.create(
            programme=programme, competency=Competency.objects.get(slug="design")
        )
        sessions = Session.objects.bulk_create(
            Session(
                programme=programme,
                on=today + timedelta(days=d),
                starts_at=time(9),
                place="x",
                topic=f"Emne {d}",
            )
            for d in (-5, 0, 5)
        )
        participations = Participation.objects.bulk_create(
            Participation(programme=programme, person=p, status=Status.ACTIVE, joined_on=today)
            for p in people
        )
        Attendance.objects.bulk_create(
            Attendance(session=s, participation=p) for s in sessions[:1] for p in participations
        )


def test_the_programme_list_and_page_cost_the_same_at_any_size(
    client, staff, make_person, unit, django_assert_max_num_queries
):
    client.force_login(staff)
    people = [make_person(f"Person {i}", unit=unit) for i in range(2)]
    _programmes(1, people, staff)
    first = Programme.objects.get()
    client.get(reverse("teams:programme-list"))
    with django_assert_max_num_queries(12) as few_list:
        assert client.get(reverse("teams:programme-list")).status_code == 200
    with django_assert_max_num_queries(16) as few_page:
        assert client.get(reverse("teams:programme-detail", args=[first.pk])).status_code == 200
    people += [make_person(f"Flere {i}", unit=unit) for i in range(20)]
    _programmes(12, people, staff)
    with django_assert_max_num_queries(len(few_list.captured_queries)):
        assert client.get(reverse("teams:programme-list")).status_code == 200
    last = Programme.objects.order_by("-pk").first()
    with django_assert_max_num_queries(len(few_page.captured_queries)):
        page = client.get(reverse("teams:programme-detail", args=[last.pk]))
    assert page.status_code == 200
    assert "Flere 19" in page.content.decode()


def test_completion_from_the_page_shows_on_the_journey(client, staff, programme, make_person, unit):
    anna = make_person("Anna", unit=unit, levels={"design": 1})
    participation = services.participant_add(programme=programme, person=anna, by=staff)
    client.force_login(staff)
    response = client.post(reverse("teams:participation-complete", args=[participation.pk]))
    assert response["Location"] == reverse("teams:programme-detail", args=[programme.pk])
    journey = client.get(reverse("teams:journey", args=[anna.pk]))
    assert journey.status_code == 200
    text = journey.content.decode()
    assert "Læringsforløb: Innovationspartnerforløbet 2027" in text
    assert "Design: niveau 1 til 3" in text


def test_an_employee_in_a_programme_sees_the_next_session_on_the_front_page(
    client, personas, programme, staff, today
):
    employee = personas[roles.MEDARBEJDER]
    assert "next-session" not in front_page(client, employee)
    Session.objects.create(
        programme=programme, on=today - timedelta(days=1), starts_at=time(9), place="x", topic="Før"
    )
    Session.objects.create(
        programme=programme,
        on=today + timedelta(days=3),
        starts_at=time(13),
        place="Rådhuset",
        topic="Skalering",
    )
    services.participant_add(programme=programme, person=employee.person, by=staff)
    panel = front_page(client, employee)["next-session"]
    assert [item.label for item in panel.items] == ["Skalering"]
    assert panel.items[0].url == reverse("teams:programme-detail", args=[programme.pk])
    assert "13:00 · Rådhuset" in panel.items[0].detail
