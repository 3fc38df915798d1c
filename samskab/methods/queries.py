"""Reads of the method library shared by its pages, the task page's panel and the story.

Each reads in a fixed number of queries whatever the number of cards, uses or versions.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from samskab.portfolio.models import InnovationTask

from . import search
from .models import Method, MethodUse, Term

SUGGESTIONS = 5
VERSIONS_SHOWN = 50
USES_SHOWN = 50


def readable_methods(user) -> QuerySet:
    """The cards ``user`` may read: every card when logged in, the public ones otherwise."""
    methods = Method.objects.all()
    if not user.has_perm("methods.view_all_methods"):
        methods = methods.filter(is_public=True)
    return methods


def library(
    user, *, text: str = "", phase: int | None = None, competency: int | None = None
) -> list[Method]:
    """The cards a reader may read that match the words and filters, best match or title first.

    Two queries (three with words): the cards, their competencies (and the search). The
    library is small (tens of cards), so it is read whole and paged in memory.
    """
    methods = readable_methods(user)
    if phase:
        methods = methods.filter(phases__contains=str(phase))
    if competency:
        methods = methods.filter(competencies=competency)
    methods = methods.prefetch_related(
        Prefetch("competencies", to_attr="competency_list")
    ).order_by("title", "pk")
    if not text:
        return list(methods)
    ranked = search.search(methods, text)
    if not ranked:
        return []
    found = {method.pk: method for method in methods.filter(pk__in=ranked)}
    return [found[pk] for pk in ranked if pk in found]


def uses_of(task: InnovationTask) -> list[MethodUse]:
    """The methods the task used, oldest first: read once per task object, so the task
    page's panel and its story share the one query."""
    if not hasattr(task, "_method_uses"):
        task._method_uses = list(
            MethodUse.objects.filter(task=task)
            .select_related("method", "recorded_by__person")
            .order_by("used_on", "pk")
        )
    return task._method_uses


def suggestions(task: InnovationTask, *, limit: int = SUGGESTIONS) -> list[Method]:
    """Cards serving the task's current phase: those the task has not used first, then the
    most used, then the best rated. One query, besides the task's uses (``uses_of``)."""
    used = {use.method_id for use in uses_of(task)}
    candidates = list(Method.objects.filter(phases__contains=str(task.phase)))
    candidates.sort(
        key=lambda method: (
            method.pk in used,
            -method.use_count,
            -(method.average_rating or 0),
            method.title,
        )
    )
    return candidates[:limit]


def uses_of_method(method: Method, user) -> list[MethodUse]:
    """Where the card was used, newest first: only on tasks the reader may see."""
    if not user.has_perm("methods.view_uses"):
        return []
    uses = (
        MethodUse.objects.filter(method=method)
        .select_related("task")
        .order_by("-used_on", "-pk")[:USES_SHOWN]
    )
    return [use for use in uses if user.has_perm("portfolio.view_task", use.task)]


@dataclass(frozen=True)
class Version:
    number: int
    when: object
    who: object  # the user who saved it, or None
    created: bool
    changes: tuple  # (field's name, old, new)


def _shown(record, name: str):
    value = getattr(record, name)
    if name == "phases":
        return ", ".join(value or "")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def versions(method: Method, *, limit: int = VERSIONS_SHOWN) -> tuple[int, list[Version]]:
    """The card's versions, newest first, each with what changed from the one before.

    Two queries: the number of versions and the newest ``limit`` (+1, to diff the last).
    """
    count = method.history.count()
    records = list(
        method.history.select_related("history_user__person").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    shown = []
    for index, (newer, older) in enumerate(zip(records, [*records[1:], None], strict=False)):
        changes = ()
        if older is not None:
            changes = tuple(
                (
                    Method._meta.get_field(change.field).verbose_name,
                    _shown(older, change.field),
                    _shown(newer, change.field),
                )
                for change in newer.diff_against(older).changes
                if change.field != "updated_at"
            )
        shown.append(
            Version(
                number=count - index,
                when=newer.history_date,
                who=newer.history_user,
                created=newer.history_type == "+",
                changes=changes,
            )
        )
    return count, shown[:limit]


def latest_version(method: Method):
    """The number of the card's current version and its record (who saved it, when)."""
    count = method.history.count()
    record = (
        method.history.select_related("history_user__person")
        .order_by("-history_date", "-history_id")
        .first()
    )
    return count, record


def glossary() -> list[Term]:
    """Every term with its "see also", in two queries."""
    return list(
        Term.objects.prefetch_related(
            Prefetch("see_also", queryset=Term.objects.order_by("term"), to_attr="see_also_list")
        ).order_by("term", "pk")
    )
