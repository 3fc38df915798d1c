"""A person's level on a day, and the heatmap that compares two days, from the learning records."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.organisation.models import Competency
from samskab.teams import services_programmes
from samskab.teams.models import LearningRecord, Participation, Programme, ProgrammeCompetency
from samskab.teams.queries import heatmap, levels_on


def _record(person, slug, before, after, on):
    LearningRecord.objects.create(
        person=person,
        competency=Competency.objects.get(slug=slug),
        level_before=before,
        level_after=after,
        activity="x",
        learned_on=on,
    )


def test_the_level_on_a_day_is_todays_less_what_was_learned_after_it(make_person, unit):
    today = timezone.localdate()
    day = today - timedelta(days=100)
    anna = make_person("Anna", unit=unit, levels={"design": 3, "jura": 2, "oekonomi": 4})
    _record(anna, "design", 1, 2, day - timedelta(days=10))  # before the day: counts
    _record(anna, "design", 2, 3, day + timedelta(days=10))  # after it: undone
    _record(anna, "jura", None, 2, day + timedelta(days=1))  # gained only after the day
    _record(anna, "oekonomi", 3, 4, day)  # on the day itself: counts
    design, law, economy = (
        Competency.objects.get(slug=s).pk for s in ("design", "jura", "oekonomi")
    )
    then = levels_on(day, person_ids=[anna.pk])
    assert then == {(anna.pk, design): 2, (anna.pk, economy): 4}
    assert levels_on(day - timedelta(days=20), person_ids=[anna.pk]) == {
        (anna.pk, design): 1,
        (anna.pk, economy): 3,
    }
    assert levels_on(today, person_ids=[anna.pk]) == {
        (anna.pk, design): 3,
        (anna.pk, law): 2,
        (anna.pk, economy): 4,
    }


def test_levels_on_reads_in_one_query(make_person, unit, django_assert_num_queries):
    people = [make_person(f"P{i}", unit=unit, levels={"design": 2}) for i in range(5)]
    for person in people:
        _record(person, "design", 1, 2, timezone.localdate())
    with django_assert_num_queries(1):
        levels_on(timezone.localdate() - timedelta(days=1))


def test_the_heatmap_agrees_with_the_levels_of_each_person_on_both_days(
    make_person, unit, elsewhere
):
    today = timezone.localdate()
    a, b = today - timedelta(days=60), today - timedelta(days=10)
    anna = make_person("Anna", unit=unit, levels={"design": 4})
    bo = make_person("Bo", unit=unit, levels={"design": 2})
    make_person("Carl", unit=elsewhere, levels={"design": 3})
    _record(anna, "design", 2, 3, a + timedelta(days=5))  # between the days
    _record(anna, "design", 3, 4, b + timedelta(days=5))  # after both
    _record(bo, "design", None, 2, a + timedelta(days=1))  # Bo gained it between them
    data = heatmap(a=a, b=b)
    design = Competency.objects.get(slug="design")
    column = [c.pk for c in data["competencies"]].index(design.pk)
    cells = {area.name: row[column] for area, row in data["rows"]}
    at_a, at_b = levels_on(a), levels_on(b)

    def average(levels, people):
        values = [levels[(p.pk, design.pk)] for p in people if (p.pk, design.pk) in levels]
        return round(sum(values) / len(values), 1) if values else None

    ours = cells["Børn og Skole"]
    assert (ours.a, ours.b) == (average(at_a, [anna, bo]), average(at_b, [anna, bo])) == (2.0, 2.5)
    assert (ours.people_a, ours.people_b) == (1, 2)
    assert ours.direction == "up"
    theirs = cells["Social og Sundhed"]
    assert (theirs.a, theirs.b, theirs.direction) == (3.0, 3.0, "same")


def test_the_heatmap_shows_a_programmes_change_with_words_beside_the_arrows(
    client, personas, make_person, unit
):
    today = timezone.localdate()
    staff = personas[roles.INNOVATIONSENHED]
    programme = Programme.objects.create(
        title="Forløbet", purpose="x", starts_on=today - timedelta(days=40), ends_on=today
    )
    ProgrammeCompetency.objects.create(
        programme=programme, competency=Competency.objects.get(slug="design"), target_level=4
    )
    anna = make_person("Anna", unit=unit, levels={"design": 2})
    participation = Participation.objects.create(
        programme=programme,
        person=anna,
        status=Participation.Status.ACTIVE,
        joined_on=programme.starts_on,
    )
    services_programmes.participation_complete(
        participation=participation, on=today - timedelta(days=1), by=staff
    )
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("teams:heatmap"), {"forloeb": programme.pk})
    assert response.status_code == 200
    assert response.context["a"] == programme.starts_on - timedelta(days=1)
    assert response.context["b"] == today
    assert [c.slug for c in response.context["competencies"]] == ["design"]
    (cell,) = {area.name: row for area, row in response.context["rows"]}["Børn og Skole"]
    assert (cell.a, cell.b, cell.direction) == (2.0, 4.0, "up")
    text = response.content.decode()
    assert '<span class="sr-only">steg</span>' in text


def test_the_heatmap_refuses_dates_in_the_wrong_order_in_danish(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("teams:heatmap"), {"fra": "2026-05-01", "til": "2026-01-01"})
    assert response.status_code == 200
    assert "Den anden dato kommer efter den første." in response.content.decode()
    response = client.get(reverse("teams:heatmap"), {"fra": "<script>", "forloeb": "x"})
    assert response.status_code == 200
