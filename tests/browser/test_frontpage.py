"""The front page in Chromium: every demo user's "Mit overblik", the visitor's, and the chief's
walk from the front page to a gate that is due."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from samskab.governance.models import Meeting
from samskab.organisation.demo import DEMO_USERS


def test_every_demo_users_front_page_is_accessible_and_has_something_in_each_panel(
    page, login, assert_accessible
):
    for demo in DEMO_USERS:
        page.context.clear_cookies()
        login(page, demo.username)
        page.goto("/")
        expect(page.locator("h1")).to_have_text("Mit overblik")
        panels = page.locator("main section.frontpage-panel")
        assert panels.count() > 0, f"{demo.username} has no panels"
        for index in range(panels.count()):
            panel = panels.nth(index)
            heading = panel.locator("h2").inner_text()
            assert panel.locator(".frontpage-items a").count() > 0, (
                f"{demo.username}: nothing in “{heading}”"
            )
        assert_accessible(page)


def test_a_visitor_is_asked_to_bring_an_idea(page, assert_accessible):
    page.goto("/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Kom med en idé").click()
    assert page.url.endswith("/ideer/ny/")


def test_a_citizen_brings_an_idea_from_the_front_page(page, login):
    login(page, "borger")
    page.goto("/")
    with page.expect_navigation():
        page.locator("#my-ideas").get_by_role("link", name="Kom med en idé").click()
    assert page.url.endswith("/ideer/ny/")


def test_the_chief_walks_from_the_front_page_to_a_gate_that_is_due(page, login, assert_accessible):
    login(page, "innovationschef")
    page.goto("/")
    gates = page.locator("#gates-due")
    # The demo's gate due before the next meeting is named in the chief's warning.
    warning = gates.locator(".alert-warning")
    expect(warning).to_contain_text("Flytning med ét klik")
    first = gates.locator(".frontpage-items a").first
    title = first.inner_text()

    with page.expect_navigation():
        first.click()
    assert re.search(r"/opgaver/\d+/$", page.url)
    expect(page.locator("h1")).to_contain_text(title)
    assert_accessible(page)

    page.go_back()
    with page.expect_navigation():
        gates.get_by_role("link", name=re.compile("^Åbn næste møde")).click()
    meeting = (
        Meeting.objects.filter(forum__kind="executive", starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    assert page.url.endswith(f"/moeder/{meeting.pk}/")
    expect(page.locator("#agenda-gates").locator("..")).to_contain_text(title)
    assert_accessible(page)

    page.go_back()
    with page.expect_navigation():
        gates.get_by_role("link", name=re.compile("^Se alle")).click()
    assert page.url.endswith("#agenda-gates")


def test_the_full_lists_the_panels_lead_to_are_accessible(page, login, assert_accessible):
    for username, panels in [
        ("borger", ["followed-ideas"]),
        ("innovationschef", ["agreements-unsigned", "benefits-behind", "over-allocated"]),
        ("omraadeleder", ["agreements-to-sign", "realisations-due", "area-people"]),
    ]:
        page.context.clear_cookies()
        login(page, username)
        for key in panels:
            page.goto("/")
            see_all = page.locator(f"#{key}").get_by_role("link", name=re.compile("^Se alle"))
            with page.expect_navigation():
                see_all.click()
            expect(page.locator("main h1")).to_be_visible()
            expect(page.locator("main tbody a, main .nobullet-list a").first).to_be_visible()
            assert_accessible(page)
