"""An employee logs in with the work account: the login page's button, the municipality's
OpenID Connect provider (a real one on the loopback interface, from the accounts tests) and
back to Samskab's front page; a token that has expired is refused with a message. A
company's idea shows the CVR number MitID Erhverv vouched for."""

import pytest
from playwright.sync_api import expect

from samskab.accounts.tests.oidc_provider import PROVIDER, configure, serve
from samskab.ideas.models import Idea
from samskab.organisation.demo import DEMO_ID_PREFIX
from samskab.organisation.models import Person


@pytest.fixture
def work_accounts(settings):
    server = serve()
    yield configure(settings, PROVIDER)
    server.shutdown()
    server.server_close()


def test_an_employee_logs_in_with_the_work_account(
    page, assert_accessible, live_server, work_accounts
):
    employee = Person.objects.get(external_id=f"{DEMO_ID_PREFIX}e1")
    work_accounts.claims = {"sub": "entra-oid-1", "employee_id": employee.external_id}

    page.goto("/accounts/login/")
    expect(
        page.get_by_role("heading", name="Eller log ind via din identitetsudbyder")
    ).to_be_visible()
    assert_accessible(page)
    button = page.get_by_role("button", name="Log ind med din arbejdskonto")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{live_server.url}/"
    expect(page.locator("header")).to_contain_text(employee.name)
    assert_accessible(page)

    # Later, a token the provider hands out too late is refused, in Danish.
    page.context.clear_cookies()
    work_accounts.expired = True
    page.goto("/accounts/login/")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Log ind med din arbejdskonto").click()
    assert navigation.value.status == 401
    # Chromium reports the refusal's status on the console: that is the refusal itself.
    page.problems.errors = [e for e in page.problems.errors if "status of 401" not in e]
    expect(page.get_by_role("heading", name="Du blev ikke logget ind")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("var udløbet")
    assert_accessible(page)


def test_a_companys_idea_shows_the_verified_cvr_number(page, assert_accessible):
    idea = Idea.objects.exclude(on_behalf_of_cvr="").get()
    page.goto(f"/ideer/{idea.pk}/")
    expect(page.locator("[data-verified-cvr]")).to_have_text(
        "CVR 20301823, bekræftet med MitID Erhverv"
    )
    assert_accessible(page)
