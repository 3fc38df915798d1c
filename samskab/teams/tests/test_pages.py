"""The team pages: what they show, what they do, and that they cost the same at any size."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.governance import briefs
from samskab.organisation.models import Competency, OrgUnit, Person, PersonCompetency
from samskab.portfolio.models import InnovationTask
from samskab.teams import briefs as team_briefs
from samskab.teams import services
from samskab.teams.models import Importance, LearningRecord, Role, TeamMembership


@pytest.fixture
def staff_client(client, personas):
    client.force_login(personas[roles.INNOVATIONSENHED])
    return client


def _needs(task, by, **importance_by_slug):
    for slug, importance in importance_by_slug.items():
        services.need_save(
            task=task,
            competency=Competency.objects.get(slug=slug),
            importance=importance,
            phase=2,
            by=by,
        )


def _people(n: int, unit, *, prefix: str) -> None:
    """``n`` employees, each with two of the needed competencies, made in bulk."""
    people = Person.objects.bulk_create(
        Person(name=f"{prefix} {i}", kind=Person.Kind.EMPLOYEE, org_unit=unit) for i in range(n)
    )
    law, economy, design = (Competency.objects.get(slug=s) for s in ("jura", "oekonomi", "design"))
    PersonCompetency.objects.bulk_create(
        [
            PersonCompetency(person=p, competency=c, level=1 + (p.pk + k) % 4)
            for p in people
            for k, c in enumerate((law, economy, design) if p.pk % 2 else (law, economy))
        ]
    )


def test_the_composer_proposes_and_explains_and_a_proposal_joins_the_team(
    staff_client, make_task, make_person, unit, elsewhere, personas
):
    task = make_task()
    _needs(
        task,
        personas[roles.INNOVATIONSENHED],
        jura=Importance.CRITICAL,
        oekonomi=Importance.IMPORTANT,
    )
    lawyer = make_person("Ida Jurist", unit=elsewhere, levels={"jura": 4, "oekonomi": 3})
    page = staff_client.get(reverse("teams:team-compose", args=[task.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ida Jurist" in text
    assert "Dækker jura og økonomi; 0 % belagt" in text
    response = staff_client.post(
        reverse("teams:team-add", args=[task.pk]) + f"?person={lawyer.pk}",
        {
            "person": lawyer.pk,
            "role": Role.SPECIALIST,
            "allocation": 20,
            "starts_on": timezone.localdate(),
        },
    )
    assert response.status_code == 302
    assert TeamMembership.objects.current().filter(task=task, person=lawyer).exists()
    team = staff_client.get(reverse("teams:team-detail", args=[task.pk])).content.decode()
    assert "Ida Jurist" in team
    assert "Holdet dækker alle behov." in team


def test_the_composer_leaves_out_people_at_100_percent_who_stay_findable_with_a_warning(
    staff_client, make_task, make_person, add_member, unit, elsewhere, personas
):
    task = make_task()
    _needs(
        task,
        personas[roles.INNOVATIONSENHED],
        jura=Importance.CRITICAL,
        oekonomi=Importance.IMPORTANT,
    )
    almost = make_person("Ida Næsten", unit=elsewhere, levels={"jura": 4})
    full = make_person("Ole Fuld", unit=elsewhere, levels={"oekonomi": 4})
    add_member(make_task("Travl A"), almost, allocation=99)
    add_member(make_task("Travl B"), full, allocation=100)
    url = reverse("teams:team-compose", args=[task.pk])
    text = staff_client.get(url).content.decode()
    proposals = text.split('id="proposals"', 1)[1].split("</table>", 1)[0]
    assert "Ida Næsten" in proposals and "99 % belagt" in proposals
    assert "Ole Fuld" not in proposals
    found = staff_client.get(url + "?q=Ole")
    assert found.status_code == 200
    section = found.content.decode().split('id="search-heading"', 1)[1]
    assert "Ole Fuld" in section
    assert "Allerede fuldt belagt" in section and "100 %" in section
    form = staff_client.get(reverse("teams:team-add", args=[task.pk]) + f"?person={full.pk}")
    assert "Ole Fuld er allerede belagt 100 % på tværs af aktive opgaver." in form.content.decode()


def test_the_team_page_says_what_is_not_covered_in_plain_words(staff_client, make_task, personas):
    task = make_task()
    _needs(task, personas[roles.INNOVATIONSENHED], jura=Importance.CRITICAL)
    text = staff_client.get(reverse("teams:team-detail", args=[task.pk])).content.decode()
    assert "Ingen på holdet dækker Jura (kritisk, niveau 2 eller derover)." in text


def test_someone_allocated_above_100_percent_is_flagged_on_team_and_journey(
    staff_client, make_task, make_person, add_member, unit
):
    anna = make_person("Anna Travl", unit=unit)
    add_member(make_task("A"), anna, allocation=70)
    task = make_task("B")
    add_member(task, anna, allocation=50)
    assert (
        "Belagt over 100 %"
        in staff_client.get(reverse("teams:team-detail", args=[task.pk])).content.decode()
    )
    journey = staff_client.get(reverse("teams:journey", args=[anna.pk])).content.decode()
    assert "Belagt over 100 %" in journey
    assert "120 %" in journey


def test_ending_a_membership_moves_the_person_to_the_history(
    staff_client, make_task, make_person, add_member, unit
):
    task = make_task()
    member = add_member(task, make_person("Bo Går", unit=unit))
    staff_client.post(reverse("teams:membership-end", args=[task.pk, member.pk]))
    member.refresh_from_db()
    assert member.ends_on == timezone.localdate()
    assert TeamMembership.objects.filter(pk=member.pk).exists()


def test_a_learning_record_from_the_journey_page(staff_client, make_person, unit):
    anna = make_person("Anna", unit=unit, levels={"design": 1})
    design = Competency.objects.get(slug="design")
    response = staff_client.post(
        reverse("teams:learning-add", args=[anna.pk]),
        {
            "competency": design.pk,
            "level_after": 2,
            "activity": "Prototyper",
            "learned_on": timezone.localdate(),
        },
    )
    assert response.status_code == 302
    assert LearningRecord.objects.get(person=anna).level_before == 1


def test_the_heatmap_shows_the_level_now_and_a_year_ago(staff_client, make_person, unit, personas):
    anna = make_person("Anna", unit=unit, levels={"design": 2})
    make_person("Bo", unit=unit, levels={"design": 4})
    services.learning_record(
        person=anna,
        competency=Competency.objects.get(slug="design"),
        level_after=4,
        activity="Workshops",
        by=personas[roles.INNOVATIONSENHED],
    )
    from samskab.teams.queries import heatmap

    data = heatmap()
    column = [c.slug for c in data["competencies"]].index("design")
    rows = {area.name: cells for area, cells in data["rows"]}
    cell = rows["Børn og Skole"][column]
    assert (cell.b, cell.a) == (4.0, 3.0)
    page = staff_client.get(reverse("teams:heatmap"))
    assert "<table" in page.content.decode()


def test_the_capacity_page_warns_when_the_unit_is_over_committed(
    client, personas, make_task, add_member
):
    staff = personas[roles.INNOVATIONSENHED].person
    services.capacity_set(person=staff, hours_per_week=10, by=personas[roles.INNOVATIONSCHEF])
    add_member(make_task(), staff, role=Role.CONSULTANT, allocation=100)
    from samskab.portfolio.models import SparringRequest

    SparringRequest.objects.create(
        title="Hjælp",
        description="x",
        status="active",
        assigned_to=personas[roles.INNOVATIONSENHED],
        time_box_hours=20,
    )
    client.force_login(personas[roles.DIREKTION])
    text = client.get(reverse("teams:capacity")).content.decode()
    assert "Nogle i innovationsenheden er overbooket" in text
    # 10 hours a week, all of it on the task, and 20 hours of sparring over four weeks.
    assert "<td>15,0</td>" in text
    services.capacity_set(
        person=personas[roles.INNOVATIONSCHEF].person,
        hours_per_week=2,
        by=personas[roles.INNOVATIONSCHEF],
    )
    assert (
        "Innovationsenheden er overbooket" in client.get(reverse("teams:capacity")).content.decode()
    )


def test_the_composer_costs_the_same_with_50_and_500_candidates(
    staff_client,
    make_task,
    make_person,
    add_member,
    unit,
    elsewhere,
    personas,
    django_assert_max_num_queries,
):
    task = make_task()
    _needs(
        task,
        personas[roles.INNOVATIONSENHED],
        jura=Importance.CRITICAL,
        oekonomi=Importance.IMPORTANT,
        design=Importance.NICE,
    )
    add_member(task, make_person("Anna", unit=unit, levels={"design": 1}), role=Role.PARTNER)
    url = reverse("teams:team-compose", args=[task.pk])
    _people(50, elsewhere, prefix="Få")
    staff_client.get(url)
    with django_assert_max_num_queries(16) as few:
        assert staff_client.get(url).status_code == 200
    _people(450, elsewhere, prefix="Mange")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert staff_client.get(url).status_code == 200


def test_the_composers_search_costs_the_same_with_few_and_many_matches(
    staff_client, make_task, add_member, unit, elsewhere, django_assert_max_num_queries
):
    task = make_task()
    url = reverse("teams:team-compose", args=[task.pk]) + "?q=Søgt"
    _people(2, elsewhere, prefix="Søgt")
    for person in Person.objects.filter(name__startswith="Søgt"):
        add_member(make_task(f"Travl {person.pk}"), person, allocation=100)
    staff_client.get(url)
    with django_assert_max_num_queries(20) as few:
        response = staff_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Allerede fuldt belagt") == 2
    _people(60, elsewhere, prefix="Søgt igen")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(url)
    assert response.status_code == 200
    assert "Søgt igen" in response.content.decode()


def test_the_team_page_costs_the_same_with_few_and_many_members(
    staff_client, make_task, make_person, add_member, unit, personas, django_assert_max_num_queries
):
    task = make_task()
    _needs(task, personas[roles.INNOVATIONSENHED], jura=Importance.CRITICAL)
    add_member(task, make_person("P0", unit=unit, levels={"jura": 2}))
    url = reverse("teams:team-detail", args=[task.pk])
    staff_client.get(url)
    with django_assert_max_num_queries(30) as few:
        staff_client.get(url)
    for i in range(1, 12):
        member = add_member(task, make_person(f"P{i}", unit=unit, levels={"jura": 2}))
        if i % 3 == 0:
            services.membership_end(membership=member, by=personas[roles.INNOVATIONSENHED])
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url)


def test_the_meeting_pack_shows_the_team_in_a_constant_number_of_queries(
    make_task, make_person, add_member, unit, personas, django_assert_max_num_queries
):
    def pack_queries(tasks):
        """The team section alone, as the pack runs it: prefetch all, then render each."""
        tasks = list(InnovationTask.objects.filter(pk__in=[t.pk for t in tasks]))
        with django_assert_max_num_queries(100) as counted:
            team_briefs.SECTION.prefetch(tasks, [])
            parts = [briefs._part(team_briefs.SECTION, task) for task in tasks]
        return parts, len(counted.captured_queries)

    tasks = []
    for i in range(6):
        task = make_task(f"Opgave {i}")
        _needs(task, personas[roles.INNOVATIONSENHED], jura=Importance.CRITICAL)
        add_member(task, make_person(f"Medlem {i}", unit=unit), role=Role.PARTNER)
        tasks.append(task)
    _few, two = pack_queries(tasks[:2])
    many, six = pack_queries(tasks)
    assert six == two
    assert "Medlem 0" in many[0].html and "Jura" in many[0].html
    assert "team" in [section.key for section in briefs.sections() if section.render]


def test_the_task_page_shows_the_team_panel(
    staff_client, make_task, make_person, add_member, unit, personas
):
    task = make_task()
    add_member(task, make_person("Panel Person", unit=unit))
    gone = add_member(task, make_person("Tidligere Person", unit=unit))
    services.membership_end(membership=gone, by=personas[roles.INNOVATIONSENHED])
    text = staff_client.get(reverse("portfolio:task-detail", args=[task.pk])).content.decode()
    assert "Panel Person" in text
    assert "1 tidligere medlem" in text and "Tidligere Person" in text
    assert reverse("teams:team-detail", args=[task.pk]) in text


def test_an_area_manager_who_does_not_own_the_task_cannot_manage_its_team(
    client, make_task, personas, unit
):
    task = make_task()
    other = Person.objects.create(
        name="Anden leder", kind=Person.Kind.EMPLOYEE, org_unit=unit.parent
    )
    task.owner = other
    task.save()
    client.force_login(personas[roles.OMRAADELEDER])
    assert client.get(reverse("teams:team-compose", args=[task.pk])).status_code == 403
    assert client.get(reverse("teams:team-detail", args=[task.pk])).status_code == 200
    assert OrgUnit.objects.exists()


def test_the_heatmap_costs_the_same_with_few_and_many_people(
    staff_client, unit, elsewhere, personas, django_assert_max_num_queries
):
    url = reverse("teams:heatmap")
    _people(5, unit, prefix="Få")
    staff_client.get(url)
    with django_assert_max_num_queries(20) as few:
        staff_client.get(url)
    _people(300, elsewhere, prefix="Mange")
    design = Competency.objects.get(slug="design")
    LearningRecord.objects.bulk_create(
        LearningRecord(person=p, competency=design, level_before=1, level_after=2, activity="x")
        for p in Person.objects.filter(name__startswith="Mange")[:100]
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url)


def test_a_journey_costs_the_same_with_few_and_many_tasks(
    staff_client, make_task, make_person, add_member, unit, django_assert_max_num_queries
):
    anna = make_person("Anna", unit=unit, levels={"design": 2})
    add_member(make_task("Første"), anna)
    url = reverse("teams:journey", args=[anna.pk])
    staff_client.get(url)
    with django_assert_max_num_queries(30) as few:
        staff_client.get(url)
    design = Competency.objects.get(slug="design")
    for i in range(8):
        task = make_task(f"Opgave {i}")
        add_member(task, anna, allocation=5)
        LearningRecord.objects.create(
            person=anna, competency=design, level_before=2, level_after=2, activity="x", task=task
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        staff_client.get(url)


def test_the_composer_counts_open_sparring_in_a_unit_members_load(
    make_task, make_person, add_member, unit, elsewhere, personas
):
    from samskab.portfolio.models import SparringRequest
    from samskab.teams.queries import composition_for

    task = make_task()
    _needs(task, personas[roles.INNOVATIONSENHED], design=Importance.IMPORTANT)
    staff = personas[roles.INNOVATIONSENHED].person
    staff.org_unit = elsewhere
    staff.save()
    PersonCompetency.objects.create(
        person=staff, competency=Competency.objects.get(slug="design"), level=4
    )
    services.capacity_set(person=staff, hours_per_week=20, by=personas[roles.INNOVATIONSCHEF])
    SparringRequest.objects.create(
        title="Hjælp",
        description="x",
        status="active",
        assigned_to=personas[roles.INNOVATIONSENHED],
        time_box_hours=40,
        hours_used=0,
    )
    make_person("Fri Designer", unit=elsewhere, levels={"design": 4})
    add_member(task, make_person("Partner", unit=unit), role=Role.PARTNER)
    proposals = composition_for(task, user=personas[roles.INNOVATIONSENHED], limit=1).proposals
    assert [p.candidate.person_id for p in proposals] == [
        Person.objects.get(name="Fri Designer").pk
    ]
    # Without the designer, the unit member is proposed: 40 hours over four weeks of a
    # 20-hour week is half of it.
    Person.objects.filter(name="Fri Designer").delete()
    (proposal,) = composition_for(task, user=personas[roles.INNOVATIONSENHED], limit=1).proposals
    assert (proposal.candidate.person_id, proposal.candidate.load) == (staff.pk, 50)


def test_the_person_and_competency_pages_lead_to_the_journey_and_the_heatmap(
    staff_client, make_person, unit
):
    anna = make_person("Anna Andersen", unit=unit)
    person_page = staff_client.get(reverse("organisation:person-detail", args=[anna.pk]))
    assert reverse("teams:journey", args=[anna.pk]) in person_page.content.decode()
    competencies = staff_client.get(reverse("organisation:competency-list"))
    assert reverse("teams:heatmap") in competencies.content.decode()


def test_the_capacity_page_costs_the_same_with_few_and_many_staff_and_tasks(
    client, personas, make_task, add_member, unit, django_assert_max_num_queries
):
    from django.contrib.auth.models import Group

    from samskab.accounts.models import User
    from samskab.portfolio.models import SparringRequest

    unit_staff = Group.objects.get(name=roles.INNOVATIONSENHED)

    def grow(n: int, offset: int) -> None:
        for i in range(n):
            user = User.objects.create(username=f"konsulent{offset + i}")
            user.groups.add(unit_staff)
            person = Person.objects.create(
                name=f"Konsulent {offset + i}", kind=Person.Kind.EMPLOYEE, org_unit=unit, user=user
            )
            add_member(make_task(f"Opgave {offset + i}"), person, role=Role.CONSULTANT)
            SparringRequest.objects.create(
                title="Hjælp", description="x", status="active", assigned_to=user
            )

    url = reverse("teams:capacity")
    client.force_login(personas[roles.DIREKTION])
    grow(1, 0)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    grow(8, 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert "Konsulent 8" in body
