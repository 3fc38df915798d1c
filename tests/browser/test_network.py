"""Partners: the list, an organisation's page, a partnership's page and its form are
axe-clean and usable by keyboard; the task page shows its partners."""

from playwright.sync_api import expect

from samskab.network.models import Organisation, Partnership
from samskab.portfolio.models import InnovationTask


def test_partner_pages_are_accessible(page, login, assert_accessible):
    login(page, "medarbejder")
    page.goto("/partnere/")
    expect(page.locator("main table")).to_contain_text("Københavns Universitet")
    assert_accessible(page)

    page.get_by_label("Søg efter navn").fill("universitet")
    page.keyboard.press("Enter")
    expect(page.locator("#results")).not_to_contain_text("Gladsaxe Kommune")

    university = Organisation.objects.get(name="Københavns Universitet")
    page.goto(f"/partnere/{university.pk}/")
    expect(page.locator("main")).to_contain_text("Følgeforskning i hverdagsrehabilitering")
    assert_accessible(page)

    partnership = Partnership.objects.get(title__startswith="4K")
    page.goto(f"/partnerskaber/{partnership.pk}/")
    expect(page.locator("#parties-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Rudersdal Kommune")
    assert_accessible(page)

    page.goto("/partnerskaber/?status=active")
    assert_accessible(page)


def test_the_unit_links_a_partnership_to_a_task_by_keyboard(page, login, assert_accessible):
    task = InnovationTask.objects.get(title="Flytning med ét klik")
    login(page, "innovationschef")
    page.goto(f"/opgaver/{task.pk}/")
    expect(page.locator("#partners-heading")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/partnerskaber/ny/?opgave={task.pk}")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Dette felt er påkrævet")
    assert_accessible(page)
    page.get_by_label("Titel").fill("Borgerrettet flytteguide")
    page.get_by_label("Flytteguiden ApS").check()
    page.get_by_label("Formål").fill("En fælles guide for nye borgere.")
    page.get_by_label("Aktiv").check()
    page.get_by_label("Ansvarlig i kommunen").select_option(index=1)
    page.locator("#id_opgaver-0-role").fill("Udvikler")
    page.locator("main form button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main h1")).to_have_text("Borgerrettet flytteguide")
    assert_accessible(page)

    page.goto(f"/opgaver/{task.pk}/")
    expect(page.locator("#partners-heading").locator("xpath=..")).to_contain_text(
        "Borgerrettet flytteguide"
    )
