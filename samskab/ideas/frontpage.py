"""The front page's panels of the ideas app.

For the innovation unit, the four parts of its inbox: ideas overdue for an answer,
new ideas to publish, reported comments and help requests. For citizens and
employees: their own ideas with their status (and a clear "Bring an idea"), and
the ideas a citizen follows. For an area manager: the area's ideas.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.dashboards import frontpage
from samskab.dashboards.frontpage import Item, Link, Listing, Viewer
from samskab.organisation.queries import placement_for

from . import queries
from .models import Comment, CommentReport, Idea

FIELDS = ("id", "title", "status", "answer", "created_at", "status_changed_at")


def _date(moment) -> str:
    return formats.date_format(timezone.localtime(moment).date())


def _status(idea: Idea) -> str:
    return idea.get_answer_display() if idea.answer else idea.get_status_display()


def _idea_url(idea: Idea) -> str:
    return reverse("ideas:idea-detail", args=[idea.pk])


def _inbox(section: str) -> str:
    return reverse("ideas:unit-inbox") + f"#{section}-heading"


# The innovation unit's inbox --------------------------------------------------------


def _overdue(viewer: Viewer, limit: int) -> Listing:
    ideas, more = frontpage.bounded(queries.overdue_ideas().only(*FIELDS), limit)
    return Listing(
        items=[
            Item(
                idea.title,
                _idea_url(idea),
                _("%(status)s since %(date)s")
                % {"status": _status(idea), "date": _date(idea.status_changed_at)},
            )
            for idea in ideas
        ],
        more=more,
        see_all=_inbox("overdue"),
    )


def _to_publish(viewer: Viewer, limit: int) -> Listing:
    ideas, more = frontpage.bounded(queries.awaiting_moderation().only(*FIELDS), limit)
    return Listing(
        items=[
            Item(
                idea.title,
                _idea_url(idea),
                _("Came in %(date)s") % {"date": _date(idea.created_at)},
            )
            for idea in ideas
        ],
        more=more,
        see_all=_inbox("pending"),
    )


def _reported(viewer: Viewer, limit: int) -> Listing:
    comments, more = frontpage.bounded(
        Comment.objects.filter(
            pk__in=CommentReport.objects.filter(resolved=False).values("comment_id")
        )
        .select_related("idea")
        .only("id", "body", "idea_id", "report_count", "created_at", "idea__title")
        .order_by("-report_count", "created_at", "id"),
        limit,
    )
    return Listing(
        items=[
            Item(
                Truncator(comment.body).words(12),
                comment.get_absolute_url(),
                _("On “%(title)s”") % {"title": comment.idea.title},
            )
            for comment in comments
        ],
        more=more,
        see_all=_inbox("reported"),
    )


def _help(viewer: Viewer, limit: int) -> Listing:
    ideas, more = frontpage.bounded(queries.help_requests().only(*FIELDS), limit)
    return Listing(
        items=[
            Item(
                idea.title,
                _idea_url(idea),
                _("Came in %(date)s · %(status)s")
                % {"status": _status(idea), "date": _date(idea.created_at)},
            )
            for idea in ideas
        ],
        more=more,
        see_all=_inbox("help"),
    )


# A person's own ---------------------------------------------------------------------


def _mine(viewer: Viewer, limit: int) -> Listing:
    ideas, more = frontpage.bounded(
        Idea.objects.filter(author=viewer.user)
        .only(*FIELDS, "moderation", "consent_to_publish")
        .order_by("-created_at", "-id"),
        limit,
    )
    items = []
    for idea in ideas:
        detail = _status(idea)
        if idea.moderation == Idea.Moderation.PENDING and idea.consent_to_publish:
            detail = _("%(status)s · awaiting publication") % {"status": detail}
        items.append(Item(idea.title, _idea_url(idea), detail))
    return Listing(
        items=items,
        more=more,
        see_all=reverse("ideas:my-ideas"),
        actions=[Link(_("Bring an idea"), reverse("ideas:idea-create"), primary=True)],
    )


def _followed(viewer: Viewer, limit: int) -> Listing:
    follows, more = frontpage.bounded(queries.followed_by(viewer.user), limit)
    return Listing(
        items=[Item(f.idea.title, _idea_url(f.idea), _status(f.idea)) for f in follows],
        more=more,
        see_all=reverse("ideas:followed"),
    )


def _area(viewer: Viewer, limit: int) -> Listing | None:
    placement = placement_for(viewer)
    if placement is None or placement.area is None:
        return Listing(empty=_("Your profile has no area; ask the innovation unit."))
    area = placement.area
    ideas, more = frontpage.bounded(
        queries.published_ideas(viewer.user)
        .filter(areas=area)
        .only(*FIELDS)
        .order_by("-created_at", "-id"),
        limit,
    )
    return Listing(
        items=[
            Item(
                idea.title,
                _idea_url(idea),
                _("Came in %(date)s · %(status)s")
                % {"status": _status(idea), "date": _date(idea.created_at)},
            )
            for idea in ideas
        ],
        more=more,
        see_all=reverse("ideas:idea-list") + f"?omraade={area.pk}",
        lead=area.name,
    )


def register() -> None:
    for panel in (
        frontpage.Panel(
            "my-ideas",
            gettext_lazy("My ideas"),
            10,
            frontpage.for_own_work,
            _mine,
            empty=gettext_lazy("You have not brought any ideas yet."),
        ),
        frontpage.Panel(
            "followed-ideas",
            gettext_lazy("Ideas I follow"),
            20,
            frontpage.for_citizen,
            _followed,
            empty=gettext_lazy(
                "You follow no one else's ideas yet. Follow an idea to hear about its comments and answers."
            ),
        ),
        frontpage.Panel(
            "ideas-overdue",
            gettext_lazy("Ideas overdue for an answer"),
            100,
            frontpage.for_unit,
            _overdue,
            empty=gettext_lazy("No idea is overdue."),
        ),
        frontpage.Panel(
            "ideas-to-publish",
            gettext_lazy("New ideas to publish"),
            110,
            frontpage.for_unit,
            _to_publish,
            empty=gettext_lazy("No ideas await publication."),
        ),
        frontpage.Panel(
            "reported-comments",
            gettext_lazy("Reported comments"),
            120,
            frontpage.for_unit,
            _reported,
            empty=gettext_lazy("No reported comments."),
        ),
        frontpage.Panel(
            "help-requests",
            gettext_lazy("Help requests"),
            130,
            frontpage.for_unit,
            _help,
            empty=gettext_lazy("Nobody is waiting for help."),
        ),
        frontpage.Panel(
            "area-ideas",
            gettext_lazy("The area's ideas"),
            410,
            frontpage.for_area_manager,
            _area,
            empty=gettext_lazy("No published ideas for the area yet."),
        ),
    ):
        frontpage.register(panel)
