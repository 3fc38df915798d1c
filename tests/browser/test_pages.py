"""Every page each demo user can reach is axe-clean and free of console and CSP errors.

Also the things only a real browser shows: the language switcher, the skip
link, the people search, signing up with e-mail confirmation and the mobile
menu.
"""

import re

import pytest
from playwright.sync_api import expect

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.organisation.demo import DEMO_USERS
from samskab.organisation.models import Person

DEMO_USERNAMES = [demo.username for demo in DEMO_USERS]
MAIN_MENU_LINKS = "nav.nav .mainmenu a"


def main_menu_urls(page) -> list[str]:
    return page.locator(MAIN_MENU_LINKS).evaluate_all("links => links.map(a => a.href)")


def submit(page, form) -> None:
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()


# ---------------------------------------------------------------- (a) every demo user


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_every_page_in_the_main_menu_is_accessible(page, login, assert_accessible, username):
    login(page, username)
    assert_accessible(page)
    urls = main_menu_urls(page)
    assert urls, f"{username} has no main menu"
    for url in urls:
        response = page.goto(url)
        assert response.ok, f"{username}: {url} answered {response.status}"
        assert_accessible(page)

    if any(url.endswith("/personer/") for url in urls):
        page.goto("/personer/")
        with page.expect_navigation():
            page.locator("#results tbody a").first.click()
        assert re.search(r"/personer/\d+/$", page.url)
        assert_accessible(page)
    if any(url.endswith("/organisation/") for url in urls):
        page.goto("/organisation/")
        with page.expect_navigation():
            page.locator("main tbody a").nth(1).click()
        assert re.search(r"/organisation/\d+/$", page.url)
        assert_accessible(page)


@pytest.mark.parametrize("path", ["/organisation/ny/", "/kompetencer/ny/", "/personer/ny/"])
def test_admin_forms_and_their_errors_are_accessible(page, login, assert_accessible, path):
    login(page, "admin")
    page.goto(path)
    assert_accessible(page)

    submit(page, page.locator("main form"))
    alert = page.locator("main .alert-error[role=alert]")
    expect(alert).to_be_visible()
    errors = page.locator("main .form-group.form-error .form-error-message")
    assert errors.count() >= 1
    # Each message is tied to its field, so a screen reader reads it with the field.
    first_error_id = errors.first.get_attribute("id")
    expect(page.locator(f"main [aria-describedby~='{first_error_id}']")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/organisation/orgunit/",
        "/admin/organisation/orgunit/add/",
        "/admin/organisation/orgunit/import/",
        "/admin/organisation/person/",
        "/admin/organisation/person/add/",
        "/admin/organisation/competency/",
        "/admin/network/organisation/add/",
        "/admin/accounts/user/",
    ],
)
def test_administration_pages_are_accessible(page, login, assert_accessible, path):
    login(page, "admin")
    response = page.goto(path)
    assert response.ok, f"{path} answered {response.status}"
    assert_accessible(page)


# ---------------------------------------------------------------- (b) anonymous pages


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/tilgaengelighedserklaering/",
        "/privatlivspolitik/",
    ],
)
def test_public_page_is_accessible(page, assert_accessible, path):
    response = page.goto(path)
    assert response.ok
    assert_accessible(page)


def test_was_leads_to_the_accessibility_statement(page, assert_accessible):
    page.goto("/was")
    assert page.url.endswith("/tilgaengelighedserklaering/")
    expect(page.locator("h1")).to_have_text("Tilgængelighedserklæring")
    assert_accessible(page)


# ---------------------------------------------------------------- (c) language


def test_language_switcher_changes_between_danish_and_english(page, assert_accessible):
    page.goto("/privatlivspolitik/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("h1")).to_have_text("Privatlivspolitik")
    switcher = page.locator("footer .language-switcher")

    with page.expect_navigation():
        switcher.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith("/en/privatlivspolitik/")
    expect(page.locator("h1")).to_have_text("Privacy policy")
    expect(switcher.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    assert_accessible(page)

    with page.expect_navigation():
        switcher.get_by_role("link", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    assert "/en/" not in page.url
    assert page.url.endswith("/privatlivspolitik/")
    expect(switcher.get_by_role("link", name="Dansk")).to_have_attribute("aria-current", "true")
    expect(page.locator("h1")).to_have_text("Privatlivspolitik")


def test_the_menus_overflow_button_speaks_the_pages_language(page, login, assert_accessible):
    """The design system wrote "Mere" on it in English too."""
    page.set_viewport_size({"width": 1024, "height": 800})
    login(page, "innovationschef")
    page.goto("/en/")
    more = page.locator(".navigation-menu .more-option:not(.d-none) .more-button")
    expect(more).to_have_text("More")
    assert_accessible(page)
    page.goto("/")
    expect(more).to_have_text("Mere")


# ---------------------------------------------------------------- (d) keyboard


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(page):
    page.goto("/privatlivspolitik/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skipnav")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url("**#main-content")
    # Focus follows the link: the next Tab lands inside the content, not in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")
    expect(page.locator("#main-content")).to_be_in_viewport()


def test_on_the_login_form_tab_goes_from_the_user_name_to_the_password(page, assert_accessible):
    page.goto("/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("[name=login]"))
    form.locator("[name=login]").focus()
    page.keyboard.press("Tab")
    expect(form.locator("[name=password]")).to_be_focused()
    # The link for a forgotten password is still there, after the button.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(form.locator("button[type=submit]")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Glemt din adgangskode?")).to_be_focused()
    assert_accessible(page)


# ---------------------------------------------------------------- (e) people search


def test_people_search_finds_a_person_by_name(page, login, assert_accessible):
    # The last name in the directory, so not on its first page before the search.
    person = Person.objects.filter(kind=Person.Kind.EMPLOYEE).order_by("-name", "-pk").first()
    login(page, "medarbejder")
    page.goto("/personer/")
    results = page.locator("#results")
    expect(results.get_by_role("link", name=person.name)).to_have_count(0)

    search = page.locator("form[role=search]")
    search.locator("[name=q]").fill(person.name)
    search.locator("button[type=submit]").click()
    # htmx swaps in the results and puts the search in the address, to share or reload.
    page.wait_for_url(re.compile(r"[?&]q="))
    expect(results.get_by_role("link", name=person.name)).to_be_visible()
    rows = results.locator("tbody tr")
    expect(rows.first).to_be_visible()
    for name in rows.locator("td:first-child a").all_inner_texts():
        assert all(word.lower() in name.lower() for word in person.name.split()), name
    assert_accessible(page)


# ---------------------------------------------------------------- (f) citizen signs up


def test_citizen_signs_up_confirms_the_email_and_is_logged_in(page, assert_accessible, mailoutbox):
    email = "ny.borger@example.dk"
    page.goto("/accounts/signup/")
    form = page.locator("main form").filter(has=page.locator("[name=password1]"))
    form.locator("[name=name]").fill("Nanna Nyborg")
    form.locator("[name=email]").fill(email)
    form.locator("[name=password1]").fill("Et langt og godt kodeord 42")
    form.locator("[name=password2]").fill("Et langt og godt kodeord 42")
    submit(page, form)
    assert "/accounts/confirm-email/" in page.url
    assert_accessible(page)

    # The live server runs in this process, so its mail lands in the test outbox.
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [email]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    assert_accessible(page)
    submit(page, page.locator("main form").filter(has=page.locator("button[type=submit]")))

    expect(page.locator(".portal-user .user")).to_have_text("Nanna Nyborg")
    user = User.objects.get(email=email)
    assert user.groups.filter(name=roles.BORGER).exists()
    assert user.person.kind == Person.Kind.CITIZEN
    assert user.person.name == "Nanna Nyborg"
    assert user.emailaddress_set.get(email=email).verified
    assert_accessible(page)


# ---------------------------------------------------------------- (g) mobile menu


@pytest.mark.parametrize("close_with", ["Escape", "close button"])
def test_mobile_menu_opens_and_closes(page, login, assert_accessible, close_with):
    page.set_viewport_size({"width": 375, "height": 740})
    login(page, "medarbejder")
    drawer = page.locator(".mobile-drawer")
    open_button = page.locator("button.js-menu-open")
    expect(open_button).to_be_visible()
    expect(drawer).to_be_hidden()

    open_button.click()
    expect(drawer).to_be_visible()
    expect(drawer.locator("a[href='/personer/']")).to_be_visible()
    assert_accessible(page)

    if close_with == "Escape":
        page.keyboard.press("Escape")
    else:
        drawer.locator("button.js-menu-close").click()
    expect(drawer).to_be_hidden()
    expect(open_button).to_be_focused()
