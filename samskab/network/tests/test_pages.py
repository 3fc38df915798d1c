"""The partners' pages: who reads and who writes, what each page shows, fixed query
counts, and forms that survive hostile input."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles
from samskab.network.models import Organisation, Partnership, TaskPartnership
from samskab.organisation.models import Person

Status = Partnership.Status


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Who -------------------------------------------------------------------------


def test_a_citizen_is_refused_and_a_visitor_sent_to_log_in(client, personas):
    assert client.get(reverse("network:organisation-list")).status_code == 302
    client.force_login(personas[roles.BORGER])
    assert client.get(reverse("network:organisation-list")).status_code == 403
    assert client.get(reverse("network:partnership-list")).status_code == 403


@pytest.mark.parametrize("role", [roles.MEDARBEJDER, roles.KOMMUNALBESTYRELSE])
def test_employees_and_politicians_read_partners_but_do_not_change_them(
    client, personas, make_partnership, role
):
    partnership = make_partnership()
    client.force_login(personas[role])

    page = client.get(reverse("network:partnership-detail", args=[partnership.pk]))
    assert page.status_code == 200
    assert reverse("network:partnership-edit", args=[partnership.pk]) not in page.text
    assert client.get(reverse("network:partnership-edit", args=[partnership.pk])).status_code == 403
    assert client.post(reverse("network:partnership-create"), {"title": "x"}).status_code == 403
    assert client.post(reverse("network:organisation-create"), {"name": "x"}).status_code == 403


def test_the_unit_records_an_organisation(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("network:organisation-create"),
        {"name": "Fonden for Velfærd", "kind": "foundation", "website": "fonden.example.dk"},
    )
    organisation = Organisation.objects.get(name="Fonden for Velfærd")
    assert response.status_code == 302
    assert organisation.website == "https://fonden.example.dk"


def test_the_unit_records_a_partnership_on_a_task_from_its_form(
    client, staff, responsible, make_organisation, make_task
):
    task = make_task()
    partners = [make_organisation("Gladsaxe Kommune"), make_organisation("Rudersdal Kommune")]
    client.force_login(staff)
    form = client.get(reverse("network:partnership-create") + f"?opgave={task.pk}")
    assert f'<option value="{task.pk}" selected>' in form.text

    response = client.post(
        reverse("network:partnership-create"),
        {
            "title": "4K: Synlig læring",
            "organisations": [p.pk for p in partners],
            "purpose": "Sammen om synlig læring.",
            "status": "active",
            "starts_on": "2026-01-01",
            "ends_on": "",
            "responsible": responsible.pk,
            "opgaver-TOTAL_FORMS": "2",
            "opgaver-INITIAL_FORMS": "0",
            "opgaver-0-task": task.pk,
            "opgaver-0-role": "Afprøver modellen",
            "opgaver-1-task": "",
            "opgaver-1-role": "",
        },
    )

    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert set(partnership.organisations.all()) == set(partners)
    assert TaskPartnership.objects.get().role == "Afprøver modellen"


def test_the_unit_ends_a_partnership_from_its_page(client, staff, make_partnership):
    partnership = make_partnership()
    client.force_login(staff)
    response = client.post(
        reverse("network:partnership-end", args=[partnership.pk]),
        {"status": "ended", "on": "2026-02-01"},
    )
    partnership.refresh_from_db()
    assert response.status_code == 302
    assert (partnership.status, partnership.closed_on) == (Status.ENDED, date(2026, 2, 1))
    # Kept as it was: its form sends back to its page.
    edit = client.get(reverse("network:partnership-edit", args=[partnership.pk]))
    assert edit.status_code == 302


# What the pages show ---------------------------------------------------------


def test_the_list_finds_organisations_by_name_and_kind_with_their_counts(
    client, personas, make_organisation, make_partnership, make_task
):
    university = make_organisation("Københavns Universitet", "knowledge")
    make_organisation("Gladsaxe Kommune")
    make_partnership(organisations=[university], tasks=[(make_task(), "Følgeforskning")])
    make_partnership("Forhandles", organisations=[university], status=Status.NEGOTIATION)
    client.force_login(personas[roles.MEDARBEJDER])

    found = client.get(reverse("network:organisation-list"), {"q": "universitet"})
    assert [o.name for o in found.context["page_obj"]] == ["Københavns Universitet"]
    row = found.context["page_obj"][0]
    assert (row.active_partnerships, row.task_count) == (1, 1)
    by_kind = client.get(reverse("network:organisation-list"), {"type": "municipality"})
    assert [o.name for o in by_kind.context["page_obj"]] == ["Gladsaxe Kommune"]


def test_the_list_of_partnerships_is_filtered_by_status(client, personas, make_partnership):
    make_partnership("Aktiv")
    make_partnership("Forhandles", status=Status.NEGOTIATION)
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("network:partnership-list"), {"status": "negotiation"})
    assert [p.title for p in response.context["page_obj"]] == ["Forhandles"]


def _external(organisation) -> Person:
    return Person.objects.create(
        kind=Person.Kind.RESEARCHER, name="Mette Lund", organisation=organisation
    )


def test_an_employee_does_not_see_the_people_of_an_organisation_from_outside(
    client, personas, make_organisation
):
    organisation = make_organisation("Københavns Universitet", "knowledge")
    _external(organisation)
    client.force_login(personas[roles.MEDARBEJDER])
    page = client.get(reverse("network:organisation-detail", args=[organisation.pk]))
    assert "Mette Lund" not in page.text
    assert "vises kun for innovationsenheden" in page.text


def test_the_unit_sees_the_people_of_an_organisation(client, staff, make_organisation):
    organisation = make_organisation("Københavns Universitet", "knowledge")
    _external(organisation)
    client.force_login(staff)
    page = client.get(reverse("network:organisation-detail", args=[organisation.pk]))
    assert "Mette Lund" in page.text


def test_the_organisation_page_shows_its_partnerships_and_the_tasks_through_them(
    client, personas, make_organisation, make_partnership, make_task
):
    gladsaxe = make_organisation("Gladsaxe Kommune")
    task = make_task("Synlig læring")
    make_partnership(
        "4K: Synlig læring",
        organisations=[gladsaxe, make_organisation("Rudersdal Kommune")],
        tasks=[(task, "Afprøver modellen")],
    )
    client.force_login(personas[roles.DIREKTION])
    page = client.get(reverse("network:organisation-detail", args=[gladsaxe.pk]))
    assert "4K: Synlig læring" in page.text
    assert "Rudersdal Kommune" in page.text
    assert [t.title for t, _links in page.context["page"].tasks] == ["Synlig læring"]


# Query counts ----------------------------------------------------------------


def _fill(make_organisation, make_partnership, make_task, n: int, offset: int = 0):
    tasks = [make_task(f"Opgave {offset + i}") for i in range(2)]
    for i in range(n):
        organisations = [
            make_organisation(f"Organisation {offset + i}"),
            make_organisation(f"Kommune {offset + i}", "municipality"),
        ]
        make_partnership(
            f"Partnerskab {offset + i}", organisations=organisations, tasks=[(t, "") for t in tasks]
        )
        Person.objects.create(
            kind=Person.Kind.COMPANY, name=f"Partner {offset + i}", organisation=organisations[0]
        )


@pytest.mark.parametrize("name", ["network:organisation-list", "network:partnership-list"])
def test_the_lists_cost_the_same_with_few_and_many_rows(
    client, staff, make_organisation, make_partnership, make_task, name
):
    client.force_login(staff)
    _fill(make_organisation, make_partnership, make_task, 2)
    few = count_queries(client, reverse(name))
    _fill(make_organisation, make_partnership, make_task, 15, offset=2)
    many = count_queries(client, reverse(name))
    assert few == many


def test_the_organisation_page_costs_the_same_with_few_and_many_partnerships(
    client, staff, make_organisation, make_partnership, make_task
):
    organisation = make_organisation("Københavns Universitet", "knowledge")
    client.force_login(staff)
    url = reverse("network:organisation-detail", args=[organisation.pk])

    def more(n, offset):
        for i in range(n):
            others = [make_organisation(f"Med {offset + i}")]
            tasks = [make_task(f"Opgave {offset + i}")]
            make_partnership(
                f"P {offset + i}", organisations=[organisation, *others], tasks=[(tasks[0], "x")]
            )
            _external(organisation)

    more(1, 0)
    few = count_queries(client, url)
    more(8, 1)
    many = count_queries(client, url)
    assert few == many


# Hostile input ---------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"q": "\x00"},
        {"type": "nonsense"},
        {"status": "<script>"},
        {"side": "-1"},
        {"side": "abc"},
        {"side": "99999999999999999999"},
    ],
)
@pytest.mark.parametrize("name", ["network:organisation-list", "network:partnership-list"])
def test_filters_never_break_the_lists(client, staff, name, params):
    client.force_login(staff)
    assert client.get(reverse(name), params).status_code == 200


@pytest.mark.parametrize("task", ["abc", "-1", "0", "99999999999999999999999", "²"])
def test_a_task_that_is_no_task_leaves_the_form_empty(client, staff, task):
    client.force_login(staff)
    response = client.get(reverse("network:partnership-create"), {"opgave": task})
    assert response.status_code == 200


def _post(client, responsible, organisation, changes):
    data = {
        "title": "4K",
        "organisations": [organisation.pk],
        "purpose": "Det vi skrev",
        "status": "active",
        "starts_on": "2026-01-01",
        "ends_on": "",
        "responsible": responsible.pk,
        "opgaver-TOTAL_FORMS": "1",
        "opgaver-INITIAL_FORMS": "0",
        "opgaver-0-task": "",
        "opgaver-0-role": "",
    }
    data.update(changes)
    return client.post(reverse("network:partnership-create"), data)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ends_on": "2025-12-31"}, "ends_on", "Partnerskabet kan ikke slutte, før det begynder."),
        ({"starts_on": "0001-01-01"}, "starts_on", "Angiv en dato mellem"),
        ({"starts_on": "9999-12-31"}, "starts_on", "Angiv en dato mellem"),
        ({"starts_on": "31.02.2026"}, "starts_on", "Indtast en gyldig dato"),
        ({"title": "x" * 10_000}, "title", "højst have 200 tegn"),
        ({"purpose": "x" * 100_000}, "purpose", "højst have 5000 tegn"),
        ({"status": "ended"}, "status", "Marker en gyldig valgmulighed"),
        ({"responsible": "-1"}, "responsible", "Marker en gyldig valgmulighed"),
        ({"organisations": ["abc"]}, "organisations", "er ikke en gyldig værdi"),
        ({"opgaver-0-task": "abc"}, None, "Marker en gyldig valgmulighed"),
        ({"opgaver-TOTAL_FORMS": "100000"}, None, "højst"),
        ({"opgaver-TOTAL_FORMS": "x"}, None, "ManagementForm"),
    ],
)
def test_a_bad_form_shows_a_danish_error_and_keeps_what_was_typed(
    client, staff, responsible, make_organisation, changes, field, message
):
    organisation = make_organisation()
    client.force_login(staff)
    response = _post(client, responsible, organisation, changes)
    assert response.status_code == 200
    assert not Partnership.objects.exists()
    assert message in response.text, response.context["form"].errors
    assert "Det vi skrev" in response.text or "purpose" in changes
    if field:
        assert field in response.context["form"].errors


def test_ending_with_a_day_out_of_range_shows_an_error(client, staff, make_partnership):
    partnership = make_partnership()
    client.force_login(staff)
    url = reverse("network:partnership-end", args=[partnership.pk])
    for day in ["0001-01-01", "9999-12-31", "nej"]:
        response = client.post(url, {"status": "ended", "on": day})
        assert response.status_code == 200
        assert response.context["form"].errors["on"]
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE


def test_the_menu_has_partners_for_employees_not_for_citizens(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    assert reverse("network:organisation-list") in client.get(reverse("core:home")).text
    client.force_login(personas[roles.BORGER])
    assert reverse("network:organisation-list") not in client.get(reverse("core:home")).text
