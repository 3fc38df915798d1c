"""Finance staff read a task's business case and make a new version with one line changed; the
gains taken home are listed."""

from decimal import Decimal

from playwright.sync_api import expect

from samskab.accounts.models import User
from samskab.finance import services_case
from samskab.finance.models import BusinessCase
from samskab.finance.services_case import LineFigures
from samskab.portfolio.models import InnovationTask


def _line(kind, year, low, expected, high):
    return LineFigures(
        kind=kind, year=year, low=Decimal(low), expected=Decimal(expected), high=Decimal(high)
    )


def test_finance_staff_read_a_business_case_and_make_a_new_version(page, login, assert_accessible):
    task = InnovationTask.objects.filter(status="active").order_by("pk").first()
    BusinessCase.objects.filter(task=task).delete()
    finance = User.objects.get(username="oekonomi")
    case = services_case.business_case_new_version(task=task, by=finance)
    services_case.business_case_update(
        case=case,
        discount_rate=Decimal("3.5"),
        first_year=2026,
        note="Forudsætter 20 borgere om året.",
        lines=[
            _line("investment", 2026, 90, 100, 120),
            *(_line("gain_budget", year, 40, 50, 60) for year in (2027, 2028, 2029)),
        ],
        by=finance,
    )

    login(page, "oekonomi")
    page.goto(f"/opgaver/{task.pk}/business-case/")
    expect(page.locator("main h1")).to_contain_text("Business case")
    expect(page.locator("main dl")).to_contain_text("40,08")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Ny version").click()
    expect(page.locator("main h1")).to_contain_text("version 2")
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name='lines-0-expected']").fill("110")
    with page.expect_navigation():
        form.get_by_role("button", name="Gem").click()
    expect(page.locator("main")).to_contain_text("Den nyeste version")
    assert_accessible(page)

    first, second = BusinessCase.objects.filter(task=task).order_by("version")
    assert first.lines.get(kind="investment").expected == Decimal("100")
    assert second.lines.get(kind="investment").expected == Decimal("110")

    page.get_by_role("link", name="Version 1").click()
    expect(page.locator("main")).to_contain_text("En tidligere version, frosset")
    assert_accessible(page)

    # A row that does not rise is told next to the row, in Danish.
    page.goto(f"/opgaver/{task.pk}/business-case/rediger/")
    form = page.locator("main form")
    form.locator("input[name='lines-0-low']").fill("500")
    with page.expect_navigation():
        form.get_by_role("button", name="Gem").click()
    expect(page.locator("main form")).to_contain_text("Det lave skøn må ikke være over")
    assert_accessible(page)

    page.goto("/oekonomi/hjemtagne-gevinster/")
    expect(page.locator("main h1")).to_have_text("Hjemtagne gevinster")
    assert_accessible(page)
