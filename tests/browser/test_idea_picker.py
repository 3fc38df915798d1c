"""Picking an idea by typing words: the merge form on the idea page, the task proposal form."""

import re

from playwright.sync_api import expect

from samskab.ideas.models import Idea


def test_the_unit_merges_a_duplicate_by_typing_a_word_and_picking_the_idea(
    page, login, assert_accessible
):
    duplicate = Idea.objects.filter(title="Ensomhed blandt ældre efter tab af ægtefælle").first()
    survivor = Idea.objects.filter(title__startswith="Velfærdsteknologi").first()
    login(page, "innovationsmedarbejder")
    page.goto(f"/ideer/{duplicate.pk}/")
    form = page.locator(f"form[action='/ideer/{duplicate.pk}/saml/']")
    field = form.get_by_label("Den idé, der lever videre", exact=True)
    # Half a word is enough: "velfærds" finds "Velfærdsteknologi", while typing.
    field.press_sequentially("velfærds", delay=50)
    choice = form.get_by_role("radio", name=re.compile(rf"^Nr\. {survivor.pk}: Velfærdsteknologi"))
    expect(choice).to_be_visible()
    expect(form.locator("[aria-live=polite]")).to_contain_text("fundet")
    assert_accessible(page)

    # The keyboard reaches the ideas found: past the search button, into the radio group.
    field.focus()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Søg")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("type", "radio")

    choice.check()
    form.get_by_label(re.compile("^Besked til")).fill("Samme idé som velfærdsteknologien.")
    with page.expect_navigation():
        form.get_by_role("button", name="Læg sammen").click()
    expect(page.locator(".alert-success")).to_contain_text("lagt sammen")
    assert_accessible(page)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == survivor.pk


def test_the_ideas_behind_a_proposal_are_ticked_among_those_found(page, login, assert_accessible):
    training = Idea.objects.filter(title__startswith="Træn dig fri").first()
    login(page, "innovationschef")
    page.goto("/portefolje/forslag/ny/")
    form = page.locator("main form")
    form.get_by_label("Titel", exact=True).fill("Træn dig fri")
    field = form.get_by_label("Idéerne bag forslaget")
    field.press_sequentially("træning", delay=50)
    box = form.get_by_role("checkbox", name=re.compile(rf"^Nr\. {training.pk}: "))
    expect(box).to_be_visible()
    box.check()
    assert_accessible(page)
    # A second search keeps the idea ticked, first in the list.
    field.fill("")
    field.press_sequentially("ensomhed", delay=50)
    expect(form.get_by_role("checkbox", name=re.compile("Ensomhed")).first).to_be_visible()
    expect(box).to_be_checked()
    expect(form.get_by_label("Titel", exact=True)).to_have_value("Træn dig fri")


def test_the_search_button_lists_the_ideas_on_a_page_of_their_own(page, login, assert_accessible):
    """What a browser without JavaScript gets: "Søg" submits, the ideas come back listed."""
    duplicate = Idea.objects.filter(title="Lange ventetider på hjælpemidler").first()
    survivor = Idea.objects.filter(title__startswith="Velfærdsteknologi").first()
    login(page, "innovationschef")
    page.goto(f"/ideer/{duplicate.pk}/")
    form = page.locator(f"form[action='/ideer/{duplicate.pk}/saml/']")
    form.get_by_label(re.compile("^Besked til")).fill("Det samme behov.")
    form.get_by_label("Den idé, der lever videre", exact=True).fill("vasketoiletter")
    with page.expect_navigation():
        form.get_by_role("button", name="Søg").click()
    expect(page.locator("h1")).to_contain_text("Læg “Lange ventetider på hjælpemidler” sammen")
    expect(page.get_by_label(re.compile("^Besked til"))).to_have_value("Det samme behov.")
    choice = page.get_by_role("radio", name=re.compile(rf"^Nr\. {survivor.pk}: "))
    expect(choice).to_be_visible()
    assert_accessible(page)
    choice.check()
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Læg sammen").click()
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == survivor.pk
