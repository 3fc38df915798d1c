"""Each person's front page ("Mit overblik"): the panels the apps register, for one viewer.

Like portfolio/gates.py and governance/briefs.py, this module holds the mechanism
and knows no app by name. Each app registers its panels from its AppConfig.ready()
(``samskab/<app>/frontpage.py``): the ideas app the ideas overdue for an answer, the
governance app the gates due before the forum's next meeting, and so on, so that the
apps that come later add theirs without the front page knowing them.

A panel says whom it is for (``applies``, a predicate on the user) and has a
``batch`` function that returns, for one viewer, at most ``limit`` items that need
that person now, whether there are more, and the address of the full list. Each
item links to where the work is done, and a batch shows only what the viewer may
open: it reads through the app's query filters and permission predicates. A batch
runs a fixed number of queries whatever the size of the data (fetch ``limit + 1``
rows to know whether there are more), so the page's query count is fixed per role.

What several panels need (the viewer's person, the organisation tree, the next
meeting) is read once per page through ``Viewer.once``.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from samskab.accounts import roles
from samskab.accounts.permissions import (
    is_citizen,
    is_committee_member,
    is_council_member,
    is_decision_maker,
    is_employee,
    is_unit_staff,
)
from samskab.core import fragments

LIMIT = 5  # items a panel shows; its "see all" link leads to the rest
NOTHING = _("Nothing needs you here now.")


@dataclass(frozen=True)
class Item:
    """One thing that needs the viewer, as a link to where it is done."""

    label: str
    url: str
    detail: str = ""  # a line of context: a status, a date, an area
    flag: str = ""  # a short warning in words ("Overdue"), never colour alone


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    primary: bool = False  # a button that calls to action ("Bring an idea"), else a link


@dataclass(frozen=True)
class Listing:
    """What a panel's batch returns for one viewer."""

    items: Sequence[Item] = ()
    more: bool = False  # there are more than the items shown
    see_all: str = ""  # the address of the full list, where there is one
    lead: str = ""  # a sentence above the items (the meeting's date and place)
    actions: Sequence[Link] = ()  # links above the items ("Bring an idea", the meeting pack)
    warnings: Sequence[Item] = ()  # shown as a warning above the items
    warning_title: str = ""
    empty: str = ""  # instead of the panel's own text when there are no items


@dataclass(frozen=True)
class Panel:
    key: str
    title: Promise
    position: int
    applies: Callable[[Any], bool]  # whom the panel is for: a predicate on the user
    batch: Callable[["Viewer", int], Listing | None]  # None: nothing for this viewer
    empty: Promise = NOTHING
    limit: int = LIMIT


@dataclass(frozen=True)
class Shown:
    """A panel with its listing, ready to render; or, from the cache, rendered already."""

    panel: Panel
    listing: Listing | None
    html: str = ""

    @property
    def empty_text(self) -> str:
        return self.listing.empty or str(self.panel.empty)


@dataclass
class Viewer:
    """The person the front page is for, and what the panels read once for all of them."""

    user: Any
    today: date
    now: datetime
    _memo: dict = field(default_factory=dict)

    @classmethod
    def of(cls, user) -> "Viewer":
        now = timezone.now()
        return cls(user=user, today=timezone.localdate(now), now=now)

    def once(self, key: str, read: Callable[[], Any]) -> Any:
        """``read()`` the first time ``key`` is asked for on this page, the same value after."""
        if key not in self._memo:
            self._memo[key] = read()
        return self._memo[key]

    @property
    def person(self):
        """The viewer's person record, or None (one query, once)."""

        def read():
            from django.core.exceptions import ObjectDoesNotExist

            try:
                return self.user.person
            except ObjectDoesNotExist:
                return None

        return self.once("person", read)


_REGISTRY: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    """Add a panel, or take the place of the one with the same key."""
    _REGISTRY[panel.key] = panel
    return panel


def panels() -> list[Panel]:
    return sorted(_REGISTRY.values(), key=lambda panel: (panel.position, panel.key))


def shown_to(viewer: Viewer) -> list[Shown]:
    """The panels for the viewer, in order, each with its bounded listing."""
    shown = []
    for panel in panels():
        if not panel.applies(viewer.user):
            continue
        listing = panel.batch(viewer, panel.limit)
        if listing is not None:
            shown.append(Shown(panel, listing))
    return shown


def rendered_for(viewer: Viewer) -> list[Shown]:
    """``shown_to``, each panel rendered, and kept in the cache until the data changes
    (``core.fragments``): a panel is built again only when something was written since,
    or the day changed. A panel that shows nothing for the viewer is kept as such."""
    applicable = [panel for panel in panels() if panel.applies(viewer.user)]
    now = fragments.base()
    keys = {
        panel.key: fragments.key("frontpage", panel.key, viewer.user.pk, now=now)
        for panel in applicable
    }
    found = cache.get_many(list(keys.values()))
    new = {}
    shown = []
    for panel in applicable:
        key = keys[panel.key]
        if key in found:
            if found[key]:
                shown.append(Shown(panel, None, mark_safe(found[key])))  # noqa: S308 - rendered here
            continue
        listing = panel.batch(viewer, panel.limit)
        if listing is None:
            new[key] = ""
            continue
        html = render_to_string(
            "dashboards/frontpage/panel.html",
            {"panel": panel, "listing": listing, "shown": Shown(panel, listing)},
        )
        new[key] = html
        shown.append(Shown(panel, listing, html))
    if new:
        cache.set_many(new, fragments.TIMEOUT)
    return shown


def bounded(rows, limit: int) -> tuple[list, bool]:
    """The first ``limit`` of ``rows`` (a queryset: read ``limit + 1`` in one query) and
    whether there are more."""
    found = list(rows[: limit + 1])
    return found[:limit], len(found) > limit


# Whom panels are for ------------------------------------------------------------------


def _groups(user) -> set[str]:
    """The user's role groups, read once per request (the cache the role predicates share)."""
    if not hasattr(user, "_group_names_cache"):
        user._group_names_cache = set(user.groups.values_list("name", flat=True))
    return user._group_names_cache


def for_unit(user) -> bool:
    """The innovation unit: its staff, the chief (and administrators, who may do all)."""
    return bool(is_unit_staff(user))


def for_chief(user) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or roles.INNOVATIONSCHEF in _groups(user))
    )


def for_board(user) -> bool:
    """Direktion and chefforum, who decide on the portfolio."""
    return bool(is_decision_maker(user))


def for_forum_member(user) -> bool:
    """Members of a forum that meets: direktion, chefforum, the committee, the council."""
    return bool(is_decision_maker(user) or is_committee_member(user) or is_council_member(user))


def for_area_manager(user) -> bool:
    """Area managers (by their role, not an administrator's rights: they have no area)."""
    return bool(user.is_authenticated and roles.OMRAADELEDER in _groups(user))


def for_own_work(user) -> bool:
    """Citizens and employees without a desk of their own in Samskab (the unit, the board,
    an area): their front page is their own ideas, tasks and learning."""
    if not user.is_authenticated or not (is_citizen(user) or is_employee(user)):
        return False
    return not (for_unit(user) or for_board(user) or for_area_manager(user))


def for_own_tasks(user) -> bool:
    """Employees among ``for_own_work``: they may open the tasks they work on."""
    return for_own_work(user) and bool(is_employee(user))


def for_citizen(user) -> bool:
    return for_own_work(user) and bool(is_citizen(user))
