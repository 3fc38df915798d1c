"""Who may open which governance page: every URL for every persona."""

import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.core.testing import PERSONAS
from samskab.governance.models import Decision

MEETING_PARTICIPANTS = {
    roles.DIREKTION,
    roles.CHEFFORUM,
    roles.OPGAVEUDVALG,
    roles.KOMMUNALBESTYRELSE,
    roles.INNOVATIONSENHED,
    roles.INNOVATIONSCHEF,
    roles.ADMINISTRATOR,
}
MEETING_ORGANISERS = {
    roles.INNOVATIONSENHED,
    roles.INNOVATIONSCHEF,
    roles.ADMINISTRATOR,
    roles.DIREKTION,
    roles.CHEFFORUM,
}
INTERNAL = set(roles.EMPLOYEE_ROLES) | set(roles.POLITICAL_ROLES)
RECORDERS = {
    roles.DIREKTION,
    roles.CHEFFORUM,
    roles.OPGAVEUDVALG,
    roles.KOMMUNALBESTYRELSE,
    roles.INNOVATIONSCHEF,
    roles.ADMINISTRATOR,
}


def expect(allowed: set[str]) -> dict[str, int]:
    codes = {persona: 200 if persona in allowed else 403 for persona in PERSONAS}
    codes["anonymous"] = 302
    return codes


MATRIX = {
    "governance:meeting-list": expect(MEETING_PARTICIPANTS),
    "governance:meeting-create": expect(MEETING_ORGANISERS),
    "governance:meeting-detail": expect(MEETING_PARTICIPANTS),
    "governance:meeting-edit": expect(MEETING_ORGANISERS),
    "governance:meeting-pack": expect(MEETING_PARTICIPANTS),
    "governance:decision-list": expect(INTERNAL),
    "governance:decision-create": expect(RECORDERS),
    "governance:decision-detail": expect(INTERNAL),
}


@pytest.fixture
def objects(start_task, make_meeting):
    task = start_task()
    return {"meeting": make_meeting().pk, "decision": Decision.objects.get(task=task).pk}


def url_for(name: str, objects: dict) -> str:
    entity = name.split(":")[1].split("-")[0]
    if name.endswith(("-list", "-create")):
        return reverse(name)
    return reverse(name, args=[objects[entity]])


def test_every_governance_url_is_in_the_table():
    from samskab.governance.views import urlpatterns

    assert {f"governance:{pattern.name}" for pattern in urlpatterns} == set(MATRIX)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_who_may_open_what(client, personas, objects, name, persona):
    if personas[persona] is not None:
        client.force_login(personas[persona])
    response = client.get(url_for(name, objects))
    assert response.status_code == MATRIX[name][persona], f"{persona} on {name}"


@pytest.mark.parametrize("name", [n for n in MATRIX if not n.endswith(("-list", "-create"))])
def test_a_missing_meeting_or_decision_is_not_found(client, personas, name):
    client.force_login(personas[roles.ADMINISTRATOR])
    assert client.get(reverse(name, args=[999_999])).status_code == 404


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - RECORDERS - {"anonymous"}))
def test_who_may_not_record_cannot_post_a_decision(
    client, personas, make_proposal, executive, persona
):
    proposal = make_proposal()
    client.force_login(personas[persona])
    response = client.post(
        reverse("governance:decision-create"),
        {
            "forum": executive.pk,
            "kind": "reject",
            "proposal": proposal.pk,
            "decided_on": "2026-01-01",
            "rationale": "Nej",
        },
    )
    assert response.status_code == 403
    assert not Decision.objects.exists()


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - MEETING_ORGANISERS - {"anonymous"}))
def test_who_may_not_organise_cannot_post_a_meeting(client, personas, executive, persona):
    client.force_login(personas[persona])
    response = client.post(
        reverse("governance:meeting-create"),
        {"forum": executive.pk, "starts_at": "2027-01-01T10:00"},
    )
    assert response.status_code == 403


def test_the_menu_shows_portfolio_meetings_and_decisions_to_whom_may_use_them(client, personas):
    def menu(persona):
        client.force_login(personas[persona])
        return [str(item["label"]) for item in client.get("/en/").context["navigation"]]

    director = menu(roles.DIREKTION)
    assert director.index("Inbox" if "Inbox" in director else "My ideas") < director.index(
        "Portfolio"
    )
    assert director.index("Portfolio") < director.index("Meetings") < director.index("Decisions")
    employee = menu(roles.MEDARBEJDER)
    assert "Portfolio" in employee and "Decisions" in employee
    assert "Meetings" not in employee
    assert "Meetings" in menu(roles.OPGAVEUDVALG)
    client.logout()
    citizen = menu(roles.BORGER)
    assert not {"Portfolio", "Meetings", "Decisions"} & set(citizen)
