"""Funnel and flow for everyone inside the municipality; the open data for anyone."""

import zipfile

from playwright.sync_api import expect

# Every role that reaches /overblik/tragt/: employees and politicians.
INTERNAL_USERS = (
    "medarbejder",
    "innovationspartner",
    "omraadeleder",
    "innovationsmedarbejder",
    "innovationschef",
    "direktion",
    "chefforum",
    "opgaveudvalg",
    "kommunalbestyrelse",
    "admin",
)


def test_the_funnel_is_accessible_to_every_role_that_reaches_it(page, login, assert_accessible):
    for username in INTERNAL_USERS:
        page.context.clear_cookies()
        login(page, username)
        page.goto("/overblik/")
        page.get_by_role("link", name="Tragt og flow: fra idéer til udbredte løsninger").click()
        expect(page.locator("h1")).to_have_text("Tragt og flow")
        expect(page.locator("#chart-funnel-title")).to_have_count(1)
        expect(page.locator("main table").first).to_contain_text("Modtaget")
        assert_accessible(page)


def test_the_chief_chooses_a_period_and_reads_it_in_english(page, login, assert_accessible):
    login(page, "innovationschef")
    page.goto("/overblik/tragt/")
    form = page.locator("main form")
    form.locator("input[name=fra]").fill("2026-05-01")
    form.locator("input[name=til]").fill("2026-01-31")
    with page.expect_navigation():
        form.get_by_role("button", name="Vis").click()
    expect(page.locator("main")).to_contain_text("Perioden slutter, før den begynder.")
    expect(form.locator("input[name=fra]")).to_have_value("2026-05-01")
    assert_accessible(page)
    page.goto("/en/overblik/tragt/")
    expect(page.locator("h1")).to_have_text("Funnel and flow")
    assert_accessible(page)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/overblik/tragt/")
    assert_accessible(page)


def test_the_open_data_is_accessible_without_logging_in(page, assert_accessible):
    page.goto("/")
    page.get_by_role("link", name="Åbne data").click()
    expect(page.locator("h1")).to_have_text("Åbne data")
    expect(page.locator("#chart-public-funnel-title")).to_have_count(1)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV-filer i en ZIP-fil").click()
    archive = zipfile.ZipFile(download.value.path())
    assert "portfolio.csv" in archive.namelist()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/en/aabenhed/")
    expect(page.locator("h1")).to_have_text("Open data")
    assert_accessible(page)
