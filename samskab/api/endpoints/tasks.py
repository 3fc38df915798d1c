"""Innovation tasks with their phase, team, trials and benefits, as the task page shows them."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from samskab.benefits import queries as benefit_queries
from samskab.evidence import queries as evidence_queries
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.permissions import get_task_for
from samskab.portfolio.phases import BY_NUMBER
from samskab.portfolio.queries.tasks import task_list as task_rows
from samskab.teams import queries as team_queries
from samskab.teams.permissions import members_shown_to

from .common import PAGE, Cursor, require

router = Router(tags=["tasks"])


class TaskOut(Schema):
    id: int
    title: str
    status: str
    phase: int
    phase_name: str
    owning_area: str
    owner: str
    started_on: date
    planned_end_on: date | None
    next_gate_on: date | None
    url: str

    @staticmethod
    def resolve_phase_name(task: InnovationTask) -> str:
        return str(BY_NUMBER[task.phase].name)

    @staticmethod
    def resolve_owning_area(task: InnovationTask) -> str:
        return task.owning_area.name

    @staticmethod
    def resolve_owner(task: InnovationTask) -> str:
        return task.owner.name

    @staticmethod
    def resolve_url(task: InnovationTask) -> str:
        return reverse("portfolio:task-detail", kwargs={"pk": task.pk})


class MemberOut(Schema):
    name: str
    role: str
    allocation: int
    starts_on: date
    ends_on: date | None


class TrialOut(Schema):
    id: int
    title: str
    metric: str
    unit: str
    starts_on: date | None
    concluded: bool
    url: str


class BenefitLineOut(Schema):
    id: int
    kind: str
    level: str
    kpi: str
    unit: str
    expected: Decimal
    realised: Decimal
    behind: bool


class BenefitsOut(Schema):
    agreement_version: int | None
    agreement_status: str | None
    lines: list[BenefitLineOut]


class TaskDetailOut(TaskOut):
    problem: str
    ambition: str
    category: str
    novelty: str
    team: list[MemberOut] | None
    trials: list[TrialOut] | None
    benefits: BenefitsOut | None


@router.get("/tasks", response=list[TaskOut], summary="Innovation tasks")
@paginate(Cursor, **PAGE)
def task_list(request, status: str = "", phase: int | None = None):
    require(request, "portfolio.view_task")
    return task_rows(status=status, phase=phase)


@router.get(
    "/tasks/{int:pk}", response=TaskDetailOut, summary="A task, its team, trials and benefits"
)
def task_detail(request, pk: int):
    user = request.auth.user
    require(request, "portfolio.view_task")
    task = get_task_for(user, pk)
    task.team = None
    if user.has_perm("teams.view_team", task):
        current, _past = team_queries.split_memberships(
            team_queries.memberships_of(task, shown=members_shown_to(user))
        )
        task.team = [
            {
                "name": member.person.name,
                "role": member.get_role_display(),
                "allocation": member.allocation,
                "starts_on": member.starts_on,
                "ends_on": member.ends_on,
            }
            for member in current
        ]
    task.trials = None
    if user.has_perm("evidence.view_experiment"):
        task.trials = [
            {
                "id": trial.pk,
                "title": trial.title,
                "metric": trial.metric,
                "unit": trial.unit,
                "starts_on": trial.starts_on,
                "concluded": trial.is_concluded,
                "url": reverse("evidence:experiment-detail", kwargs={"pk": trial.pk}),
            }
            for trial in evidence_queries.experiments_of(task)
        ]
    task.benefits = None
    if user.has_perm("benefits.view_benefits", task):
        benefits = benefit_queries.task_benefits(task)
        current = benefits.current
        task.benefits = {
            "agreement_version": current.version if current else None,
            "agreement_status": current.status if current else None,
            "lines": [
                {
                    "id": item.line.pk,
                    "kind": item.line.kind,
                    "level": item.line.level,
                    "kpi": item.line.kpi,
                    "unit": item.line.unit,
                    "expected": item.target_total,
                    "realised": item.realised,
                    "behind": item.behind,
                }
                for item in benefits.lines
            ],
        }
    return task
