"""A solution is scaled: the plan, its target units (the area's departments and a named nursing home), a unit in operation, the degree of scaling,
the area manager's approval, and the org tree showing where the solution runs."""

from django.utils import timezone
from playwright.sync_api import expect

from samskab.organisation.models import OrgUnit, Person
from samskab.portfolio.models import InnovationTask
from samskab.spread.models import Adoption, ScalingPlan


def test_a_plan_its_targets_and_a_unit_in_operation_give_the_degree_of_scaling(
    page, login, assert_accessible
):
    manager = Person.objects.get(user__username="omraadeleder")
    area = OrgUnit.objects.get(name="Social og Sundhed", kind="omraade")
    task = InnovationTask.objects.create(
        title="Velfærdsteknologi i hjemmeplejen",
        problem="Mange besøg kunne klares på skærm.",
        ambition="Hver femte besøg klares på skærm om to år.",
        novelty="incremental",
        category="service",
        owning_area=area,
        owner=manager,
        political_reference="KB 2026, sag 12",
        phase=5,
    )

    # The unit writes the plan and chooses every institution of the area as a target.
    login(page, "innovationsmedarbejder")
    page.goto(f"/opgaver/{task.pk}/")
    expect(page.locator("#spread-heading")).to_have_text("Skalering og udbredelse")
    page.get_by_role("link", name="Opgavens skalering og udbredelse").click()
    assert_accessible(page)
    page.get_by_role("link", name="Skriv skaleringsplanen").click()
    assert_accessible(page)
    page.locator("main form textarea[name=approach]").fill("To fyrtårne først, så resten.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.get_by_role("link", name="Tilføj målenheder").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("select[name=within]").select_option(str(area.pk))
    form.locator("select[name=level]").select_option("afdeling")
    nursing_home = OrgUnit.objects.get(name="Plejecenter Egebo")
    form.locator("select[name=units]").select_option([str(nursing_home.pk)])
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    institutions = OrgUnit.objects.filter(parent=area, kind="afdeling").count() + 1
    assert task.adoptions.count() == institutions == 5
    expect(page.locator(".alert")).to_contain_text("5 enheder er tilføjet som målenheder")

    # A milestone, by keyboard.
    page.get_by_role("link", name="Tilføj en milepæl").first.click()
    form = page.locator("main form")
    form.locator("input[name=title]").fill("Første bølge i drift")
    form.locator("input[name=due_on]").fill(timezone.localdate().replace(day=28).isoformat())
    form.locator("select[name=owner]").select_option(str(manager.pk))
    form.locator("button[type=submit]").press("Enter")
    page.wait_for_url(f"**/opgaver/{task.pk}/skalering/")

    # The first unit goes into operation: the degree of scaling follows.
    first = task.adoptions.order_by("unit__name").first()
    targets = page.locator("section[aria-labelledby=targets-heading]")
    targets.locator("tr", has_text=first.unit.name).get_by_role(
        "link", name="Opdatér tilstanden"
    ).click()
    assert_accessible(page)
    page.get_by_label("I drift", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gem").click()
    first.refresh_from_db()
    assert first.state == Adoption.State.OPERATING
    expect(page.locator("main")).to_contain_text(f"1 af {institutions} målenheder i drift")
    expect(page.locator("#degree-caption")).to_be_visible()
    assert_accessible(page)

    # The area's manager approves the plan; phase 6's requirement is met.
    page.context.clear_cookies()
    login(page, "omraadeleder")
    page.goto(f"/opgaver/{task.pk}/skalering/")
    with page.expect_navigation():
        page.get_by_role("button", name="Godkend skaleringsplanen").click()
    assert ScalingPlan.objects.get(task=task).status == "approved"
    page.goto(f"/opgaver/{task.pk}/")
    gate = page.locator("section[aria-labelledby=gate-heading]")
    expect(
        gate.locator("li", has_text="Er en plan for skalering i hele området godkendt?")
    ).to_contain_text("Ja")

    # The org tree shows where the solution runs.
    page.goto("/organisation/")
    row = page.locator("tr", has=page.get_by_role("link", name=first.unit.name, exact=True))
    expect(row).to_contain_text("Velfærdsteknologi i hjemmeplejen")
    assert_accessible(page)
