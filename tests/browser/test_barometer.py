"""The innovation barometer in Chromium: a task's answers given with the keyboard, and the export."""

from playwright.sync_api import expect

from samskab.barometer.models import SurveyAnswers
from samskab.portfolio.models import InnovationTask


def test_the_unit_answers_a_tasks_questions_with_the_keyboard(page, login, assert_accessible):
    task = InnovationTask.objects.filter(survey_answers__isnull=True).order_by("pk").first()
    assert task is not None, "the demo leaves a couple of tasks unanswered"
    login(page, "innovationsmedarbejder")
    page.goto(f"/opgaver/{task.pk}/")
    panel = page.locator("section[aria-labelledby=barometer-heading]")
    expect(panel).to_contain_text("7 spørgsmål er ikke besvaret")
    panel.get_by_role("link", name="Besvar innovationsbarometerets spørgsmål").click()
    expect(page.locator("h1")).to_have_text("Innovationsbarometeret")
    assert_accessible(page)

    form = page.locator("main form")
    value = form.locator("fieldset", has_text="Hvilken værdi skaber innovationen?")
    value.get_by_label("Bedre kvalitet").focus()
    page.keyboard.press("Space")
    form.locator("fieldset", has_text="Er innovationen nyudviklet").get_by_label(
        "Tilpasset eller kopieret fra andre"
    ).check()
    partners = form.locator("fieldset", has_text="Hvem har arbejdspladsen samarbejdet med?")
    partners.get_by_label("Ingen samarbejdspartnere").check()
    partners.get_by_label("Borgere", exact=True).check()
    with page.expect_navigation():
        form.get_by_role("button", name="Gem svarene").focus()
        page.keyboard.press("Enter")

    # "No partners" with a partner: a Danish message at the question, and nothing lost.
    expect(partners).to_contain_text("kan ikke vælges sammen med en type af partner")
    expect(value.get_by_label("Bedre kvalitet")).to_be_checked()
    assert_accessible(page)
    assert not SurveyAnswers.objects.filter(task=task).exists()

    partners.get_by_label("Ingen samarbejdspartnere").uncheck()
    with page.expect_navigation():
        form.get_by_role("button", name="Gem svarene").click()
    expect(page.locator("main")).to_contain_text("Svarene er gemt.")
    answers = SurveyAnswers.objects.get(task=task)
    assert answers.value_quality and answers.partner_citizens and answers.origin == "adapted"

    page.goto(f"/opgaver/{task.pk}/")
    expect(panel).to_contain_text("3 af 7 spørgsmål besvaret.")


def test_direktion_reads_a_tasks_answers_without_a_form(page, login, assert_accessible):
    task = InnovationTask.objects.filter(survey_answers__isnull=False, phase__gte=4).first()
    login(page, "direktion")
    page.goto(f"/opgaver/{task.pk}/innovationsbarometer/")
    expect(page.locator("main form")).to_have_count(0)
    expect(page.locator("main dl")).to_contain_text("Hvilken værdi skaber innovationen?")
    assert_accessible(page)


def test_direktion_counts_a_period_and_downloads_the_workbook(page, login, assert_accessible):
    login(page, "direktion")
    page.goto("/overblik/")
    page.get_by_role("link", name="Innovationsbarometeret:").click()
    expect(page.locator("h1")).to_have_text("Innovationsbarometeret")
    table = page.locator("main table")
    expect(table.locator("tbody tr").first).to_contain_text("Antal opgaver")
    expect(table).to_contain_text("Hvem tog initiativet?")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Eksportér til Excel (XLSX)").click()
    assert download.value.suggested_filename.startswith("innovationsbarometer-")

    form = page.get_by_role("form", name="Periode")
    form.get_by_label("Fra").fill("2026-06-30")
    form.get_by_label("Til").fill("2026-01-01")
    with page.expect_navigation():
        form.get_by_role("button", name="Vis").click()
    expect(page.locator("main")).to_contain_text("Periodens slutdato ligger før startdatoen.")
    expect(form.get_by_label("Fra")).to_have_value("2026-06-30")
    assert_accessible(page)
