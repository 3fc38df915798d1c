"""Browser tests: Debian's Chromium driven by Playwright against a live Django server.

Every test here gets the ``browser`` marker, a fresh browser context and a
database with the demo data (``seed_demo``) loaded. ``assert_accessible``
runs the vendored axe-core on the page; console errors, uncaught script
errors and CSP violations (Chromium reports them as console errors: "Refused
to ..." or, since about version 140, "... violates the following Content
Security Policy directive ...") fail the test that caused them.

Without Chromium the tests are skipped, unless ``SAMSKAB_REQUIRE_BROWSER=1``,
when they fail instead (CI sets it, so a missing browser cannot pass silently).
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

from samskab.core.testing import DatabaseSnapshot, restore_data_migrations

HERE = Path(__file__).parent
AXE_JS = HERE / "vendor" / "axe.min.js"
MISSING_CHROMIUM = "Chromium not installed: apt-get install chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# axe is injected as a same-origin script that the browser context serves from the
# vendored file: add_script_tag(path=...) would inline it, which the CSP rightly refuses.
AXE_URL = "/__browser-tests__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Everything a browser test may wait for; generous, because CI machines are slow.
TIMEOUT_MS = 15_000


def chromium_executable() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def browser_required() -> bool:
    return os.environ.get("SAMSKAB_REQUIRE_BROWSER", "") in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser():
    executable = chromium_executable()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        executable = None
    if executable is None:
        if browser_required():
            pytest.fail(MISSING_CHROMIUM, pytrace=False)
        pytest.skip(MISSING_CHROMIUM)
    # Playwright's sync API runs an event loop in this thread; Django would refuse
    # ORM calls from test code (seeding, assertions) without this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # Close the connections test code opened inside Playwright's event loop (asgiref
        # keeps them apart from the others), so the test database can be dropped.
        connections.close_all()


class PageProblems:
    """Console errors, uncaught exceptions and CSP violations seen by one page."""

    def __init__(self):
        self.errors: list[str] = []
        self.reported = 0

    def on_console(self, message) -> None:
        # axe itself trips the CSP on some pages (it parses markup with style attributes
        # for a few checks); that is the test's doing, not the page's.
        if message.type == "error" and not message.location.get("url", "").endswith(AXE_URL):
            self.errors.append(
                f"console error on {message.page.url if message.page else '?'}: {message.text}"
            )

    def on_page_error(self, error) -> None:
        self.errors.append(f"uncaught script error: {error}")

    def check(self) -> None:
        new = self.errors[self.reported :]
        self.reported = len(self.errors)
        if new:
            pytest.fail("The browser reported errors:\n  " + "\n  ".join(new), pytrace=False)


# The demo data as first loaded in this process, put back for each test after it.
_demo_snapshots: dict[str, DatabaseSnapshot] = {}


@pytest.fixture
def demo_data(live_server, transactional_db):
    """The demo organisation and one user per role, in the live server's database."""
    connection = connections["default"]
    snapshot = _demo_snapshots.get(connection.settings_dict["NAME"])
    if snapshot is not None:
        snapshot.restore()
        return
    restore_data_migrations()
    call_command("seed_demo", stdout=io.StringIO())
    snapshot = DatabaseSnapshot(connection)
    snapshot.take()
    _demo_snapshots[connection.settings_dict["NAME"]] = snapshot


@pytest.fixture
def page(browser, live_server, demo_data):
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    context.set_default_timeout(TIMEOUT_MS)
    context.route(
        f"**{AXE_URL}",
        lambda route: route.fulfill(path=AXE_JS, content_type="text/javascript; charset=utf-8"),
    )
    page = context.new_page()
    problems = PageProblems()
    page.on("console", problems.on_console)
    page.on("pageerror", problems.on_page_error)
    page.problems = problems
    yield page
    context.close()
    problems.check()


# ---------------------------------------------------------------- helpers


def _login(page, username: str, password: str = "samskab-demo") -> None:
    """Log in through allauth's form, as a person would."""
    page.goto("/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("[name=login]"))
    form.locator("[name=login]").fill(username)
    form.locator("[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "/accounts/login/" not in page.url, f"{username} could not log in"


def _assert_accessible(page) -> None:
    """No WCAG 2.1 A/AA violations by axe-core, and no console errors or CSP violations."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL)
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                targets: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        AXE_TAGS,
    )
    if results:
        lines = [f"axe found {len(results)} violation(s) on {page.url}:"]
        for violation in results:
            lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"      {target}" for target in violation["targets"][:10])
            if len(violation["targets"]) > 10:
                lines.append(f"      … and {len(violation['targets']) - 10} more")
        pytest.fail("\n".join(lines), pytrace=False)
    page.problems.check()


def _follow_menu(page, name: str) -> None:
    """Follow the main menu's item ``name``, from the "Mere" list when it has moved there."""
    menu = page.locator(".navigation-menu")
    link = menu.get_by_role("link", name=name, exact=True).first
    if not link.is_visible():
        menu.locator(".more-option:not(.d-none) .more-button").click()
        link = menu.locator(".more-option:not(.d-none)").get_by_role("link", name=name, exact=True)
    with page.expect_navigation():
        link.click()


@pytest.fixture
def follow_menu():
    """``follow_menu(page, name)``: open a page through the main menu, as a person would."""
    return _follow_menu


@pytest.fixture
def login():
    """``login(page, username)``: log in as a demo user (password ``samskab-demo``)."""
    return _login


@pytest.fixture
def assert_accessible():
    """``assert_accessible(page)``: axe-clean, and no console errors or CSP violations."""
    return _assert_accessible
