"""The main menu: what each role may use, in the order it is shown."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: Promise
    url_name: str
    perm: str | None = None  # a rules permission; None means everyone


NAVIGATION = (
    NavItem(_("Front page"), "core:home"),
    NavItem(_("Ideas"), "ideas:idea-list"),
    NavItem(_("Challenges"), "ideas:challenge-list"),
    NavItem(_("Catalogue"), "catalogue:entry-list"),
    NavItem(_("Innovation house"), "house:house"),
    NavItem(_("Events"), "events:event-list"),
    NavItem(_("Methods"), "methods:method-list"),
    NavItem(_("My ideas"), "ideas:my-ideas", "ideas.view_my_ideas"),
    NavItem(_("Inbox"), "ideas:unit-inbox", "ideas.view_unit_inbox"),
    NavItem(_("Assessment"), "portfolio:assessment-list", "portfolio.view_assessments"),
    NavItem(_("Sparring"), "portfolio:sparring-list", "portfolio.view_sparring_queue"),
    NavItem(_("Portfolio"), "portfolio:board", "portfolio.view_portfolio"),
    NavItem(_("Meetings"), "governance:meeting-list", "governance.view_meetings"),
    NavItem(_("Decisions"), "governance:decision-list", "governance.view_decisions"),
    NavItem(_("Overview"), "benefits:rollup", "benefits.view_rollup"),
    NavItem(_("Funnel and flow"), "dashboards:funnel", "dashboards.view_funnel"),
    NavItem(_("Finance"), "finance:budget", "finance.view_budget"),
    NavItem(_("Capacity"), "teams:capacity", "teams.view_capacity"),
    NavItem(_("Partners"), "network:organisation-list", "network.view_partners"),
    NavItem(_("People"), "organisation:person-list", "organisation.view_person_directory"),
    NavItem(_("Organisation"), "organisation:orgunit-list", "organisation.view_orgunit"),
    NavItem(_("Competencies"), "organisation:competency-list", "organisation.view_competency"),
    NavItem(_("My profile"), "organisation:profile", "organisation.edit_own_profile"),
    NavItem(_("Administration"), "admin:index", "core.use_admin"),
)


def navigation_for(request) -> list[dict]:
    """The menu items the requesting user may use, with the current one marked.

    The current item is the one whose address the page's begins with, the longest
    if several do (/overblik/tragt/ is "Funnel and flow", not "Overview").
    """
    items = []
    for item in NAVIGATION:
        if item.perm and not request.user.has_perm(item.perm):
            continue
        url = reverse(item.url_name)
        home = item.url_name == "core:home"
        matches = request.path == url if home else request.path.startswith(url)
        items.append({"label": item.label, "url": url, "current": matches})
    longest = max((len(item["url"]) for item in items if item["current"]), default=0)
    for item in items:
        item["current"] = item["current"] and len(item["url"]) == longest
    return items
