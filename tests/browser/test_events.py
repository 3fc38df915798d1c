"""A citizen signs up to the demo's full co-creation workshop and lands on the waiting list;
the two ahead of her cancel by the links in their e-mails, a participant cancels with the
button, and the citizen has the place, and an e-mail says so. The unit's participant list
and event form; axe on every page."""

from playwright.sync_api import expect

from samskab.events import services
from samskab.events.models import Event, SignUp


def test_a_citizen_on_the_waiting_list_gets_the_place_a_participant_gives_up(
    page, login, assert_accessible, mailoutbox
):
    workshop = Event.objects.get(title__startswith="Samskabelsesværksted")
    assert workshop.is_full and workshop.waiting_count == 2

    login(page, "borger")
    page.goto("/")
    page.locator("header").get_by_role("link", name="Arrangementer").first.click()
    assert_accessible(page)
    page.get_by_role("link", name=workshop.title).click()
    expect(page.locator("main")).to_contain_text("Fuldt booket, 2 på venteliste")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Skriv mig på ventelisten").click()
    expect(page.locator("main")).to_contain_text("Du er nr. 3 på ventelisten")
    assert_accessible(page)

    # The two waiting before her signed up without a user: each cancels by their e-mail's link.
    page.context.clear_cookies()
    page.goto(f"/arrangementer/{workshop.pk}/")
    expect(page.get_by_label("Dit navn")).to_be_visible()
    assert_accessible(page)
    ahead = workshop.signups.filter(status=SignUp.Status.WAITING, user=None).order_by("position")
    for signup in list(ahead):
        page.goto(f"/arrangementer/tilmelding/{services.signup_token(signup)}/")
        expect(page.locator("main")).to_contain_text("nr. 1 på ventelisten")
        assert_accessible(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Meld mig fra").click()
        expect(page.locator("main")).to_contain_text("Du er meldt fra.")
    citizen = SignUp.objects.get(event=workshop, user__username="borger")
    assert services.waiting_number(citizen) == 1

    # A participant with a place cannot come after all.
    login(page, "medarbejder")
    page.goto(f"/arrangementer/{workshop.pk}/")
    expect(page.locator("main")).to_contain_text("Du er tilmeldt.")
    mailoutbox.clear()
    with page.expect_navigation():
        page.get_by_role("button", name="Meld mig fra").click()
    expect(page.locator(".alert")).to_contain_text("Du er meldt fra.")
    assert_accessible(page)

    citizen.refresh_from_db()
    assert citizen.status == SignUp.Status.CONFIRMED
    (message,) = mailoutbox
    assert message.to == [citizen.user.email]
    assert "Du har fået en plads" in message.subject
    page.context.clear_cookies()
    login(page, "borger")
    page.goto(f"/arrangementer/{workshop.pk}/")
    expect(page.locator("main")).to_contain_text("Du er tilmeldt.")
    assert_accessible(page)

    # The unit sees who comes, with their addresses, and may plan the next one.
    page.context.clear_cookies()
    login(page, "innovationsmedarbejder")
    page.goto(f"/arrangementer/{workshop.pk}/")
    page.get_by_role("link", name="Deltagere og fremmøde").click()
    expect(page.locator("main table").first).to_contain_text(citizen.user.email)
    assert_accessible(page)
    page.goto("/arrangementer/nyt/")
    assert_accessible(page)
    if workshop.task_id:
        page.goto(f"/opgaver/{workshop.task_id}/")
        expect(page.locator("#events-heading")).to_have_text("Arrangementer")
        assert_accessible(page)
