import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles
from samskab.ideas import services
from samskab.ideas.models import Attachment, ChallengeQuestion, Comment, Idea, Support
from samskab.ideas.search import index_ideas

XSS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">klik</a>',
]


@pytest.mark.parametrize("payload", XSS)
def test_what_users_type_is_shown_as_text_never_run(client, personas, make_idea, payload):
    idea = make_idea(
        title=f"Titel {payload}", description=f"Tekst {payload}", beneficiaries=payload
    )
    services.comment_add(idea=idea, author=personas[roles.BORGER], body=f"Kommentar {payload}")
    index_ideas([idea.pk])
    pages = [
        client.get(reverse("ideas:idea-detail", args=[idea.pk])),
        client.get(reverse("ideas:idea-list")),
        client.get(reverse("ideas:idea-list"), {"q": "Titel"}),
    ]
    for response in pages:
        body = response.content.decode()
        if "<" in payload:
            assert payload not in body  # markup arrives escaped, as text
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert "<svg/onload" not in body
        assert 'href="javascript:' not in body


def test_links_in_text_become_links_and_line_breaks_stay(client, make_idea):
    idea = make_idea(description="Se https://gentofte.dk/ideer\nNy linje")
    body = client.get(reverse("ideas:idea-detail", args=[idea.pk])).content.decode()
    assert (
        '<a href="https://gentofte.dk/ideer" rel="nofollow">https://gentofte.dk/ideer</a><br>Ny linje'
        in body
    )


PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def idea_post(**extra):
    data = {
        "kind": "idea",
        "title": "Havnebad",
        "description": "Et lille havnebad.",
        "consent_to_publish": "on",
    }
    data.update(extra)
    return data


def test_a_pdf_attachment_is_kept_and_downloadable_by_those_who_see_the_idea(
    client, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas[roles.BORGER])
    upload = SimpleUploadedFile("skitse.pdf", PDF, content_type="application/pdf")
    client.post(reverse("ideas:idea-create"), idea_post(attachments=[upload]))
    attachment = Attachment.objects.get()
    assert attachment.name == "skitse.pdf"
    assert "skitse" not in attachment.file.name  # stored under a random name
    download = client.get(reverse("ideas:attachment-download", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    client.logout()
    assert client.get(reverse("ideas:attachment-download", args=[attachment.pk])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "cannot be attached"),
        ("falsk.pdf", b"<html>not a pdf</html>", "does not look like"),
        ("side.html", b"<script>alert(1)</script>", "cannot be attached"),
    ],
)
def test_disallowed_uploads_are_refused_and_the_form_is_kept(
    client, personas, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas[roles.BORGER])
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        reverse("ideas:idea-create") + "?x",
        idea_post(attachments=[upload]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body or "kan ikke vedhæftes" in body or "ligner ikke" in body
    assert "Et lille havnebad." in body
    assert not Idea.objects.exists()


def test_an_oversized_upload_is_refused_in_danish(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SAMSKAB_UPLOAD_MAX_BYTES = 1000
    client.force_login(personas[roles.BORGER])
    upload = SimpleUploadedFile("stor.pdf", PDF + b"0" * 2000)
    response = client.post(reverse("ideas:idea-create"), idea_post(attachments=[upload]))
    assert "er for stor" in response.content.decode()
    assert not Idea.objects.exists()


def test_challenge_questions_appear_on_the_form_and_private_answers_stay_private(
    client, personas, challenge
):
    private = ChallengeQuestion.objects.create(
        challenge=challenge,
        label="Dit telefonnummer?",
        kind=ChallengeQuestion.Kind.SHORT_TEXT,
        public=False,
    )
    public = ChallengeQuestion.objects.create(
        challenge=challenge,
        label="Har du prøvet det?",
        kind=ChallengeQuestion.Kind.YES_NO,
        required=True,
    )
    client.force_login(personas[roles.BORGER])
    form_page = client.get(
        reverse("ideas:idea-create"), {"udfordring": challenge.pk}
    ).content.decode()
    assert "Dit telefonnummer?" in form_page
    fragment = client.get(
        reverse("ideas:idea-create"), {"challenge": challenge.pk}, headers={"HX-Request": "true"}
    ).content.decode()
    assert "Har du prøvet det?" in fragment and "<html" not in fragment
    client.post(
        reverse("ideas:idea-create"),
        idea_post(
            challenge=challenge.pk, **{f"svar_{private.pk}": "12345678", f"svar_{public.pk}": "yes"}
        ),
    )
    idea = Idea.objects.get()
    services.idea_moderate(idea=idea, approve=True, by=personas[roles.INNOVATIONSENHED])
    client.force_login(personas[roles.MEDARBEJDER])
    page = client.get(reverse("ideas:idea-detail", args=[idea.pk])).content.decode()
    assert "Har du prøvet det?" in page
    assert "12345678" not in page
    client.force_login(personas[roles.INNOVATIONSENHED])
    assert "12345678" in client.get(reverse("ideas:idea-detail", args=[idea.pk])).content.decode()


def test_my_ideas_shows_each_idea_and_its_latest_message(client, personas):
    citizen = personas[roles.BORGER]
    idea = services.idea_submit(idea=Idea(title="Min idé", description="Tekst"), author=citizen)
    services.idea_change_status(
        idea=idea,
        status="assessment",
        message="Vi vurderer den nu",
        by=personas[roles.INNOVATIONSENHED],
    )
    client.force_login(citizen)
    body = client.get(reverse("ideas:my-ideas")).content.decode()
    assert "Min idé" in body
    assert "Vi vurderer den nu" in body


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def many_ideas(make_idea, personas, n):
    users = [u for u in personas.values() if u]
    for i in range(n):
        idea = make_idea(title=f"Idé nummer {i}", support_count=i % 7, comment_count=i % 3)
        Support.objects.create(idea=idea, user=users[i % len(users)])


@pytest.mark.parametrize(
    "params",
    [{}, {"sorter": "mest-stoettede"}, {"type": "idea", "status": "received"}, {"q": "nummer"}],
)
def test_idea_list_queries_do_not_grow_with_the_number_of_ideas(
    client, personas, make_idea, params
):
    many_ideas(make_idea, personas, 5)
    index_ideas(Idea.objects.values_list("pk", flat=True))
    few = count_queries(client, reverse("ideas:idea-list"), params)
    many_ideas(make_idea, personas, 120)
    index_ideas(Idea.objects.values_list("pk", flat=True))
    many = count_queries(client, reverse("ideas:idea-list"), params)
    assert few == many
    assert many <= 6


def test_the_list_pages_through_every_idea_exactly_once(client, make_idea):
    created = {make_idea(title=f"Idé {i}", support_count=i % 4).pk for i in range(60)}
    for sort in ("nyeste", "mest-stoettede", "mest-debatterede"):
        seen, params = [], {"sorter": sort}
        while True:
            response = client.get(reverse("ideas:idea-list"), params)
            seen += [idea.pk for idea in response.context["ideas"]]
            cursor = response.context["page"].next_cursor
            if not cursor:
                break
            params = {"sorter": sort, "efter": cursor}
        assert sorted(seen) == sorted(created), sort


def test_idea_page_queries_do_not_grow_with_comments(client, personas, make_idea):
    idea = make_idea()
    users = [u for u in personas.values() if u]
    client.force_login(personas[roles.INNOVATIONSENHED])

    def add_comments(n):
        for i in range(n):
            parent = Comment.objects.create(
                idea=idea, author=users[i % len(users)], body=f"Kommentar {i}"
            )
            Comment.objects.create(
                idea=idea, author=users[(i + 1) % len(users)], body="Svar", parent=parent
            )

    add_comments(2)
    url = reverse("ideas:idea-detail", args=[idea.pk])
    few = count_queries(client, url)
    add_comments(60)
    many = count_queries(client, url)
    assert few == many


def test_unit_inbox_queries_do_not_grow(client, personas, make_idea):
    client.force_login(personas[roles.INNOVATIONSENHED])

    def add(i):
        idea = make_idea(moderation=Idea.Moderation.PENDING, wants_help=True, title=f"Idé {i}")
        comment = services.comment_add(idea=idea, author=personas[roles.BORGER], body="Hm")
        services.comment_report(
            comment=comment, reporter=personas[roles.MEDARBEJDER], reason="Grim"
        )

    add(0)
    few = count_queries(client, reverse("ideas:unit-inbox"))
    for i in range(1, 40):
        add(i)
    many = count_queries(client, reverse("ideas:unit-inbox"))
    assert few == many
