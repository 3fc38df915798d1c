"""The council report in Chromium: accessible for those who read it, printable, and its PDF downloads."""

import pytest
from playwright.sync_api import expect

READERS = ["kommunalbestyrelse", "direktion", "chefforum", "opgaveudvalg", "innovationschef"]


@pytest.mark.parametrize("username", READERS)
def test_the_report_is_accessible_to_those_who_read_it(page, login, assert_accessible, username):
    login(page, username)
    page.goto("/overblik/")
    page.get_by_role("link", name="Rapport til kommunalbestyrelsen").click()
    expect(page.locator("h1")).to_contain_text("Rapport til kommunalbestyrelsen")
    expect(page.locator("#report-portfolio")).to_have_text("2. Porteføljen og dens ændringer")
    assert_accessible(page)


def test_a_period_is_chosen_printed_and_downloaded_as_pdf(page, login, assert_accessible):
    login(page, "kommunalbestyrelse")
    page.goto("/overblik/rapport/")
    page.get_by_role("link", name="Sidste år").click()
    expect(page.locator("h1")).to_contain_text("1. januar")
    assert_accessible(page)

    # A period that ends before it starts: a Danish message, and the dates as typed.
    form = page.get_by_role("form", name="Rapportens periode")
    form.get_by_label("Fra").fill("2026-06-30")
    form.get_by_label("Til").fill("2026-01-01")
    with page.expect_navigation():
        form.get_by_role("button", name="Vis rapporten").click()
    expect(page.locator("main")).to_contain_text("Periodens slutdato ligger før startdatoen.")
    expect(form.get_by_label("Fra")).to_have_value("2026-06-30")
    assert_accessible(page)

    page.goto("/overblik/rapport/")
    # Chromium's own print to PDF of the page, as a person printing it would get.
    printed = page.pdf(format="A4")
    assert printed.startswith(b"%PDF-")

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som PDF").click()
    pdf = download.value
    assert pdf.suggested_filename.startswith("samskab-rapport-")
    assert pdf.suggested_filename.endswith(".pdf")
    with open(pdf.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent tallene (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")


def test_in_english_too(page, login, assert_accessible):
    login(page, "direktion")
    page.goto("/en/overblik/rapport/")
    expect(page.locator("h1")).to_contain_text("Council report")
    expect(page.locator("#report-ideas")).to_have_text("6. Ideas received and answered")
    assert_accessible(page)
