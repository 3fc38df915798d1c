"""An idea's whole way through Samskab in a real browser, every page axe-clean."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from samskab.accounts.models import User
from samskab.ideas.models import Comment, Idea


def test_anonymous_idea_is_confirmed_by_email_answered_and_followed(
    page, login, assert_accessible, mailoutbox
):
    page.goto("/ideer/ny/")
    assert_accessible(page)
    form = page.locator("main form")
    form.get_by_label("Behov eller problem").check()
    form.get_by_label("Titel", exact=True).fill("Ensomhed blandt ældre efter tab af ægtefælle")
    form.get_by_label("Beskriv det").fill("Mange ældre bliver alene, når ægtefællen dør.")
    # While typing, ideas that look alike are offered, so nobody duplicates by accident.
    similar = page.locator("#similar")
    expect(similar.get_by_role("link").first).to_be_visible()
    assert_accessible(page)

    form.get_by_label("Dit navn").fill("Karen Holm")
    form.get_by_label("Din e-mailadresse").fill("karen@example.dk")
    form.get_by_label(re.compile("Offentliggør min idé")).check()
    with page.expect_navigation():
        form.get_by_role("button", name="Send idéen").click()
    expect(page.locator("h1")).to_have_text("Tjek din e-mail")
    assert_accessible(page)

    idea = Idea.objects.get(author_email="karen@example.dk")
    assert idea.confirmed_at is None
    # The path only: the e-mail's host is SAMSKAB_BASE_URL, not this test's live server.
    link = re.search(r"/ideer/bekraeft/\S+/", mailoutbox[-1].body).group(0)
    page.goto(link)
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Bekræft idéen").click()
    expect(page.locator(".status-trail")).to_contain_text("Modtaget")
    assert_accessible(page)

    # The innovation unit publishes the idea and answers it.
    login(page, "innovationsmedarbejder")
    page.goto("/enheden/indbakke/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Ensomhed blandt ældre efter tab af ægtefælle").first.click()
    assert_accessible(page)
    moderation = page.locator("form[action$='/moderer/']")
    moderation.get_by_label("Offentliggør").check()
    with page.expect_navigation():
        moderation.get_by_role("button").click()
    status = page.locator("form[action$='/status/']")
    status.get_by_label("Ny status").select_option("assessment")
    status.get_by_label(re.compile("Besked til")).fill(
        "Vi undersøger idéen sammen med Social og Sundhed."
    )
    with page.expect_navigation():
        status.get_by_role("button").click()
    expect(page.locator(".status-trail")).to_contain_text("Vi undersøger idéen")
    assert_accessible(page)

    # The submitter, without an account, is told by e-mail and sees the trail through the link.
    assert any("karen@example.dk" in m.to for m in mailoutbox[1:])
    page.context.clear_cookies()
    page.goto(link)
    expect(page.locator(".status-trail")).to_contain_text(
        "Vi undersøger idéen sammen med Social og Sundhed."
    )


def test_the_idea_form_cannot_be_sent_twice_while_it_is_on_its_way(page, login):
    login(page, "borger")
    page.goto("/ideer/ny/")
    form = page.locator("main form")
    form.get_by_label("Titel", exact=True).fill("Bænke langs stien ved søen")
    form.get_by_label("Beskriv det").fill("Ældre kan ikke gå hele turen uden at hvile.")
    # Hold the request on its way, as a slow connection would.
    page.evaluate(
        "document.querySelector('form[data-submit-once]')"
        ".addEventListener('submit', (event) => event.preventDefault())"
    )
    form.get_by_role("button", name="Send idéen").click()
    sending = form.locator("button[type=submit]")
    expect(sending).to_be_disabled()
    expect(sending).to_have_text("Sender idéen …")
    expect(form).to_have_attribute("aria-busy", "true")
    assert not Idea.objects.filter(title="Bænke langs stien ved søen").exists()


def test_citizen_supports_comments_and_sees_own_ideas(page, login, assert_accessible):
    idea = (
        Idea.objects.filter(moderation="approved", audience="public", merged_into=None)
        .order_by("-support_count")
        .first()
    )
    login(page, "borger")
    page.goto(f"/ideer/{idea.pk}/")
    assert_accessible(page)
    support = page.locator("#support")
    before = int(support.locator(".h2").inner_text())
    support.get_by_role("button", name="Støt idéen").click()
    expect(support.locator(".h2")).to_have_text(str(before + 1))
    expect(support.get_by_role("button", name="Træk min støtte tilbage")).to_be_visible()

    page.get_by_label("Din kommentar").fill("Det vil gøre en stor forskel for min mor.")
    with page.expect_navigation():
        page.get_by_role("button", name="Kommentér").click()
    expect(page.locator("#comments-heading ~ .comment").last).to_contain_text(
        "stor forskel for min mor"
    )
    assert_accessible(page)

    page.goto("/mine-ideer/")
    expect(page.locator("main h2").first).to_be_visible()
    assert_accessible(page)
    page.goto("/ideer/?q=skole")
    assert_accessible(page)
    page.goto("/udfordringer/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main h2 a").first.click()
    assert_accessible(page)


def test_challenge_form_and_its_errors_are_accessible(page, login, assert_accessible):
    login(page, "innovationschef")
    page.goto("/udfordringer/ny/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    expect(page.locator("main .alert-error[role=alert]")).to_be_visible()
    assert_accessible(page)
    page.goto("/enheden/indbakke/")
    assert_accessible(page)


def test_older_comments_come_in_place_and_an_old_link_finds_its_comment(page, assert_accessible):
    idea = Idea.objects.filter(moderation="approved", audience="public", merged_into=None).first()
    author = User.objects.get(username="borger")
    start = timezone.now() - timedelta(days=10)
    comments = Comment.objects.bulk_create(
        Comment(
            idea=idea,
            author=author,
            body=f"Gammel kommentar {i}",
            created_at=start + timedelta(minutes=i),
        )
        for i in range(60)
    )
    page.goto(f"/ideer/{idea.pk}/")
    expect(page.get_by_text("Gammel kommentar 59")).to_be_visible()
    expect(page.get_by_text("Gammel kommentar 0", exact=True)).to_have_count(0)
    page.get_by_role("link", name="Ældre kommentarer").click()
    # The older threads come in above, in order, and the first of them has the focus.
    oldest = page.locator(f"#kommentar-{comments[0].pk}")
    expect(oldest).to_be_focused()
    texts = page.locator("#comments-heading ~ .comment > p:nth-child(2)").all_inner_texts()
    numbered = [int(t.rsplit(" ", 1)[1]) for t in texts if t.startswith("Gammel kommentar")]
    assert numbered == sorted(numbered)
    assert_accessible(page)

    # A link from before the conversation had pages: only the anchor, no page.
    page.goto("/")
    page.goto(f"/ideer/{idea.pk}/#kommentar-{comments[1].pk}")
    expect(page).to_have_url(re.compile(rf"\?kommentar={comments[1].pk}#kommentar-"))
    expect(page.locator(f"#kommentar-{comments[1].pk}")).to_be_visible()
