"""A demo task's page tells its story: the timeline, the trial effects and the benefit curve
beside its table are readable and axe-clean, for the executive board, the unit and an employee."""

import pytest
from playwright.sync_api import expect

from samskab.governance.models import Decision
from samskab.portfolio.models import InnovationTask


@pytest.mark.parametrize("username", ["direktion", "innovationsmedarbejder", "medarbejder"])
def test_a_demo_tasks_page_tells_its_story_with_the_curve_and_the_effects(
    page, login, assert_accessible, username
):
    task = InnovationTask.objects.get(title="Træn dig fri")
    start = Decision.objects.get(task=task, kind=Decision.Kind.START)

    login(page, username)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/opgaver/{task.pk}/")

    # The story, oldest first: the proposal, then the decision that started the task.
    story = page.locator("section[aria-labelledby=story-heading]")
    expect(story.get_by_role("heading", name="Opgavens historie")).to_be_visible()
    events = story.locator("ol.task-story > li")
    expect(events.first).to_contain_text("Foreslået som innovationsopgave")
    expect(events.nth(1)).to_contain_text("Prioriteret og igangsat")
    link = events.nth(1).get_by_role("link", name="Prioriteret og igangsat")
    expect(link).to_have_attribute("href", f"/beslutninger/{start.pk}/")
    expect(story).to_contain_text("Gate passeret: fra fase 1 til 2")
    expect(story).to_contain_text("Prøvehandling afsluttet")
    expect(story).to_contain_text("Gevinstrealiseringsaftale underskrevet")
    expect(story).to_contain_text("Kom på holdet")
    dates = story.locator("time").evaluate_all("nodes => nodes.map(n => n.dateTime)")
    assert dates == sorted(dates)

    # Each concluded trial with its effect and interval in figures.
    effects = page.locator("section[aria-labelledby=effects-heading]")
    expect(effects.locator("tbody tr")).not_to_have_count(0)
    expect(effects).to_contain_text("95 %-konfidensinterval")

    # The benefit curve: an SVG with its title, and a table of the same figures beside it.
    benefits = page.locator("section[aria-labelledby=benefits-heading]")
    chart = benefits.locator("svg[role=img]").first
    expect(chart).to_be_visible()
    expect(chart.locator("title")).to_have_text("Økonomisk (kr.): forventet og realiseret i alt")
    table = benefits.locator("table").first
    expect(table.locator("caption")).to_have_text("Økonomisk (kr.): forventet og realiseret i alt")
    expect(table.locator("tbody th").first).to_contain_text("Udgangen af")
    chart_box, table_box = chart.bounding_box(), table.bounding_box()
    assert table_box["x"] > chart_box["x"] + chart_box["width"] - 1  # beside it at 1280 px

    # What the next gate needs, and when it is.
    expect(page.locator("section[aria-labelledby=gate-heading]")).to_contain_text("Gaten skal")
    assert_accessible(page)


def test_the_story_reads_on_a_phone(page, login, assert_accessible):
    task = InnovationTask.objects.get(title="Synlig læring")
    login(page, "direktion")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/opgaver/{task.pk}/")
    expect(page.locator("ol.task-story > li").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone: {width} px"
    assert_accessible(page)
