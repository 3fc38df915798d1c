"""The finance role reads the unit's budget, checks a draft line form, and moves a fund
application to granted with the amount, by keyboard; the applications list and the sources
are axe-clean."""

from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from samskab.finance.models import Application


def test_finance_reads_the_budget_and_grants_an_application(
    page, login, assert_accessible, follow_menu
):
    login(page, "oekonomi")
    page.goto("/")
    expect(page.locator("#finance-deadlines-heading")).to_have_text("Ansøgningsfrister")
    follow_menu(page, "Økonomi")
    expect(page.locator("h1")).to_contain_text("Enhedens budget")
    expect(page.locator("main")).to_contain_text("Investeringspuljen")
    assert_accessible(page)

    page.get_by_role("link", name="Ændr det godkendte budget").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("#id_reason_error")).to_be_visible()  # a reason is required
    assert_accessible(page)

    page.goto("/oekonomi/kilder/")
    expect(page.locator("main")).to_contain_text("Interreg")
    assert_accessible(page)

    page.goto("/oekonomi/ansoegninger/")
    expect(page.locator("#status-submitted")).to_contain_text("Indsendt")
    assert_accessible(page)
    submitted = Application.objects.get(status="submitted")
    page.get_by_role("link", name=submitted.title).click()
    assert_accessible(page)
    page.get_by_role("link", name="Skift status").click()
    form = page.locator("main form")
    form.locator("select[name=status]").select_option("granted")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("#id_granted_amount_error")).to_be_visible()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=granted_amount]").fill("1800000")
    form.locator("input[name=decided_on]").fill(timezone.localdate().isoformat())
    form.locator("input[name=decided_on]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("1.800.000")
    assert_accessible(page)
    submitted.refresh_from_db()
    assert submitted.granted_amount == Decimal("1800000")
    assert submitted.fundings.get().granted == Decimal("1800000")
