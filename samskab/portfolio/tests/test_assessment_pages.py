"""Triage pages: who may use each address, what they show, and their query counts."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.core.testing import PERSONAS
from samskab.ideas.models import Idea
from samskab.organisation.models import Person
from samskab.portfolio.models import Assessment, AssessorAssignment, Criterion, Score
from samskab.portfolio.services import assessment as services

UNIT_STAFF = {roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF, roles.ADMINISTRATOR}
CHIEF = {roles.INNOVATIONSCHEF, roles.ADMINISTRATOR}
ASSESSOR = {roles.INNOVATIONSENHED}  # assigned in the fixture below


def expect(allowed: set[str], *, ok: int = 200) -> dict[str, int]:
    codes = {persona: ok if persona in allowed else 403 for persona in PERSONAS}
    codes["anonymous"] = 302  # sent to log in
    return codes


# url name, method, who may, and the status they get (an empty POST: 200 shows the
# form's errors, 302 goes on after saving).
ACCESS = [
    ("portfolio:assessment-list", "get", expect(UNIT_STAFF)),
    ("portfolio:assessment-create", "get", expect(UNIT_STAFF)),
    ("portfolio:assessment-detail", "get", expect(UNIT_STAFF)),
    ("portfolio:criteria", "get", expect(CHIEF)),
    ("portfolio:prioritisation", "get", expect(UNIT_STAFF)),
    ("portfolio:assessment-assign", "post", expect(CHIEF)),
    ("portfolio:assessment-score", "post", expect(ASSESSOR, ok=302)),
    ("portfolio:assessment-classify", "post", expect(ASSESSOR | CHIEF)),
    ("portfolio:assessment-decide", "post", expect(CHIEF)),
]


def new_idea(title: str = "Idé", **fields) -> Idea:
    return Idea.objects.create(
        title=title,
        description=f"Om {title}",
        confirmed_at=timezone.now(),
        consent_to_publish=True,
        moderation=Idea.Moderation.APPROVED,
        **fields,
    )


def unit_member(name: str, unit) -> User:
    user = User.objects.create_user(username=name, email=f"{name}@example.dk")
    user.groups.set(Group.objects.filter(name__in=[roles.INNOVATIONSENHED, roles.MEDARBEJDER]))
    Person.objects.create(user=user, name=name.title(), org_unit=unit)
    return user


def submitted(assessment: Assessment, assessor: User, value: int = 3) -> AssessorAssignment:
    """A submitted assignment, written directly: for building many rows fast."""
    assignment = AssessorAssignment.objects.create(
        assessment=assessment, assessor=assessor, submitted_at=timezone.now()
    )
    Score.objects.bulk_create(
        Score(assignment=assignment, criterion=c, value=value, reason=f"Grund {assessor.pk}")
        for c in Criterion.objects.filter(active=True)
    )
    return assignment


def many_assessments(n: int, assessors: list[User], *, start: int = 0) -> list[Assessment]:
    made = []
    for i in range(start, start + n):
        assessment = Assessment.objects.create(title=f"Kandidat {i}")
        assessment.ideas.set([new_idea(f"Idé {i}a"), new_idea(f"Idé {i}b")])
        for number, assessor in enumerate(assessors):
            submitted(assessment, assessor, value=1 + (i + number) % 5)
        made.append(assessment)
    return made


@pytest.fixture
def assessment(personas) -> Assessment:
    chief = personas[roles.INNOVATIONSCHEF]
    assessment = services.assessment_create(
        ideas=[new_idea("Cykelparkering"), new_idea("Cykelstativer")], title="Cykler", by=chief
    )
    services.assessor_assign(
        assessment=assessment, assessor=personas[roles.INNOVATIONSENHED], by=chief
    )
    return assessment


# Who may use what ---------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name, method, codes", ACCESS, ids=[row[0] for row in ACCESS])
def test_each_persona_gets_what_the_triage_pages_allow(
    client, personas, assessment, name, method, codes, persona
):
    if personas[persona] is not None:
        client.force_login(personas[persona])
    try:
        url = reverse(name, kwargs={"pk": assessment.pk})
    except NoReverseMatch:  # the addresses without an assessment
        url = reverse(name)
    response = getattr(client, method)(url)
    assert response.status_code == codes[persona], f"{persona} on {name}"


@pytest.mark.parametrize(
    "name", ["assessment-assign", "assessment-score", "assessment-classify", "assessment-decide"]
)
def test_the_actions_answer_only_posts(client, personas, assessment, name):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    url = reverse(f"portfolio:{name}", kwargs={"pk": assessment.pk})
    assert client.get(url).status_code == 405


def test_a_missing_assessment_is_not_found(client, personas):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    assert client.get(reverse("portfolio:assessment-detail", args=[999])).status_code == 404


def test_the_idea_page_offers_unit_staff_to_assess_it(client, personas):
    idea = new_idea("Grønne tage")
    url = reverse("ideas:idea-detail", args=[idea.pk])
    create = reverse("portfolio:assessment-create")
    client.force_login(personas[roles.INNOVATIONSENHED])
    assert f"{create}?ide={idea.pk}" in client.get(url).content.decode()
    client.force_login(personas[roles.MEDARBEJDER])
    assert create not in client.get(url).content.decode()


# Working through the pages ------------------------------------------------------------


def test_staff_start_an_assessment_from_several_ideas(client, personas):
    first, second = new_idea("Lektiecafé"), new_idea("Lektiehjælp")
    client.force_login(personas[roles.INNOVATIONSENHED])
    page = client.get(reverse("portfolio:assessment-create"), {"ide": [first.pk, second.pk]})
    body = page.content.decode()
    assert "Lektiecafé" in body and "Lektiehjælp" in body
    assert f'value="{first.pk}, {second.pk}"' in body
    response = client.post(
        reverse("portfolio:assessment-create"),
        {"ideas": f"{first.pk}, {second.pk}", "title": "Lektier"},
    )
    assessment = Assessment.objects.get()
    assert response.url == reverse("portfolio:assessment-detail", args=[assessment.pk])
    assert assessment.title == "Lektier" and assessment.ideas.count() == 2


def test_an_unknown_idea_number_is_shown_next_to_the_field(client, personas):
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(reverse("portfolio:assessment-create"), {"ideas": "4711", "title": "x"})
    assert response.status_code == 200
    assert "4711" in response.content.decode()
    assert not Assessment.objects.exists()


def test_an_assessor_scores_submits_and_then_sees_the_others(client, personas, assessment, unit):
    staff = personas[roles.INNOVATIONSENHED]
    other = unit_member("anne", unit)
    services.assessor_assign(assessment=assessment, assessor=other, by=personas["innovationschef"])
    done = AssessorAssignment.objects.get(assessor=other)
    services.assessment_score(
        assignment=done,
        scores=dict.fromkeys(Criterion.objects.filter(active=True), (5, "Annes hemmelige grund")),
        by=other,
    )
    services.assessment_submit(assignment=done, by=other)
    detail = reverse("portfolio:assessment-detail", args=[assessment.pk])
    client.force_login(staff)
    assert "Annes hemmelige grund" not in client.get(detail).content.decode()

    criteria = list(Criterion.objects.filter(active=True))
    data = {f"value_{c.pk}": "2" for c in criteria}
    data.update({f"reason_{c.pk}": "Min grund" for c in criteria[:-1]})
    response = client.post(reverse("portfolio:assessment-score", args=[assessment.pk]), data)
    assert response.status_code == 200  # the last reason is missing: shown, nothing lost
    assert 'class="form-error-message"' in response.content.decode()
    assert "Min grund" in response.content.decode()
    assert "Annes hemmelige grund" not in response.content.decode()

    data[f"reason_{criteria[-1].pk}"] = "Min sidste grund"
    data["submit"] = "1"
    response = client.post(reverse("portfolio:assessment-score", args=[assessment.pk]), data)
    assert response.status_code == 302
    body = client.get(detail).content.decode()
    assert "Annes hemmelige grund" in body and "Min sidste grund" in body
    assert "3,50" in body  # the mean of 2 and 5, in Danish


def test_the_chief_decides_and_a_refused_decision_keeps_what_was_typed(
    client, personas, assessment
):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    url = reverse("portfolio:assessment-decide", args=[assessment.pk])
    response = client.post(
        url, {"outcome": "proposal", "reason": "Et godt forslag", "problem": "Mit problem"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Et godt forslag" in body and "Mit problem" in body
    assert "form-error-message" in body or "alert-error" in body
    response = client.post(url, {"outcome": "declined", "reason": "Det ligger uden for os."})
    assert response.status_code == 302
    for idea in Assessment.objects.get().ideas.all():
        assert idea.answer == Idea.Answer.DECLINED


def test_the_chief_assigns_from_the_list_with_htmx(client, personas, assessment, unit):
    other = unit_member("bent", unit)
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.post(
        reverse("portfolio:assessment-assign", args=[assessment.pk]),
        {"assessor": other.pk, "back": "list"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="assessment-row-{assessment.pk}"')
    assert "Bent" in body
    assert AssessorAssignment.objects.filter(assessment=assessment, assessor=other).exists()


def test_the_chief_changes_a_weight(client, personas):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    url = reverse("portfolio:criteria")
    page = client.get(url)
    formset = page.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(len(formset.forms)),
        "form-INITIAL_FORMS": str(formset.initial_form_count()),
    }
    for i, form in enumerate(formset.forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if value is None or value is False:
                continue
            data[f"form-{i}-{name}"] = "on" if value is True else value
    first = formset.forms[0].instance
    data["form-0-weight"] = "2.75"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["formset"].errors
    first.refresh_from_db()
    assert str(first.weight) == "2.75"


def test_the_prioritisation_plots_and_tabulates_the_same_numbered_candidates(client, personas):
    chief, staff = personas[roles.INNOVATIONSCHEF], personas[roles.INNOVATIONSENHED]
    many_assessments(3, [staff])
    client.force_login(chief)
    body = client.get(reverse("portfolio:prioritisation")).content.decode()
    start = body.index('<svg class="prioritisation-chart"')
    svg = body[start : body.index("</svg>", start)]
    assert 'role="img"' in svg and 'aria-labelledby="chart-title chart-desc"' in svg
    assert '<title id="chart-title">' in svg and '<desc id="chart-desc">' in svg
    plotted = re.findall(r'dominant-baseline="central">(\d+)</text>\s*</g>', svg)
    assert sorted(plotted) == ["1", "2", "3"]
    table = body[body.index("<table") : body.index("</table>")]
    assert re.findall(r"<tr>\s*<td>(\d+)</td>", table) == ["1", "2", "3"]
    assert re.search(r'c[xy]="\d+,\d', svg) is None  # coordinates are never localised


def test_no_triage_page_has_an_inline_style_or_script(client, personas, assessment):
    many_assessments(2, [personas[roles.INNOVATIONSENHED]], start=10)
    client.force_login(personas[roles.INNOVATIONSCHEF])
    for name in ("assessment-list", "prioritisation", "criteria", "assessment-create"):
        body = client.get(reverse(f"portfolio:{name}")).content.decode()
        assert " style=" not in body and "<script>" not in body, name
    body = client.get(reverse("portfolio:assessment-detail", args=[assessment.pk])).content
    assert b" style=" not in body and b"<script>" not in body


# Query counts ---------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_runs_the_same_queries_for_2_and_40_assessments(client, personas, unit):
    chief, staff = personas[roles.INNOVATIONSCHEF], personas[roles.INNOVATIONSENHED]
    assessors = [staff, unit_member("carl", unit)]
    made = many_assessments(2, assessors)
    for assessment in made:
        AssessorAssignment.objects.create(assessment=assessment, assessor=chief)
    url = reverse("portfolio:assessment-list")
    counts = {}
    for user in (chief, staff):
        client.force_login(user)
        count_queries(client, url)  # warm the caches
        counts[user] = count_queries(client, url)
    more = many_assessments(38, assessors, start=2)
    for assessment in more:
        AssessorAssignment.objects.create(assessment=assessment, assessor=chief)
    Assessment.objects.create(title="Afgjort", status="closed", outcome="parked")
    for user in (chief, staff):
        client.force_login(user)
        assert count_queries(client, url) == counts[user]


def test_the_detail_runs_the_same_queries_for_2_and_40_assessors(client, personas, unit):
    chief = personas[roles.INNOVATIONSCHEF]
    assessment = Assessment.objects.create(title="Mange vurderinger")
    first = unit_member("dorte", unit)
    assessment.ideas.set([new_idea("Et"), new_idea("To")])
    submitted(assessment, first)
    submitted(assessment, unit_member("erik", unit), value=5)
    url = reverse("portfolio:assessment-detail", args=[assessment.pk])
    counts = {}
    for user in (chief, first):
        client.force_login(user)
        count_queries(client, url)
        counts[user] = count_queries(client, url)
    for i in range(38):
        submitted(assessment, unit_member(f"vurderer{i}", unit), value=1 + i % 5)
        assessment.ideas.add(new_idea(f"Idé {i}"))
    for user in (chief, first):
        client.force_login(user)
        assert count_queries(client, url) == counts[user]


def test_the_prioritisation_runs_the_same_queries_for_2_and_40_candidates(client, personas, unit):
    chief, staff = personas[roles.INNOVATIONSCHEF], personas[roles.INNOVATIONSENHED]
    assessors = [staff, unit_member("frida", unit)]
    many_assessments(2, assessors)
    url = reverse("portfolio:prioritisation")
    counts = {}
    for user in (chief, staff):
        client.force_login(user)
        count_queries(client, url)
        counts[user] = count_queries(client, url)
    many_assessments(38, assessors, start=2)
    for user in (chief, staff):
        client.force_login(user)
        assert count_queries(client, url) == counts[user]
