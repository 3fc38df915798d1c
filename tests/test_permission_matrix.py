"""Every URL of Samskab for every persona, with the status it must answer.

A URL of the project's own that has no row here fails the suite, so that no
page is added without deciding who may see it. docs/permissions.md mirrors
this table.
"""

import json
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.api import services as api_services
from samskab.benefits import services as benefit_services
from samskab.benefits.models import BenefitLine, BenefitRealisation
from samskab.catalogue import services as catalogue_services
from samskab.catalogue.models import CatalogueEntry, ExternalEntry, Subscription
from samskab.core.testing import PERSONAS
from samskab.events import services as event_services
from samskab.events.models import Event
from samskab.evidence.models import Experiment, Measurement
from samskab.finance import services_budget as finance_services
from samskab.finance.models import (
    Application,
    BudgetLine,
    BusinessCase,
    Expense,
    Funding,
    FundingSource,
    GrantReport,
)
from samskab.governance.models import Decision, Forum, Meeting
from samskab.ideas.models import Attachment, Challenge, Comment, Idea
from samskab.ideas.services import confirmation_token
from samskab.methods import services as method_services
from samskab.methods.models import Method, Term
from samskab.network import services as network_services
from samskab.network.models import Organisation, Partnership
from samskab.organisation.models import Competency, Person
from samskab.portfolio.models import (
    Assessment,
    AssessorAssignment,
    ExitCriterion,
    InnovationTask,
    SparringRequest,
    TaskProposal,
)
from samskab.portfolio.services import tasks as task_services
from samskab.spread import services as spread_services
from samskab.spread.models import Milestone, Uptake
from samskab.teams.models import (
    CompetencyNeed,
    Participation,
    Programme,
    ProgrammeCompetency,
    Session,
    TeamMembership,
)

LOGGED_IN = frozenset(PERSONAS) - {"anonymous"}
INTERNAL = frozenset(roles.EMPLOYEE_ROLES + roles.POLITICAL_ROLES)
UNIT_STAFF = frozenset({roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF, roles.ADMINISTRATOR})
ADMIN = frozenset({roles.ADMINISTRATOR})
EMPLOYEES = frozenset(roles.EMPLOYEE_ROLES)
CHIEF = frozenset({roles.INNOVATIONSCHEF, roles.ADMINISTRATOR})
MEETING_PARTICIPANTS = UNIT_STAFF | {
    roles.DIREKTION,
    roles.CHEFFORUM,
    roles.OPGAVEUDVALG,
    roles.KOMMUNALBESTYRELSE,
}
MEETING_ORGANISERS = UNIT_STAFF | {roles.DIREKTION, roles.CHEFFORUM}
RECORDERS = frozenset(
    {
        roles.DIREKTION,
        roles.CHEFFORUM,
        roles.OPGAVEUDVALG,
        roles.KOMMUNALBESTYRELSE,
        roles.INNOVATIONSCHEF,
        roles.ADMINISTRATOR,
    }
)
TEAM_RECORDERS = UNIT_STAFF | {roles.OMRAADELEDER, roles.MEDARBEJDER}
CHALLENGE_OWNERS = UNIT_STAFF | {roles.OMRAADELEDER}
ECONOMY_WRITERS = TEAM_RECORDERS | {roles.OEKONOMI}
REPORT_READERS = MEETING_PARTICIPANTS
SURVEY_EXPORTERS = UNIT_STAFF | {roles.DIREKTION}
BUDGET_READERS = UNIT_STAFF | {roles.OEKONOMI, roles.DIREKTION, roles.CHEFFORUM}
BUDGET_EDITORS = CHIEF | {roles.OEKONOMI}
APPLICATION_EDITORS = UNIT_STAFF | {roles.OEKONOMI}
CASE_WRITERS = UNIT_STAFF | {roles.OMRAADELEDER, roles.MEDARBEJDER, roles.OEKONOMI}


def expect(allowed, *, ok=200, anonymous=302, others=403) -> dict[str, int]:
    """``ok`` for the allowed personas, ``anonymous`` (a redirect to log in) and ``others``."""
    codes = {persona: ok if persona in allowed else others for persona in PERSONAS}
    if "anonymous" not in allowed:
        codes["anonymous"] = anonymous
    return codes


everyone = expect(PERSONAS)
# url name (with a [variant] for a second object) -> status per persona
MATRIX: dict[str, dict[str, int]] = {
    "healthz": everyone,
    "was": expect(PERSONAS, ok=301),
    "core:home": everyone,
    "core:accessibility": everyone,
    "core:privacy": everyone,
    "organisation:person-list": expect(INTERNAL),
    "organisation:person-create": expect(UNIT_STAFF),
    "organisation:person-detail": expect(INTERNAL, others=404),
    "organisation:person-detail[external]": expect(UNIT_STAFF, others=404),
    "organisation:person-edit": {**expect(UNIT_STAFF), "borger": 404},
    "organisation:person-edit[external]": expect(UNIT_STAFF, others=404),
    "organisation:profile": expect(LOGGED_IN),
    # Personal API keys, made and revoked on the profile; [other]: someone else's key.
    "api:token-create": expect(LOGGED_IN),
    "api:token-create@post": expect(LOGGED_IN),  # nothing posted: the form with its errors
    "api:token-revoke@post": expect({roles.MEDARBEJDER}, ok=302, others=404),
    "organisation:orgunit-list": expect(INTERNAL),
    "organisation:orgunit-detail": expect(INTERNAL),
    "organisation:orgunit-create": expect(ADMIN),
    "organisation:orgunit-edit": expect(ADMIN),
    "organisation:competency-list": expect(INTERNAL),
    "organisation:competency-create": expect(ADMIN),
    "organisation:competency-edit": expect(ADMIN),
    "notifications:settings": expect(LOGGED_IN),
    # The admin sends everyone but staff to its own login page.
    "admin:index": expect(ADMIN, others=302),
    "admin:organisation_orgunit_import": expect(ADMIN, others=302),
    # The admin's login page only sends on: to allauth's login, or on into the admin.
    "admin-login": expect(ADMIN, ok=302, anonymous=302, others=403),
    # Deleting a user: confirmed for one without content; one with content (the citizen
    # persona, who brought an idea) sends the admin back to the user with the reason.
    "admin:accounts_user_delete": expect(ADMIN, others=302),
    "admin:accounts_user_delete[content]": expect(ADMIN, ok=302, others=302),
    # Account pages (django-allauth): logged-in users are sent on from login and sign-up.
    "account_login": expect({"anonymous"}, others=302),
    # The OpenID Connect callback of a provider that is not configured: not found for anyone.
    "oidc-callback": dict.fromkeys(PERSONAS, 404),
    # The end of a MitID login when MitID is not configured: not found for anyone.
    "mitid-finish-acs": dict.fromkeys(PERSONAS, 404),
    "account_signup": expect({"anonymous"}, others=302),
    "account_reset_password": everyone,
    "account_logout": expect(LOGGED_IN),
    "account_change_password": expect(LOGGED_IN),
    "account_email": expect(LOGGED_IN),
    "mfa_index": expect(LOGGED_IN),
    # Ideas and challenges. [internal]: for employees only; [pending]: not published,
    # brought by the citizen persona. "@post" rows are sent as POST requests.
    "ideas:idea-list": everyone,
    "ideas:idea-create": everyone,
    "ideas:idea-similar": everyone,
    "ideas:idea-picker": expect(UNIT_STAFF),
    "ideas:idea-check-email": everyone,
    "ideas:idea-confirm": everyone,
    "ideas:idea-detail": everyone,
    "ideas:idea-detail[internal]": expect(EMPLOYEES, anonymous=404, others=404),
    "ideas:idea-detail[pending]": expect(UNIT_STAFF | {roles.BORGER}, anonymous=404, others=404),
    "ideas:attachment-download": everyone,
    "ideas:comment-report": expect(LOGGED_IN),
    "ideas:my-ideas": expect(LOGGED_IN),
    "ideas:followed": expect(LOGGED_IN),
    "ideas:unit-inbox": expect(UNIT_STAFF),
    "ideas:challenge-list": everyone,
    "ideas:challenge-detail": everyone,
    "ideas:challenge-detail[internal]": expect(EMPLOYEES, anonymous=404, others=404),
    "ideas:challenge-create": expect(CHALLENGE_OWNERS),
    "ideas:challenge-edit": expect(CHALLENGE_OWNERS),
    "ideas:idea-support@post": expect(LOGGED_IN, ok=302),
    "ideas:idea-support[internal]@post": expect(EMPLOYEES, ok=302, others=404),
    "ideas:idea-follow@post": expect(LOGGED_IN, ok=302),
    "ideas:comment-create@post": expect(LOGGED_IN, ok=302),
    "ideas:idea-status@post": expect(UNIT_STAFF, ok=302),
    "ideas:idea-merge": expect(UNIT_STAFF),
    "ideas:idea-merge@post": expect(UNIT_STAFF),  # nothing posted: the form with its errors
    "ideas:idea-moderate@post": expect(UNIT_STAFF, ok=302),
    "ideas:idea-note@post": expect(UNIT_STAFF, ok=302),
    "ideas:comment-moderate@post": expect(UNIT_STAFF, ok=302),
    # Triage: unit staff assess, the assigned assessor (the unit persona) scores, the chief decides.
    "portfolio:assessment-list": expect(UNIT_STAFF),
    "portfolio:assessment-create": expect(UNIT_STAFF),
    "portfolio:assessment-detail": expect(UNIT_STAFF),
    "portfolio:prioritisation": expect(UNIT_STAFF),
    "portfolio:criteria": expect(CHIEF),
    "portfolio:assessment-assign@post": expect(CHIEF),
    "portfolio:assessment-score@post": expect({roles.INNOVATIONSENHED}, ok=302),
    "portfolio:assessment-classify@post": expect(CHIEF | {roles.INNOVATIONSENHED}),
    "portfolio:assessment-decide@post": expect(CHIEF),
    # Sparring: the request belongs to the employee persona.
    "portfolio:sparring-list": expect(UNIT_STAFF),
    "portfolio:sparring-create": expect(EMPLOYEES),
    "portfolio:sparring-detail": expect(UNIT_STAFF | {roles.MEDARBEJDER}, others=404),
    "portfolio:sparring-move@post": {
        **expect(CHIEF, ok=302, others=404),
        roles.INNOVATIONSENHED: 403,
        roles.MEDARBEJDER: 403,
    },
    "portfolio:sparring-log@post": {**expect(UNIT_STAFF, others=404), roles.MEDARBEJDER: 403},
    "portfolio:sparring-update@post": {
        **expect(UNIT_STAFF, ok=302, others=404),
        roles.MEDARBEJDER: 403,
    },
    "portfolio:sparring-from-idea@post": expect(UNIT_STAFF, ok=302),
    # The portfolio is internal; the task's owner is the area manager persona.
    "portfolio:board": expect(INTERNAL),
    "portfolio:roadmap": expect(INTERNAL),  # the board's audience
    "portfolio:owner-choices": expect(UNIT_STAFF),
    "portfolio:proposal-create": expect(UNIT_STAFF),
    "portfolio:proposal-detail": expect(INTERNAL),
    "portfolio:proposal-edit": expect(UNIT_STAFF),
    "portfolio:exit-criteria": expect(UNIT_STAFF),
    "portfolio:task-detail": expect(INTERNAL),
    "portfolio:task-edit": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "portfolio:task-exit-check@post": expect(UNIT_STAFF | {roles.OMRAADELEDER}, ok=302),
    # Governance: forums' members and the secretariat see meetings; each forum records its own.
    "governance:meeting-list": expect(MEETING_PARTICIPANTS),
    "governance:meeting-create": expect(MEETING_ORGANISERS),
    "governance:meeting-detail": expect(MEETING_PARTICIPANTS),
    "governance:meeting-edit": expect(MEETING_ORGANISERS),
    "governance:meeting-pack": expect(MEETING_PARTICIPANTS),
    "governance:decision-list": expect(INTERNAL),
    "governance:decision-create": expect(RECORDERS),
    "governance:decision-detail": expect(INTERNAL),
    # Trials: internal users read; unit staff and the task's owner (the area manager) record and
    # conclude them; the task's team (here also the employee persona) records measurements.
    "evidence:experiment-create": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "evidence:experiment-detail": expect(INTERNAL),
    "evidence:experiment-edit": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "evidence:experiment-measure": expect(TEAM_RECORDERS),
    "evidence:experiment-import": expect(TEAM_RECORDERS),
    "evidence:experiment-conclude": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "evidence:measurement-edit": expect(TEAM_RECORDERS),
    "evidence:measurement-delete": expect(TEAM_RECORDERS),
    "evidence:measurement-delete@post": expect(TEAM_RECORDERS, ok=302),
    # Teams: whoever sees the task sees its team; the unit and the task's owner (the area
    # manager) manage needs and members. Journeys follow who may see the person.
    "teams:team-detail": expect(INTERNAL),
    "teams:team-compose": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "teams:team-add": expect(UNIT_STAFF | {roles.OMRAADELEDER}, ok=302),
    # With ?person=: the task's owner adds employees; only the unit adds people from outside.
    "teams:team-add[employee]": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "teams:team-add[external]": {**expect(UNIT_STAFF), roles.OMRAADELEDER: 404},
    "teams:need-add@post": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "teams:need-remove@post": expect(UNIT_STAFF | {roles.OMRAADELEDER}, ok=302),
    "teams:membership-end@post": expect(UNIT_STAFF | {roles.OMRAADELEDER}, ok=302),
    "teams:journey": expect(INTERNAL),
    "teams:journey[external]": {**expect(UNIT_STAFF, others=404), roles.BORGER: 403},
    "teams:learning-add@post": expect(UNIT_STAFF),
    "teams:heatmap": expect(INTERNAL),
    "teams:capacity": expect(UNIT_STAFF | {roles.DIREKTION, roles.CHEFFORUM}),
    "teams:over-allocated": expect(UNIT_STAFF | {roles.DIREKTION, roles.CHEFFORUM}),
    "teams:unit-teams": expect(INTERNAL),
    "teams:capacity-edit@post": expect(UNIT_STAFF, ok=302),
    # Learning programmes: everyone inside reads them; the unit runs them; an employee asks to
    # join. A participation (here the employee persona's request) is shown to the unit, to the
    # participant and to the area manager of their area (the area manager persona's): others
    # inside get 404. The participant and the unit answer it (drop out); the unit accepts a
    # request and completes (here refused by the rule, back to the page: 302).
    "teams:programme-list": expect(INTERNAL),
    "teams:programme-detail": expect(INTERNAL),
    "teams:programme-create": expect(UNIT_STAFF),
    "teams:programme-edit": expect(UNIT_STAFF),
    "teams:programme-aim-add@post": expect(UNIT_STAFF),  # nothing posted: the page with errors
    "teams:programme-aim-remove@post": expect(UNIT_STAFF, ok=302),
    "teams:session-create": expect(UNIT_STAFF),
    "teams:session-edit": expect(UNIT_STAFF),
    "teams:session-attendance": expect(UNIT_STAFF),
    "teams:participant-add@post": expect(UNIT_STAFF, ok=302),
    "teams:programme-join@post": expect(EMPLOYEES, ok=302),
    "teams:participation-accept@post": {
        **expect(UNIT_STAFF | {roles.MEDARBEJDER}, ok=302, others=404),
        roles.BORGER: 403,
        roles.OMRAADELEDER: 403,
    },
    "teams:participation-complete@post": expect(UNIT_STAFF, ok=302),
    "teams:participation-drop": {
        **expect(UNIT_STAFF | {roles.MEDARBEJDER}, others=404),
        roles.BORGER: 403,
        roles.OMRAADELEDER: 403,
    },
    "teams:participation-drop@post": {
        **expect(UNIT_STAFF | {roles.MEDARBEJDER}, ok=302, others=404),
        roles.BORGER: 403,
        roles.OMRAADELEDER: 403,
    },
    # Benefits: internal users read; the unit and the task's owner draft; the agreement's owner
    # (the area manager) signs; the unit, the task's owner and the area's manager record
    # realisations. The agreement here is a draft revision of a signed one.
    "benefits:task-benefits": expect(INTERNAL),
    "benefits:agreement-create": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "benefits:agreement-detail": expect(INTERNAL),
    "benefits:agreement-edit": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "benefits:agreement-sign@post": expect({roles.OMRAADELEDER, roles.ADMINISTRATOR}, ok=302),
    "benefits:agreement-revise": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "benefits:line-create": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "benefits:line-edit": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "benefits:line-delete": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "benefits:realisation-create": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "benefits:realisation-take-home@post": expect(UNIT_STAFF | {roles.OMRAADELEDER}, ok=302),
    "benefits:realisation-edit": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "benefits:realisation-delete": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "benefits:rollup": expect(INTERNAL),
    "benefits:follow-up": expect(INTERNAL),
    "benefits:rollup-export": expect(INTERNAL),
    # A task's business case: the task's team (the unit, the task's owner, its members) and
    # finance write it; the whole organisation reads it.
    "finance:case-detail": expect(INTERNAL),
    "finance:case-export": expect(INTERNAL),
    "finance:case-edit": expect(CASE_WRITERS),
    "finance:case-new-version@post": expect(CASE_WRITERS, ok=302),
    "finance:case-prefill@post": expect(CASE_WRITERS, ok=302),
    "finance:takehome-list": expect(BUDGET_READERS),
    # Scaling and spreading: internal users read; the task's team (the unit, the task's owner —
    # the area manager — and its members: here the employee persona) writes the plans; the
    # owning area's manager or the chief approves the plan; the unit's staff update any unit's
    # state, an area manager those of their own units; the unit develops a solution further.
    "spread:task-spread": expect(INTERNAL),
    "spread:plan-edit": expect(TEAM_RECORDERS),
    "spread:plan-approve@post": expect(CHIEF | {roles.OMRAADELEDER}, ok=302),
    "spread:targets-add": expect(TEAM_RECORDERS),
    "spread:milestone-create": expect(TEAM_RECORDERS),
    "spread:milestone-edit": expect(TEAM_RECORDERS),
    "spread:handover-edit": expect(TEAM_RECORDERS),
    "spread:uptake-create": expect(TEAM_RECORDERS),
    "spread:uptake-edit": expect(TEAM_RECORDERS),
    "spread:adoption-edit": expect(UNIT_STAFF | {roles.OMRAADELEDER}),
    "spread:target-remove@post": expect(TEAM_RECORDERS, ok=302),
    "spread:develop-further@post": expect(UNIT_STAFF, ok=302),
    # The innovation barometer: a task's answers are read by those who see the task and given
    # by those who may change it (the unit and the task's owner, here the area manager); the
    # export is for the unit, the chief, direktion and administrators.
    "barometer:task-survey": expect(INTERNAL),
    "barometer:task-survey@post": expect(UNIT_STAFF | {roles.OMRAADELEDER}, ok=302),
    "barometer:export": expect(SURVEY_EXPORTERS),
    "barometer:export-xlsx": expect(SURVEY_EXPORTERS),
    # The council report (page, PDF, XLSX): the forums that govern the portfolio and the unit
    # that prepares their meetings.
    "dashboards:report": expect(REPORT_READERS),
    "dashboards:report-pdf": expect(REPORT_READERS),
    "dashboards:report-xlsx": expect(REPORT_READERS),
    # The funnel counts every idea: for everyone inside, as the roll-up beside it. The open data
    # is the published part of it, for anyone.
    "dashboards:funnel": expect(INTERNAL),
    "dashboards:open-data": everyone,
    "dashboards:open-data-json": everyone,
    "dashboards:open-data-zip": everyone,
    # Partners: internal users read organisations and partnerships; the innovation unit (staff,
    # chief, administrators) records, changes and ends them. The partnership here is active.
    "network:organisation-list": expect(INTERNAL),
    "network:organisation-detail": expect(INTERNAL),
    "network:organisation-create": expect(UNIT_STAFF),
    "network:organisation-edit": expect(UNIT_STAFF),
    "network:partnership-list": expect(INTERNAL),
    "network:partnership-detail": expect(INTERNAL),
    "network:partnership-create": expect(UNIT_STAFF),
    "network:partnership-edit": expect(UNIT_STAFF),
    "network:partnership-end": expect(UNIT_STAFF),
    "network:partnership-end@post": expect(UNIT_STAFF),  # nothing posted: the form with errors
    # The catalogue: anyone reads what is published (and other municipalities' entries); a
    # draft is the unit's ([draft]: 404 for others); the unit writes entries, the chief
    # publishes and withdraws them, the administrator manages subscriptions, an employee
    # turns another municipality's entry into an idea here.
    "catalogue:entry-list": everyone,
    "catalogue:feed": everyone,
    "catalogue:entry-detail": everyone,
    "catalogue:entry-detail[draft]": expect(UNIT_STAFF, anonymous=404, others=404),
    "catalogue:entry-json": everyone,
    "catalogue:entry-json[draft]": expect(set(), anonymous=404, others=404),
    "catalogue:material-download": everyone,
    "catalogue:external-detail": everyone,
    "catalogue:external-try@post": expect(EMPLOYEES, ok=302),
    "catalogue:draft-list": expect(UNIT_STAFF),
    "catalogue:entry-edit": expect(UNIT_STAFF),
    "catalogue:material-delete@post": expect(UNIT_STAFF, ok=302),
    "catalogue:entry-publish[draft]@post": expect(CHIEF, ok=302),
    "catalogue:entry-unpublish@post": expect(CHIEF, ok=302),
    "catalogue:subscription-list": expect(ADMIN),
    "catalogue:subscription-fetch@post": expect(ADMIN, ok=302),
    "catalogue:subscription-toggle@post": expect(ADMIN, ok=302),
    # The method library: everyone logged in reads every card, anyone a public one ([internal]:
    # not public, 404 for visitors) with its versions and materials; the glossary is public;
    # the innovation unit writes cards and terms. Whoever sees a task sees its methods; its
    # team (the unit, its owner the area manager, its member the employee) records them.
    "methods:method-list": everyone,
    "methods:method-create": expect(UNIT_STAFF),
    "methods:method-detail": everyone,
    "methods:method-detail[internal]": expect(LOGGED_IN, anonymous=404),
    "methods:method-edit": expect(UNIT_STAFF),
    "methods:method-versions": everyone,
    "methods:method-versions[internal]": expect(LOGGED_IN, anonymous=404),
    "methods:material-download": everyone,
    "methods:material-delete@post": expect(UNIT_STAFF, ok=302),
    "methods:glossary": everyone,
    "methods:term-create": expect(UNIT_STAFF),
    "methods:term-edit": expect(UNIT_STAFF),
    "methods:task-methods": expect(INTERNAL),
    "methods:task-methods@post": expect(TEAM_RECORDERS),  # nothing posted: the form with errors
    "methods:use-delete@post": expect(TEAM_RECORDERS, ok=302),
    # The unit's budget, its funding sources and the fund applications: the unit, the finance
    # role, direktion and chefforum read; the chief and the finance role edit the budget and the
    # sources; the unit and the finance role edit the applications. The budget is a draft.
    "finance:budget": expect(BUDGET_READERS),
    "finance:export": expect(BUDGET_READERS),
    "finance:budget-start@post": expect(BUDGET_EDITORS, ok=302, others=403),
    "finance:budget-line-create": expect(BUDGET_EDITORS),
    "finance:budget-line-edit": expect(BUDGET_EDITORS),
    "finance:budget-line-delete": expect(BUDGET_EDITORS),
    "finance:budget-approve@post": expect(BUDGET_EDITORS, ok=302),
    "finance:budget-revise": expect(BUDGET_EDITORS),
    "finance:source-list": expect(BUDGET_READERS),
    "finance:source-create": expect(BUDGET_EDITORS),
    "finance:source-edit": expect(BUDGET_EDITORS),
    "finance:application-list": expect(BUDGET_READERS),
    "finance:application-detail": expect(BUDGET_READERS),
    "finance:application-create": expect(APPLICATION_EDITORS),
    "finance:application-edit": expect(APPLICATION_EDITORS),
    "finance:application-move": expect(APPLICATION_EDITORS),
    "finance:report-create": expect(APPLICATION_EDITORS),
    "finance:report-edit": expect(APPLICATION_EDITORS),
    # A task's economy: whoever may see the task reads it; the task's team (the unit, its
    # owner the area manager, its current member the employee) and the finance role write.
    "finance:task-economy": expect(INTERNAL),
    "finance:task-export": expect(INTERNAL),
    "finance:funding-create": expect(ECONOMY_WRITERS),
    "finance:funding-edit": expect(ECONOMY_WRITERS),
    "finance:budget-edit": expect(ECONOMY_WRITERS),
    "finance:expense-create": expect(ECONOMY_WRITERS),
    "finance:expense-edit": expect(ECONOMY_WRITERS),
    "finance:expense-import": expect(ECONOMY_WRITERS),
    "finance:rates": expect(CHIEF | {roles.OEKONOMI}),
    # The innovation house: anyone reads the house, its week calendars and its public feeds;
    # employees book (a resident too, tested in the app); the booking is the employee
    # persona's, cancelled by them or the unit; the municipality's own see bookings and may
    # have a secret feed with titles; the unit manages residencies.
    "house:house": everyone,
    "house:house-week": everyone,
    "house:resource-week": everyone,
    "house:house-feed": everyone,
    "house:resource-feed": everyone,
    "house:private-feed": everyone,
    "house:feed-token-renew@post": expect(INTERNAL, ok=302),
    "house:feed-token-revoke@post": expect(INTERNAL, ok=302),
    "house:booking-create": expect(EMPLOYEES),
    "house:my-bookings": expect(EMPLOYEES),
    "house:booking-detail": expect(INTERNAL),
    "house:booking-cancel@post": expect(UNIT_STAFF | {roles.MEDARBEJDER}, ok=302),
    "house:residency-list": expect(UNIT_STAFF),
    "house:residency-create": expect(UNIT_STAFF),
    "house:residency-edit": expect(UNIT_STAFF),
    "house:resource-create": expect(UNIT_STAFF),
    "house:resource-edit": expect(UNIT_STAFF),
    # Events: a published public event is for everyone, an internal one for employees, a draft
    # the unit's (others learn nothing of it). Anyone signs up to a public event: a user with
    # one click (then sent back to the event), a visitor with a name and an e-mail address
    # (sent empty here: the form again, with what is missing). The unit makes, publishes and
    # cancels events and keeps the participant list.
    "events:event-list": everyone,
    "events:event-detail": everyone,
    "events:event-detail[internal]": expect(EMPLOYEES, anonymous=404, others=404),
    "events:event-detail[draft]": expect(UNIT_STAFF, anonymous=404, others=404),
    "events:event-create": expect(UNIT_STAFF),
    "events:event-edit": expect(UNIT_STAFF),
    "events:event-publish[draft]@post": expect(UNIT_STAFF, ok=302),
    "events:event-cancel": expect(UNIT_STAFF),
    "events:participant-list": expect(UNIT_STAFF),
    "events:signup-create@post": {**expect(LOGGED_IN, ok=302), "anonymous": 400},
    "events:signup-cancel@post": expect(LOGGED_IN, ok=302),
    "events:signup-check-email": everyone,
    "events:signup-manage": everyone,
}


def project_url_names() -> set[str]:
    """Names of every URL whose view is Samskab's own code."""
    names: set[str] = set()

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                module = getattr(pattern.callback, "__module__", "")
                if module.startswith("samskab."):
                    names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_project_url_has_a_row_in_the_matrix():
    rows = {name.split("[")[0].split("@")[0] for name in MATRIX}
    missing = project_url_names() - rows
    assert not missing, f"Add these URLs to the permission matrix: {sorted(missing)}"


@pytest.fixture
def objects(personas, unit, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    employee = Person.objects.get(user=personas[roles.MEDARBEJDER])
    external = Person.objects.create(kind=Person.Kind.CITIZEN, name="Ekstern Borger")
    published = {
        "confirmed_at": timezone.now(),
        "consent_to_publish": True,
        "moderation": "approved",
    }
    idea = Idea.objects.create(title="Offentlig idé", description="x", **published)
    internal = Idea.objects.create(
        title="Intern idé", description="x", audience="internal", **published
    )
    pending = Idea.objects.create(
        title="Ny idé", description="x", author=personas[roles.BORGER], confirmed_at=timezone.now()
    )
    anonymous = Idea.objects.create(
        title="Anonym idé", description="x", author_email="a@example.dk"
    )
    comment = Comment.objects.create(idea=idea, author=personas[roles.BORGER], body="Hej")
    attachment = Attachment.objects.create(
        idea=idea,
        file=ContentFile(b"%PDF-1.4", name="a.pdf"),
        name="a.pdf",
        content_type="application/pdf",
        size=8,
    )
    today = timezone.localdate()
    challenge = Challenge.objects.create(
        title="Åben", question="?", owner=unit.parent, opens_on=today
    )
    internal_challenge = Challenge.objects.create(
        title="Intern", question="?", owner=unit.parent, opens_on=today, audience="internal"
    )
    owner = personas[roles.OMRAADELEDER].person
    proposal = TaskProposal.objects.create(
        title="Forslag",
        problem="x",
        ambition="x",
        novelty="radical",
        category="service",
        owning_area=unit.parent,
        owner=owner,
    )
    started = TaskProposal.objects.create(
        title="Opgave",
        problem="x",
        ambition="x",
        novelty="radical",
        category="service",
        owning_area=unit.parent,
        owner=owner,
    )
    task = task_services.task_start(
        proposal=started,
        political_reference="KB",
        wip_overridden=False,
        by=personas[roles.DIREKTION],
    )
    assessment = Assessment.objects.create(title="Vurdering")
    assessment.ideas.set([idea])
    AssessorAssignment.objects.create(
        assessment=assessment, assessor=personas[roles.INNOVATIONSENHED]
    )
    sparring = SparringRequest.objects.create(
        title="Hjælp", description="x", requested_by=personas[roles.MEDARBEJDER], position=1
    )
    meeting = Meeting.objects.create(
        forum=Forum.objects.get(kind="executive"), starts_at=timezone.now()
    )
    decision = Decision.objects.create(
        kind="recommendation",
        forum=Forum.objects.get(kind="committee"),
        rationale="x",
        recorded_by=personas[roles.OPGAVEUDVALG],
    )
    experiment = Experiment.objects.create(
        task=task,
        title="Forsøg",
        hypothesis="Vi tror at …",
        intervention="x",
        metric="x",
        unit="%",
        baseline=0,
        target_change=1,
        success_criterion="x",
        starts_on=today,
        ends_on=today,
        owner=owner,
        value_served="quality",
    )
    measurement = Measurement.objects.create(experiment=experiment, measured_on=today, value=1)
    need = CompetencyNeed.objects.create(task=task, competency=Competency.objects.first())
    agreement = benefit_services.agreement_create(
        task=task, parties="x", review_cadence="yearly", by=personas[roles.INNOVATIONSENHED]
    )
    line = benefit_services.line_save(
        line=BenefitLine(
            agreement=agreement,
            kind="economic",
            description="x",
            kpi="Sparet",
            unit="kr.",
            baseline=0,
            measurement_method="x",
            responsible=owner,
        ),
        targets=[(today.year, 1000)],
        by=personas[roles.INNOVATIONSENHED],
    )
    benefit_services.agreement_sign(agreement=agreement, by=personas[roles.OMRAADELEDER])
    realisation = BenefitRealisation.objects.create(
        line=line, period_start=today, period_end=today, value=10, evidence="x"
    )
    revision = benefit_services.agreement_revise(
        agreement=agreement, reason="x", by=personas[roles.INNOVATIONSENHED]
    )
    membership = TeamMembership.objects.create(
        task=task, person=employee, role="specialist", allocation=20
    )
    (adoption,) = spread_services.targets_add(
        task=task, units=[unit], by=personas[roles.INNOVATIONSENHED]
    )
    milestone = Milestone.objects.create(
        task=task, plan="scaling", title="Start", due_on=today, owner=employee
    )
    uptake = Uptake.objects.create(task=task, area=unit.parent, since=today)
    partner = Organisation.objects.create(name="Gladsaxe Kommune", kind="municipality")
    partnership = network_services.partnership_save(
        partnership=Partnership(
            title="4K", purpose="x", starts_on=today, responsible=employee, status="active"
        ),
        organisations=[partner],
        tasks=[(task, "Afprøver")],
        by=personas[roles.INNOVATIONSENHED],
    )
    BusinessCase.objects.create(
        task=task, discount_rate=3.5, first_year=today.year, created_by=personas[roles.OEKONOMI]
    )
    source = FundingSource.objects.create(name="Puljen til opgaver", kind="pool")
    funding = Funding.objects.create(task=task, source=source, year=today.year, granted=1000)
    expense = Expense.objects.create(
        task=task, spent_on=today, description="Materialer", amount=100, funding=funding
    )
    unused = User.objects.create_user(username="ubrugt", email="ubrugt@example.dk")
    programme = Programme.objects.create(
        title="Innovationspartnerforløbet",
        purpose="x",
        starts_on=today,
        ends_on=today.replace(year=today.year + 1),
    )
    aim = ProgrammeCompetency.objects.create(
        programme=programme, competency=Competency.objects.first(), target_level=3
    )
    session = Session.objects.create(
        programme=programme, on=today, starts_at="09:00", place="Rådhuset", topic="Opstart"
    )
    participation = Participation.objects.create(
        programme=programme, person=employee, status=Participation.Status.REQUESTED
    )
    catalogue = _catalogue_objects(task, owner, personas)
    house = _house_objects(personas)
    methods = _methods_objects(task, personas)
    finance = _finance_objects(task, employee, personas)
    return {
        **finance,
        **house,
        **_event_objects(personas),
        "adoption": adoption.pk,
        "milestone": milestone.pk,
        "uptake": uptake.pk,
        **catalogue,
        **methods,
        "user": unused.pk,
        "programme": programme.pk,
        "aim": aim.pk,
        "session": session.pk,
        "participation": participation.pk,
        "user[content]": personas[roles.BORGER].pk,
        "agreement": revision.pk,
        "line": revision.lines.get().pk,
        "realisation": realisation.pk,
        "need": need.pk,
        "membership": membership.pk,
        "experiment": experiment.pk,
        "measurement": measurement.pk,
        "meeting": meeting.pk,
        "decision": decision.pk,
        "assessment": assessment.pk,
        "sparring": sparring.pk,
        "proposal": proposal.pk,
        "task": task.pk,
        "exitcriterion": ExitCriterion.objects.filter(phase=1).first().pk,
        "person": employee.pk,
        "person[external]": external.pk,
        "orgunit": unit.pk,
        "competency": Competency.objects.first().pk,
        "idea": idea.pk,
        "idea[internal]": internal.pk,
        "idea[pending]": pending.pk,
        "comment": comment.pk,
        "attachment": attachment.pk,
        "challenge": challenge.pk,
        "challenge[internal]": internal_challenge.pk,
        "token": confirmation_token(anonymous),
        "apitoken": api_services.token_create(
            user=personas[roles.MEDARBEJDER], name="Nøgle", scope="read", days=30
        )[0].pk,
        "organisation": partner.pk,
        "partnership": partnership.pk,
        "funding": funding.pk,
        "expense": expense.pk,
    }


def _catalogue_objects(task, owner, personas) -> dict:
    """A published entry (of the task, moved to phase 5) with a material, a draft, a
    subscription (its feed on a closed port here: fetching is refused at once) and one of
    its entries."""
    task.phase = 5
    task.save()
    draft_task = InnovationTask.objects.create(
        title="Kladde",
        problem="x",
        ambition="x",
        novelty="radical",
        category="service",
        owning_area=task.owning_area,
        owner=owner,
        political_reference="KB",
        phase=5,
    )
    published = catalogue_services.entry_save(
        entry=CatalogueEntry(
            task=task,
            title="Løsning",
            problem="x",
            solution="x",
            contact_name="x",
            contact_email="x@example.dk",
        ),
        by=personas[roles.INNOVATIONSENHED],
    )
    catalogue_services.entry_publish(entry=published, by=personas[roles.INNOVATIONSCHEF])
    material = catalogue_services.material_add(
        entry=published,
        title="Vejledning",
        upload=SimpleUploadedFile("v.pdf", b"%PDF-1.4"),
        by=personas[roles.INNOVATIONSENHED],
    )
    draft = catalogue_services.entry_save(
        entry=CatalogueEntry(
            task=draft_task,
            title="Kladde",
            problem="x",
            solution="x",
            contact_name="x",
            contact_email="x@example.dk",
        ),
        by=personas[roles.INNOVATIONSENHED],
    )
    subscription = Subscription.objects.create(
        name="Gladsaxe Kommune", feed_url="https://127.0.0.1:1/katalog/feed.json"
    )
    external = ExternalEntry.objects.create(
        subscription=subscription,
        remote_id="1",
        url="https://gladsaxe.example/katalog/1/",
        title="Ekstern",
        fetched_at=timezone.now(),
    )
    return {
        "entry": published.slug,
        "entry[draft]": draft.slug,
        "material": material.pk,
        "subscription": subscription.pk,
        "external": external.pk,
    }


def _methods_objects(task, personas) -> dict:
    """A public method card with a material, a card for those logged in, a term and a use."""
    by = personas[roles.INNOVATIONSENHED]
    public = method_services.method_save(
        method=Method(
            title="Brugerrejser",
            purpose="x",
            phases="13",
            steps="x",
            time_needed="x",
            people_needed="x",
            is_public=True,
        ),
        by=by,
    )
    internal = method_services.method_save(
        method=Method(
            title="Observation",
            purpose="x",
            phases="1",
            steps="x",
            time_needed="x",
            people_needed="x",
        ),
        by=by,
    )
    material = method_services.material_add(
        method=public,
        title="Skabelon",
        upload=SimpleUploadedFile("s.pdf", b"%PDF-1.4"),
        by=by,
    )
    term = method_services.term_save(term=Term(term="Prøvehandling", definition="x"), by=by)
    use = method_services.use_record(
        task=task, method=public, phase=1, rating=4, learning="x", by=by
    )
    return {
        "method": public.slug,
        "method[internal]": internal.slug,
        "method-material": material.pk,
        "term": term.slug,
        "use": use.pk,
    }


def _finance_objects(task, employee, personas) -> dict:
    """A draft budget with a line, a source, and an application with a grant report."""
    by = personas[roles.OEKONOMI]
    source = FundingSource.objects.create(name="Kommunens budget", kind="municipal")
    version = finance_services.budget_start(year=timezone.localdate().year, by=by)
    line = finance_services.budget_line_save(
        line=BudgetLine(
            version=version, category="salaries", description="Løn", source=source, granted=1
        ),
        by=by,
    )
    application = finance_services.application_save(
        application=Application(
            title="Ansøgning", source=source, task=task, responsible=employee, amount_sought=1
        ),
        by=by,
    )
    report = GrantReport.objects.create(
        application=application, title="Rapport", due_on=timezone.localdate()
    )
    return {
        "budget": version.pk,
        "budget-line": line.pk,
        "source": source.pk,
        "application": application.pk,
        "report": report.pk,
    }


def _house_objects(personas) -> dict:
    """A room booked by the employee persona a week ahead, a residency and a secret feed."""
    from datetime import time, timedelta

    from samskab.house import services as house_services
    from samskab.house.models import Residency, Resource

    room = Resource.objects.create(name="Mødelokalet", kind="room", capacity=8)
    today = timezone.localdate()
    day = today + timedelta(days=7 + (2 - today.weekday()) % 7)
    booking = house_services.booking_create(
        resource=room,
        starts_at=house_services.at(day, time(10)),
        ends_at=house_services.at(day, time(12)),
        title="Workshop",
        by=personas[roles.MEDARBEJDER],
    )
    resident = Person.objects.create(kind=Person.Kind.ENTREPRENEUR, name="Iværksætter")
    residency = Residency.objects.create(person=resident, starts_on=today, works_on="x")
    token = house_services.feed_token_renew(user=personas[roles.MEDARBEJDER])
    return {
        "resource": room.pk,
        "booking": booking.pk,
        "residency": residency.pk,
        "feed-key": token.key,
    }


def _event_objects(personas) -> dict:
    """A published public event, an internal one and a draft, and a visitor's sign-up to the
    public one waiting for its e-mail confirmation (its link)."""
    start = timezone.now() + timedelta(days=7)
    fields = {
        "description": "x",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "signup_deadline": start,
        "address": "Hovedbiblioteket",
        "capacity": 10,
        "status": "published",
    }
    public = Event.objects.create(title="Værksted", **fields)
    internal = Event.objects.create(title="Internt", audience="internal", **fields)
    draft = Event.objects.create(title="Kladde", **{**fields, "status": "draft"})
    signup = event_services.signup_request(event=public, name="Ib", email="ib@example.dk")
    return {
        "event": public.pk,
        "event[internal]": internal.pk,
        "event[draft]": draft.pk,
        "signup-token": event_services.signup_token(signup),
    }


# URLs whose name does not start with the entity their <pk> is.
ENTITY_OF = {
    "api:token-revoke": "apitoken",
    "events:signup-create": "event",
    "events:signup-cancel": "event",
    "events:participant-list": "event",
    "teams:programme-aim-add": "programme",
    "teams:session-create": "programme",
    "teams:participant-add": "programme",
    "finance:budget-line-create": "budget",
    "finance:report-create": "application",
    "catalogue:entry-edit": "task",
    "methods:task-methods": "task",
    "methods:material-download": "method-material",
    "methods:material-delete": "method-material",
    "ideas:comment-create": "idea",
    "portfolio:sparring-from-idea": "idea",
    "teams:team-detail": "task",
    "teams:team-compose": "task",
    "teams:team-add": "task",
    "teams:need-add": "task",
    "teams:journey": "person",
    "teams:learning-add": "person",
    "teams:capacity-edit": "person",
    "teams:unit-teams": "orgunit",
    "evidence:experiment-create": "task",
    "benefits:agreement-create": "task",
    "benefits:line-create": "agreement",
    "benefits:realisation-create": "line",
    "benefits:realisation-take-home": "realisation",
    "finance:case-detail": "task",
    "finance:case-export": "task",
    "finance:case-edit": "task",
    "finance:case-new-version": "task",
    "finance:case-prefill": "task",
    "admin:accounts_user_delete": "user",
    "spread:task-spread": "task",
    "spread:plan-edit": "task",
    "spread:plan-approve": "task",
    "spread:targets-add": "task",
    "spread:handover-edit": "task",
    "spread:uptake-create": "task",
    "spread:develop-further": "task",
    "spread:target-remove": "adoption",
    "finance:funding-create": "task",
    "finance:budget-edit": "task",
    "finance:expense-create": "task",
    "finance:expense-import": "task",
}
# URLs with a query string: the task's page, with the person of the variant.
QUERY_OF = {
    "teams:team-add[employee]": lambda objects: f"?person={objects['person']}",
    "teams:team-add[external]": lambda objects: f"?person={objects['person[external]']}",
}
# URLs with more than a <pk>.
KWARGS_OF = {
    "events:signup-manage": lambda objects: {"token": objects["signup-token"]},
    "teams:need-remove": lambda objects: {"pk": objects["task"], "need_pk": objects["need"]},
    "teams:membership-end": lambda objects: {
        "pk": objects["task"],
        "membership_pk": objects["membership"],
    },
    "teams:programme-aim-remove": lambda objects: {
        "pk": objects["programme"],
        "aim_pk": objects["aim"],
    },
    "spread:milestone-create": lambda objects: {"pk": objects["task"], "plan": "skalering"},
    "house:private-feed": lambda objects: {"key": objects["feed-key"]},
    "methods:use-delete": lambda objects: {"pk": objects["task"], "use_pk": objects["use"]},
    "oidc-callback": lambda objects: {"provider_id": "ukendt"},
    "mitid-finish-acs": lambda objects: {"organization_slug": "ukendt"},
    "portfolio:task-exit-check": lambda objects: {
        "pk": objects["task"],
        "criterion_pk": objects["exitcriterion"],
    },
}


# URLs whose object is named by its address (a slug), not a number.
SLUG_URLS = {
    "catalogue:entry-detail",
    "catalogue:entry-json",
    "catalogue:entry-publish",
    "catalogue:entry-unpublish",
}
# The same, for the method library's cards and terms: the entity each slug is of.
SLUG_ENTITY_OF = {
    "methods:method-detail": "method",
    "methods:method-edit": "method",
    "methods:method-versions": "method",
    "methods:term-edit": "term",
}


def url_for(name: str, objects: dict) -> str:
    base, _, variant = name.split("@")[0].partition("[")
    if base in SLUG_URLS:
        key = f"entry[{variant}" if variant else "entry"
        return reverse(base, kwargs={"slug": objects[key]})
    if base in SLUG_ENTITY_OF:
        entity = SLUG_ENTITY_OF[base]
        key = f"{entity}[{variant}" if variant else entity
        return reverse(base, kwargs={"slug": objects[key]})
    if name in QUERY_OF:
        return reverse(base, kwargs={"pk": objects[ENTITY_OF[base]]}) + QUERY_OF[name](objects)
    entity = ENTITY_OF.get(base) or base.split(":")[-1].rsplit("-", 1)[0]
    key = f"{entity}[{variant}" if variant else entity
    if base == "ideas:idea-confirm":
        return reverse(base, kwargs={"token": objects["token"]})
    if base in KWARGS_OF:
        return reverse(base, kwargs=KWARGS_OF[base](objects))
    try:
        return reverse(base)
    except NoReverseMatch:
        if base.startswith("admin:"):
            return reverse(base, kwargs={"object_id": objects[key]})
        return reverse(base, kwargs={"pk": objects[key]})


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(client, personas, objects, name, persona):
    user = personas[persona]
    if user is not None:
        client.force_login(user)
    url = url_for(name, objects)
    response = client.post(url) if name.endswith("@post") else client.get(url)
    assert response.status_code == MATRIX[name][persona], (
        f"{persona} on {name}: {response.status_code}"
    )


# The REST API (/api/v1/), called by each persona with a key of their own that may read
# and write, and anonymously without one. The same rights as the pages: a thing the
# persona may not see is 404, a thing they may see but not do is 403, and a caller
# without a key is 401. Rows: "METHOD path", with {entity} from the objects above.
def api(allowed, *, ok=200, anonymous=401, others=403) -> dict[str, int]:
    return expect(allowed, ok=ok, anonymous=anonymous, others=others)


API_MATRIX: dict[str, dict[str, int]] = {
    "GET ideas": everyone,
    "GET ideas/{idea}": everyone,
    "GET ideas/{idea[internal]}": api(EMPLOYEES, anonymous=404, others=404),
    "GET ideas/{idea[pending]}": api(UNIT_STAFF | {roles.BORGER}, anonymous=404, others=404),
    "POST ideas": api(LOGGED_IN, ok=201),
    "POST ideas/{idea}/support": api(LOGGED_IN),
    "POST ideas/{idea[internal]}/support": api(EMPLOYEES, others=404),
    "DELETE ideas/{idea}/support": api(LOGGED_IN),
    "POST ideas/{idea}/comments": api(LOGGED_IN, ok=201),
    "POST ideas/{idea[internal]}/comments": api(EMPLOYEES, ok=201, others=404),
    "GET challenges": everyone,
    "GET challenges/{challenge}": everyone,
    "GET challenges/{challenge[internal]}": api(EMPLOYEES, anonymous=404, others=404),
    "GET tasks": api(INTERNAL),
    "GET tasks/{task}": api(INTERNAL),
    "GET meetings": api(MEETING_PARTICIPANTS),
    "GET meetings/{meeting}": api(MEETING_PARTICIPANTS),
    "GET decisions": api(INTERNAL),
    "GET decisions/{decision}": api(INTERNAL),
    "GET catalogue": everyone,
    "GET catalogue/{entry}": everyone,
    "GET catalogue/{entry[draft]}": api(UNIT_STAFF, anonymous=404, others=404),
    "GET benefits/rollup": api(INTERNAL),
    # The team records measurements; outside the municipality the trial is not revealed.
    "POST experiments/{experiment}/measurements": {
        **api(TEAM_RECORDERS, ok=201),
        roles.BORGER: 404,
    },
    # The line is on a draft (a revision): the permission holds, then the service refuses
    # a realisation against anything but the signed agreement (400, its message).
    "POST benefit-lines/{line}/realisations": {
        **api(UNIT_STAFF | {roles.OMRAADELEDER}, ok=400),
        roles.BORGER: 404,
    },
}
API_PAYLOADS = {
    "POST ideas": {"title": "Lektiecafé på biblioteket", "description": "Hjælp efter skole."},
    "comments": {"body": "God idé."},
    "measurements": {"measured_on": "2026-01-05", "value": "3.5"},
    "realisations": {"period_start": "2026-01-01", "period_end": "2026-01-31", "value": "100"},
}


def api_url(row: str, objects: dict) -> tuple[str, str]:
    method, _, path = row.partition(" ")
    for key, value in objects.items():
        path = path.replace("{" + key + "}", str(value))
    return method, f"/api/v1/{path}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", sorted(API_MATRIX))
def test_api_permission_matrix(client, personas, objects, row, persona):
    user = personas[persona]
    headers = {}
    if user is not None:
        _token, secret = api_services.token_create(user=user, name="Matrix", scope="write", days=30)
        headers["Authorization"] = f"Bearer {secret}"
    method, url = api_url(row, objects)
    assert "{" not in url, url
    payload = API_PAYLOADS.get(row) or API_PAYLOADS.get(url.rsplit("/", 1)[-1])
    response = client.generic(
        method,
        url,
        data=json.dumps(payload) if payload else "",
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == API_MATRIX[row][persona], (
        f"{persona} on {row}: {response.status_code} {response.content[:300]}"
    )
    if response.status_code >= 400:
        assert set(response.json()) >= {"detail", "code"}
