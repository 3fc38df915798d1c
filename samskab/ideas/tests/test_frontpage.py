"""The ideas app's panels on the front page: each shows what needs the person, and only that."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.dashboards.testing import front_page, item, labels
from samskab.ideas import services
from samskab.ideas.models import Audience, Comment, CommentReport, Follow, Idea
from samskab.organisation.models import OrgUnit

UNIT_PANELS = {"ideas-overdue", "ideas-to-publish", "reported-comments", "help-requests"}


@pytest.fixture
def long_ago():
    return timezone.now() - timedelta(days=60)


# The innovation unit's inbox --------------------------------------------------------


def test_unit_sees_ideas_overdue_for_an_answer_and_not_recent_or_answered_ones(
    client, personas, make_idea, long_ago
):
    overdue = make_idea(title="Venter for længe", status_changed_at=long_ago)
    make_idea(title="Lige kommet")
    make_idea(
        title="Besvaret for længe siden",
        status=Idea.Status.ANSWERED,
        answer=Idea.Answer.DECLINED,
        status_changed_at=long_ago,
    )
    make_idea(title="Ikke bekræftet", confirmed_at=None, status_changed_at=long_ago)

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["ideas-overdue"]

    assert labels(panel) == ["Venter for længe"]
    assert item(panel, "Venter for længe").url == reverse("ideas:idea-detail", args=[overdue.pk])
    assert panel.see_all == reverse("ideas:unit-inbox") + "#overdue-heading"


def test_unit_sees_new_ideas_to_publish_only_with_consent_and_confirmed(
    client, personas, make_idea
):
    make_idea(title="Klar til at blive udgivet", moderation=Idea.Moderation.PENDING)
    make_idea(title="Allerede udgivet")
    make_idea(title="Uden samtykke", moderation=Idea.Moderation.PENDING, consent_to_publish=False)
    make_idea(title="Ikke bekræftet", moderation=Idea.Moderation.PENDING, confirmed_at=None)

    panel = front_page(client, personas[roles.INNOVATIONSCHEF])["ideas-to-publish"]

    assert labels(panel) == ["Klar til at blive udgivet"]
    assert panel.see_all.endswith("#pending-heading")


def test_unit_sees_reported_comments_until_the_report_is_resolved(client, personas, make_idea):
    idea = make_idea(title="Idé med debat")
    citizen = personas[roles.BORGER]
    reported = Comment.objects.create(idea=idea, author=citizen, body="Grim kommentar")
    resolved = Comment.objects.create(idea=idea, author=citizen, body="Afgjort kommentar")
    Comment.objects.create(idea=idea, author=citizen, body="Pæn kommentar")
    services.comment_report(comment=reported, reporter=personas[roles.MEDARBEJDER], reason="x")
    CommentReport.objects.create(
        comment=resolved, reporter=personas[roles.MEDARBEJDER], reason="x", resolved=True
    )

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["reported-comments"]

    assert labels(panel) == ["Grim kommentar"]
    assert panel.items[0].url == reported.get_absolute_url()  # the comment in its conversation


def test_unit_sees_help_requests_until_the_idea_is_answered(client, personas, make_idea):
    make_idea(title="Vil gerne have hjælp", wants_help=True)
    make_idea(
        title="Besvaret med sparring",
        wants_help=True,
        status=Idea.Status.ANSWERED,
        answer=Idea.Answer.SPARRING,
    )
    make_idea(title="Klarer sig selv")

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["help-requests"]

    assert labels(panel) == ["Vil gerne have hjælp"]


def test_a_panel_shows_five_and_says_there_are_more(client, personas, make_idea, long_ago):
    for i in range(7):
        make_idea(title=f"Idé {i}", status_changed_at=long_ago + timedelta(minutes=i))

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["ideas-overdue"]

    assert labels(panel) == [f"Idé {i}" for i in range(5)]  # the longest waiting first
    assert panel.more


@pytest.mark.parametrize(
    "role", [roles.BORGER, roles.MEDARBEJDER, roles.OMRAADELEDER, roles.DIREKTION]
)
def test_the_inbox_panels_are_the_units_only(client, personas, make_idea, long_ago, role):
    make_idea(title="Venter for længe", status_changed_at=long_ago, wants_help=True)

    assert not UNIT_PANELS & set(front_page(client, personas[role]))


# A person's own ideas -----------------------------------------------------------------


def test_citizen_sees_own_ideas_with_their_status_and_is_invited_to_bring_one(
    client, personas, make_idea
):
    citizen = personas[roles.BORGER]
    make_idea(
        title="Min idé", author=citizen, status=Idea.Status.ANSWERED, answer=Idea.Answer.PARKED
    )
    make_idea(title="Min nye idé", author=citizen, moderation=Idea.Moderation.PENDING)
    make_idea(title="En andens idé", author=personas[roles.MEDARBEJDER])

    panel = front_page(client, citizen)["my-ideas"]

    assert set(labels(panel)) == {"Min idé", "Min nye idé"}
    assert item(panel, "Min idé").detail == "Parkeret"
    assert "afventer offentliggørelse" in item(panel, "Min nye idé").detail
    assert panel.see_all == reverse("ideas:my-ideas")
    assert [(a.url, a.primary) for a in panel.actions] == [(reverse("ideas:idea-create"), True)]


def test_employee_sees_own_ideas_too(client, personas, make_idea):
    make_idea(title="Medarbejderens idé", author=personas[roles.MEDARBEJDER])

    assert labels(front_page(client, personas[roles.MEDARBEJDER])["my-ideas"]) == [
        "Medarbejderens idé"
    ]


def test_citizen_sees_the_ideas_of_others_they_follow_and_may_open(client, personas, make_idea):
    citizen = personas[roles.BORGER]
    followed = make_idea(title="Fulgt idé")
    hidden = make_idea(title="Skjult siden")
    internal = make_idea(title="Kun for medarbejdere", audience=Audience.INTERNAL)
    own = make_idea(title="Egen idé", author=citizen)
    make_idea(title="Ikke fulgt")
    for idea in (followed, hidden, internal, own):
        Follow.objects.create(idea=idea, user=citizen)
    Idea.objects.filter(pk=hidden.pk).update(moderation=Idea.Moderation.HIDDEN)

    panel = front_page(client, citizen)["followed-ideas"]

    assert labels(panel) == ["Fulgt idé"]
    assert panel.see_all == reverse("ideas:followed")


def test_the_followed_ideas_page_lists_what_the_panel_leads_to(client, personas, make_idea):
    citizen = personas[roles.BORGER]
    for title in ("Fulgt idé", "Egen idé"):
        idea = make_idea(title=title, author=citizen if title == "Egen idé" else None)
        Follow.objects.create(idea=idea, user=citizen)
    make_idea(title="Ikke fulgt")
    client.force_login(citizen)

    response = client.get(reverse("ideas:followed"))

    assert response.status_code == 200
    assert [f.idea.title for f in response.context["page_obj"]] == ["Fulgt idé"]
    assert "Ikke fulgt" not in response.content.decode()


def test_employee_has_no_followed_ideas_panel(client, personas):
    assert "followed-ideas" not in front_page(client, personas[roles.MEDARBEJDER])


# An area manager ------------------------------------------------------------------------


def test_area_manager_sees_the_published_ideas_of_their_area(client, personas, make_idea, unit):
    area = unit.parent
    other = OrgUnit.objects.create(
        name="Social og Sundhed", kind=OrgUnit.Kind.AREA, parent=area.parent
    )
    for title, where, fields in [
        ("Områdets idé", area, {}),
        ("Områdets interne idé", area, {"audience": Audience.INTERNAL}),
        ("Områdets uudgivne idé", area, {"moderation": Idea.Moderation.PENDING}),
        ("Et andet områdes idé", other, {}),
    ]:
        make_idea(title=title, **fields).areas.set([where])

    panel = front_page(client, personas[roles.OMRAADELEDER])["area-ideas"]

    assert set(labels(panel)) == {"Områdets idé", "Områdets interne idé"}
    assert panel.see_all == reverse("ideas:idea-list") + f"?omraade={area.pk}"
    assert panel.lead == area.name


def test_the_followed_ideas_page_runs_a_fixed_number_of_queries(client, personas, make_idea):
    citizen = personas[roles.BORGER]
    client.force_login(citizen)

    def grow(n):
        for i in range(n):
            Follow.objects.create(idea=make_idea(title=f"Idé {i}-{n}"), user=citizen)

    def count() -> int:
        with CaptureQueriesContext(connection) as run:
            response = client.get(reverse("ideas:followed"))
        assert response.status_code == 200
        return len(run)

    grow(1)
    few = count()
    grow(6)
    assert count() == few
