"""A task's economy in the browser: the finance role enters an expense by hand and imports
a CSV file of expenses, and sets the hourly rates; axe-clean throughout."""

from playwright.sync_api import expect

from samskab.finance.models import Expense
from samskab.portfolio.models import InnovationTask


def test_an_expense_is_entered_and_a_csv_of_expenses_imported(
    page, login, assert_accessible, tmp_path
):
    task = InnovationTask.objects.filter(status=InnovationTask.Status.ACTIVE).first()
    before = Expense.objects.filter(task=task).count()
    login(page, "oekonomi")
    page.goto(f"/opgaver/{task.pk}/")
    panel = page.locator("section[aria-labelledby=economy-heading]")
    expect(panel).to_contain_text("Omkostninger til dato")
    with page.expect_navigation():
        panel.get_by_role("link", name="Opgavens økonomi").click()
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Tilføj en udgift").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=spent_on]").fill("2026-03-02")
    form.locator("input[name=description]").fill("Leje af lokale til workshop")
    form.locator("input[name=amount]").fill("mange")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("#id_amount_error")).to_be_visible()  # the error beside the field
    expect(form.locator("input[name=description]")).to_have_value("Leje af lokale til workshop")
    assert_accessible(page)
    page.locator("main form input[name=amount]").fill("1.234,50")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.url.endswith(f"/opgaver/{task.pk}/oekonomi/")
    expect(page.locator("main")).to_contain_text("1.234,50")
    assert_accessible(page)

    # A file with a bad row is refused whole; the corrected file is imported.
    bad = tmp_path / "udgifter.csv"
    bad.write_text("dato;beskrivelse;beløb\n02.03.2026;Kaffe;250,00\n03.03.2026;Kage;tre\n")
    with page.expect_navigation():
        page.get_by_role("link", name="Importér udgifter fra en fil").click()
    assert_accessible(page)
    page.locator("main form input[name=file]").set_input_files(str(bad))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main .alert-error").first).to_contain_text("Række 3")
    assert_accessible(page)
    assert Expense.objects.filter(task=task).count() == before + 1
    good = tmp_path / "rettet.csv"
    good.write_text("dato;beskrivelse;beløb\n02.03.2026;Kaffe;250,00\n03.03.2026;Kage;300\n")
    page.locator("main form input[name=file]").set_input_files(str(good))
    page.locator("main form input[name=file]").focus()
    page.keyboard.press("Tab")  # on to the next field by keyboard
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("2 udgifter blev importeret")
    assert Expense.objects.filter(task=task).count() == before + 3

    expect(page.get_by_role("link", name="Eksportér til Excel")).to_be_visible()
    page.goto("/oekonomi/timesatser/")
    assert_accessible(page)
    page.locator("main form input[name=specialist]").fill("650")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main form input[name=specialist]")).to_have_value("650")
