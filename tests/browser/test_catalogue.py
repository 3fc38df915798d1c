"""The catalogue seen anonymously in Danish and English, the unit's and the administrator's
pages, and an employee turning another municipality's entry into an idea here."""

from playwright.sync_api import expect

from samskab.catalogue.models import CatalogueEntry, ExternalEntry, TryHere
from samskab.ideas.models import Idea


def test_anonymous_visitor_reads_the_catalogue_in_danish_and_english(page, assert_accessible):
    entry = CatalogueEntry.objects.filter(published_at__isnull=False).order_by("title").first()
    assert entry is not None, "the demo publishes the entries of the tasks in phase 5-7"
    external = ExternalEntry.objects.get()

    page.goto("/katalog/")
    expect(page.locator("h1")).to_have_text("Løsningskatalog")
    expect(page.locator("main")).to_contain_text("Gladsaxe Kommune")
    assert_accessible(page)
    # Search from the keyboard: type, then Enter submits the filter form.
    page.get_by_label("Søg").fill(entry.title.split()[0])
    page.get_by_label("Søg").press("Enter")
    page.wait_for_load_state("load")
    expect(page.get_by_role("link", name=entry.title)).to_be_visible()
    page.get_by_role("link", name=entry.title).click()
    expect(page.locator("h1")).to_have_text(entry.title)
    expect(page.locator("#evidence-heading")).to_have_text("Dokumentation")
    assert_accessible(page)

    page.goto(f"/katalog/ekstern/{external.pk}/")
    expect(page.locator("h1")).to_have_text(external.title)
    assert_accessible(page)

    page.goto("/en/katalog/")
    expect(page.locator("h1")).to_have_text("Catalogue of solutions")
    assert_accessible(page)
    page.goto(f"/en/katalog/{entry.slug}/")
    expect(page.locator("#evidence-heading")).to_have_text("Evidence")
    assert_accessible(page)


def test_the_unit_and_the_administrator_manage_the_catalogue(page, login, assert_accessible):
    entry = CatalogueEntry.objects.order_by("pk").first()
    login(page, "innovationsmedarbejder")
    page.goto("/katalog/udkast/")
    assert_accessible(page)
    page.goto(f"/opgaver/{entry.task_id}/katalog/")
    expect(page.locator("main form textarea[name=solution]")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/opgaver/{entry.task_id}/")
    expect(page.locator("#catalogue-heading")).to_have_text("Katalog")

    page.context.clear_cookies()
    login(page, "admin")
    page.goto("/katalog/abonnementer/")
    expect(page.locator("main table")).to_contain_text("Gladsaxe Kommune")
    assert_accessible(page)


def test_an_employee_brings_another_municipalitys_solution_here_as_an_idea(
    page, login, assert_accessible
):
    external = ExternalEntry.objects.get()
    login(page, "medarbejder")
    page.goto(f"/katalog/ekstern/{external.pk}/")
    assert_accessible(page)
    button = page.get_by_role("button", name="Lad os prøve den hos os")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    idea = Idea.objects.get(pk=TryHere.objects.get(external_entry=external).idea_id)
    assert page.url.endswith(f"/ideer/{idea.pk}/")
    expect(page.locator("h1")).to_have_text(external.title)
    assert_accessible(page)
