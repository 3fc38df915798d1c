"""A solution is scaled, published and tried elsewhere: the plan, its target units (the area's departments and a named nursing home), a unit in operation, the degree of scaling,
the area manager's approval, the org tree showing where the solution runs; then the entry
published in the catalogue, seen anonymously, fetched by a subscribing Samskab (this server's
own feed, over HTTP) and turned into an idea there."""

from django.utils import timezone
from playwright.sync_api import expect

from samskab.catalogue.models import CatalogueEntry, ExternalEntry, TryHere
from samskab.ideas.models import Idea
from samskab.organisation.models import OrgUnit, Person
from samskab.portfolio.models import InnovationTask
from samskab.spread.models import Adoption, ScalingPlan


def test_a_solution_is_scaled_published_and_taken_up_by_another_samskab(
    page, login, assert_accessible, live_server, settings
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

    # The unit writes the catalogue entry; the chief publishes it.
    page.context.clear_cookies()
    login(page, "innovationsmedarbejder")
    page.goto(f"/opgaver/{task.pk}/katalog/")
    form = page.locator("main form").filter(has=page.locator("textarea[name=solution]"))
    form.locator("input[name=title]").fill("Velfærdsteknologi i hjemmeplejen")
    form.locator("textarea[name=problem]").fill("Mange besøg kunne klares på skærm.")
    form.locator("textarea[name=solution]").fill("Skærmbesøg for borgere, der selv ønsker det.")
    form.locator("textarea[name=evidence_summary]").fill("To prøvehandlinger med færre besøg.")
    form.locator("input[name=contact_name]").fill("Innovationsenheden")
    form.locator("input[name=contact_email]").fill("innovation@kommune.example")
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()
    entry = CatalogueEntry.objects.get(task=task)
    page.context.clear_cookies()
    login(page, "innovationschef")
    page.goto(f"/katalog/{entry.slug}/")
    with page.expect_navigation():
        page.locator("form[action$='/udgiv/'] button[type=submit]").click()
    entry.refresh_from_db()
    assert entry.published_at is not None

    # Anyone finds it in the catalogue.
    page.context.clear_cookies()
    page.goto("/katalog/")
    page.get_by_role("link", name="Velfærdsteknologi i hjemmeplejen").click()
    expect(page.locator("h1")).to_have_text("Velfærdsteknologi i hjemmeplejen")
    assert_accessible(page)

    # Another Samskab subscribes to this one's feed and fetches it.
    settings.SAMSKAB_CATALOGUE_ALLOW_LOOPBACK = True
    login(page, "admin")
    page.goto("/katalog/abonnementer/")
    form = page.locator("main form").filter(has=page.locator("input[name=feed_url]"))
    form.locator("input[name=name]").fill("Nabokommunen")
    form.locator("input[name=feed_url]").fill(f"{live_server.url}/katalog/feed.json")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    row = page.locator("tr", has_text="Nabokommunen")
    with page.expect_navigation():
        row.locator("form[action$='/hent/'] button").click()
    fetched = ExternalEntry.objects.get(
        subscription__name="Nabokommunen", title="Velfærdsteknologi i hjemmeplejen"
    )
    assert_accessible(page)

    # An employee there says "Lad os prøve den hos os": an idea with its origin kept.
    page.context.clear_cookies()
    login(page, "medarbejder")
    page.goto(f"/katalog/ekstern/{fetched.pk}/")
    expect(page.locator("main")).to_contain_text("Nabokommunen")
    with page.expect_navigation():
        page.get_by_role("button", name="Lad os prøve den hos os").click()
    idea = Idea.objects.get(pk=TryHere.objects.get(external_entry=fetched).idea_id)
    assert page.url.endswith(f"/ideer/{idea.pk}/")
    assert_accessible(page)


def test_the_implementation_and_spreading_forms_are_accessible_also_with_errors(
    page, login, assert_accessible
):
    task = InnovationTask.objects.filter(phase=7).order_by("pk").first()
    login(page, "innovationsmedarbejder")
    page.goto(f"/opgaver/{task.pk}/skalering/")
    expect(page.locator("#uptake-heading")).to_be_visible()
    assert_accessible(page)
    for path in ("drift/", "milepaele/ny/implementering/", "spredning/ny/"):
        page.goto(f"/opgaver/{task.pk}/{path}")
        assert_accessible(page)
    # Both an area and an organisation: refused with the reason, next to the form.
    form = page.locator("main form")
    form.locator("select[name=area]").select_option(index=1)
    form.locator("select[name=organisation]").select_option(index=1)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator(".alert-error")).to_contain_text(
        "Vælg enten et område i kommunen eller en anden organisation."
    )
    assert_accessible(page)
    adoption = task.adoptions.order_by("pk").first()
    page.goto(f"/udbredelse/{adoption.pk}/")
    assert_accessible(page)
