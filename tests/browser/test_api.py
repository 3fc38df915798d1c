"""A person makes an API key on the profile, by keyboard, copies it once, reads the
portfolio with it from another program, then revokes it; the API's documentation page
runs from Samskab's own files under its content security policy."""

from playwright.sync_api import expect

from samskab.api.models import ApiToken


def test_an_api_key_is_made_used_and_revoked(page, login, assert_accessible, live_server):
    login(page, "medarbejder")
    page.goto("/profil/")
    expect(page.locator("#api-noegler")).to_have_text("API-nøgler")
    assert_accessible(page)
    page.get_by_role("link", name="Opret en API-nøgle").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=name]").fill("Min tavle")
    form.locator("input[name=scope][value=read]").focus()
    page.keyboard.press("ArrowDown")  # to "Læse og skrive"
    expect(form.locator("input[name=scope][value=write]")).to_be_checked()
    form.locator("select[name=days]").select_option("30")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Din nye API-nøgle")
    assert_accessible(page)
    secret = page.locator("#api-key").input_value()
    assert ApiToken.objects.get(name="Min tavle").prefix == secret[:14]

    program = page.context.request
    response = program.get(
        f"{live_server.url}/api/v1/tasks", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status == 200
    assert "results" in response.json()

    page.get_by_role("link", name="Tilbage til min profil").click()
    row = page.locator("#api-noegler").locator("..").locator("tr", has_text="Min tavle")
    with page.expect_navigation():
        row.get_by_role("button", name="Tilbagekald Min tavle").click()
    expect(page.locator(".alert")).to_contain_text("er tilbagekaldt")
    assert_accessible(page)
    refused = program.get(
        f"{live_server.url}/api/v1/tasks",
        headers={"Authorization": f"Bearer {secret}", "Accept-Language": "da"},
    )
    assert refused.status == 401
    assert refused.json() == {"detail": "API-nøglen er tilbagekaldt.", "code": "revoked_token"}


def test_the_documentation_runs_under_the_content_security_policy(page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("Samskab API")
    expect(page.locator(".opblock").first).to_be_visible()
    page.problems.check()  # no console errors: nothing the policy refused
    assert requested and all(url.startswith(page.url.split("/api/")[0]) for url in requested)
