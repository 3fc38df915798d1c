"""A team member uses the method library on the demo: the task page suggests a method for the
task's phase, the member records it as used with a rating and what was learned, and finds the
task on the method's card; a glossary link in a help text leads to the term."""

import re

from playwright.sync_api import expect

from samskab.methods.models import Method, MethodUse
from samskab.portfolio.models import InnovationTask


def test_a_team_member_records_a_suggested_method_and_finds_it_on_the_card(
    page, login, assert_accessible
):
    task = InnovationTask.objects.get(title="Synlig læring")
    assert task.phase == 6

    # The employee persona is on the task's team; the task page suggests methods for phase 6.
    login(page, "medarbejder")
    page.goto(f"/opgaver/{task.pk}/")
    panel = page.locator("section[aria-labelledby=methods-heading]")
    expect(panel.locator("#methods-suggested")).to_have_text("Forslag til fase 6")
    expect(panel.get_by_role("link", name="Implementeringsplan", exact=True)).to_be_visible()
    assert_accessible(page)
    # The visually hidden name of the link is read with a space before it.
    panel.get_by_role(
        "link", name=re.compile(r"^Registrér som brugt\s*: Implementeringsplan$")
    ).click()
    page.wait_for_url(f"**/opgaver/{task.pk}/metoder/?metode=implementeringsplan*")
    assert_accessible(page)

    # The help text of "what we learned" links the term it uses to the glossary.
    form = page.locator("main form").filter(has=page.locator("textarea[name=learning]"))
    expect(form.locator("select[name=method]")).to_have_value(
        str(Method.objects.get(slug="implementeringsplan").pk)
    )
    expect(form.locator("select[name=phase]")).to_have_value("6")
    form.get_by_label("5 – hjalp meget").check()
    form.locator("textarea[name=learning]").fill("Milepælene blev konkrete, da lederne var med.")
    with page.expect_navigation():
        form.get_by_role("button", name="Registrér").click()
    expect(page.locator(".alert")).to_contain_text(
        "“Implementeringsplan” er registreret som brugt i fase 6."
    )
    use = MethodUse.objects.get(task=task, method__slug="implementeringsplan")
    assert (use.phase, use.rating, use.recorded_by.username) == (6, 5, "medarbejder")
    assert_accessible(page)

    # The task's story tells it, and the card lists where it was used.
    page.goto(f"/opgaver/{task.pk}/")
    expect(page.locator("main")).to_contain_text("Metode brugt: Implementeringsplan (fase 6)")
    page.goto("/metoder/implementeringsplan/")
    uses = page.locator("section[aria-labelledby=uses-heading]")
    row = uses.locator("tr", has_text="Synlig læring")
    expect(row).to_contain_text("5 af 5")
    expect(row).to_contain_text("Milepælene blev konkrete, da lederne var med.")
    expect(page.locator("main")).to_contain_text("Version 1, ændret")
    assert_accessible(page)
    page.get_by_role("link", name="Version 1", exact=False).click()
    page.wait_for_url("**/metoder/implementeringsplan/versioner/")
    assert_accessible(page)

    # A term in a help text is one click from its definition.
    page.goto(f"/opgaver/{task.pk}/metoder/")
    hint = page.locator("#id_learning_helptext")
    hint.get_by_role("link", name="prøvehandling").click()
    page.wait_for_url("**/metoder/ordbog/#proevehandling")
    expect(page.locator("dt#proevehandling")).to_contain_text("Prøvehandling")
    expect(page.locator("dt#proevehandling + dd")).to_contain_text("hypotese")
    assert_accessible(page)


def test_the_library_searches_and_filters_and_a_visitor_reads_public_cards(page, assert_accessible):
    page.goto("/metoder/")
    assert_accessible(page)
    page.get_by_label("Søg").fill("gevinster")
    page.get_by_label("Fase").select_option("4")
    with page.expect_navigation():
        page.get_by_role("button", name="Vis").click()
    results = page.locator("main .idea-list h2")
    expect(results.first).to_be_visible()
    expect(page.locator("main .idea-list")).to_contain_text("Gevinstdiagram")
    page.get_by_role("link", name="Gevinstdiagram").click()
    expect(page.locator("h1")).to_have_text("Gevinstdiagram")
    # A visitor sees no tasks on a card.
    expect(page.locator("#uses-heading")).to_have_count(0)
    assert_accessible(page)
