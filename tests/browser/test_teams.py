"""A team is composed from the composer's proposals; every team page is axe-clean."""

from playwright.sync_api import expect

from samskab.organisation.models import Person
from samskab.portfolio.models import InnovationTask
from samskab.teams.models import TeamMembership


def test_the_unit_composes_a_team_from_the_proposals(page, login, assert_accessible):
    task = InnovationTask.objects.get(title="Flytning med ét klik")
    login(page, "innovationschef")

    page.goto(f"/opgaver/{task.pk}/")
    expect(page.locator("#team-heading")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/opgaver/{task.pk}/team/")
    expect(page.locator("main")).to_contain_text("Kompetencebehov og dækning")
    assert_accessible(page)

    page.get_by_role("link", name="Sammensæt holdet").first.click()
    expect(page.locator("#proposals")).to_be_visible()
    assert_accessible(page)
    first = page.locator("#proposals tbody tr").first
    name = first.locator("th").inner_text().strip()
    expect(first).to_contain_text("% belagt")
    with page.expect_navigation():
        first.get_by_role("link", name=f"Tilføj {name}").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    person = Person.objects.get(name=name)
    assert TeamMembership.objects.current().filter(task=task, person=person).exists()
    expect(page.locator("main")).to_contain_text(f"{name} er med på holdet.")
    expect(page.locator("main table").first).to_contain_text(name)
    assert_accessible(page)

    page.goto(f"/opgaver/{task.pk}/team/sammensaet/?q=an")
    assert_accessible(page)


def test_journey_heatmap_and_capacity_pages_are_accessible(page, login, assert_accessible):
    partner = Person.objects.get(user__username="innovationspartner")
    login(page, "innovationschef")
    page.goto(f"/personer/{partner.pk}/forloeb/")
    expect(page.locator("main")).to_contain_text("Belagt over 100 %")
    assert_accessible(page)
    page.goto("/kompetencer/varmekort/")
    expect(page.locator("main table caption")).to_be_visible()
    assert_accessible(page)
    page.goto("/innovationsenheden/kapacitet/")
    assert_accessible(page)
