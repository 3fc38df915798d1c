"""Data for the council report's tests: tasks, decisions, trials, benefits and ideas on given days.

The report only reads; the rows are written directly where the services would
refuse a date in the past (a decision is dated by the forum, a task's start by
its decision), and through the services where they decide what is stored.
"""

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from samskab.accounts import roles
from samskab.benefits import services as benefit_services
from samskab.benefits.models import BenefitLine, BenefitRealisation, ChainLevel
from samskab.evidence.models import Experiment, LearningCard, Measurement
from samskab.governance.models import Decision, Forum
from samskab.ideas.models import Idea, StatusChange
from samskab.portfolio.models import Category, InnovationTask, Novelty

from ..report import Period

PERIOD = Period(date(2025, 1, 1), date(2025, 6, 30))
BEFORE, FIRST, LAST, AFTER = date(2024, 12, 31), PERIOD.start, PERIOD.end, date(2025, 7, 1)


def moment(day: date, at: time = time(12, 0)) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


class Builder:
    def __init__(self, personas, unit):
        self.personas = personas
        self.area = unit.parent
        self.manager = personas[roles.OMRAADELEDER]
        self.manager.person.org_unit = self.area
        self.manager.person.save()
        self.staff = personas[roles.INNOVATIONSENHED]
        self.direktion = personas[roles.DIREKTION]

    # The portfolio ----------------------------------------------------------------

    def task(
        self,
        title: str,
        *,
        started_on: date,
        phase: int = 1,
        status: str = InnovationTask.Status.ACTIVE,
        ended_on: date | None = None,
    ) -> InnovationTask:
        return InnovationTask.objects.create(
            title=title,
            problem="Et problem.",
            ambition="En ambition.",
            novelty=Novelty.INCREMENTAL,
            category=Category.SERVICE,
            owning_area=self.area,
            owner=self.manager.person,
            political_reference="KB 2025, sag 1",
            phase=phase,
            status=status,
            started_on=started_on,
            ended_on=ended_on,
        )

    def decision(
        self,
        kind: str,
        *,
        on: date,
        task: InnovationTask | None = None,
        forum: str = Forum.Kind.EXECUTIVE,
        from_phase: int | None = None,
        to_phase: int | None = None,
        rationale: str = "Som indstillet.",
    ) -> Decision:
        return Decision.objects.create(
            kind=kind,
            forum=Forum.objects.get(kind=forum),
            task=task,
            decided_on=on,
            rationale=rationale,
            from_phase=from_phase,
            to_phase=to_phase,
            recorded_by=self.direktion,
        )

    def gate(self, task: InnovationTask, *, on: date, to_phase: int) -> Decision:
        return self.decision(
            Decision.Kind.GATE_GO, on=on, task=task, from_phase=to_phase - 1, to_phase=to_phase
        )

    # Trials ------------------------------------------------------------------------

    def trial(
        self,
        task: InnovationTask,
        title: str,
        *,
        starts_on: date,
        ends_on: date,
        values=("14", "16"),
        baseline: str = "10",
        concluded_level: int | None = None,
    ) -> Experiment:
        """A before/after trial whose trial group's values are ``values`` (mean 15 by default)."""
        experiment = Experiment.objects.create(
            task=task,
            title=title,
            hypothesis="Vi tror at …",
            intervention="Noget nyt.",
            metric="Selvhjulpne borgere",
            unit="%",
            baseline=Decimal(baseline),
            target_change=Decimal("2"),
            success_criterion="Mindst 2 procentpoint bedre.",
            starts_on=starts_on,
            ends_on=ends_on,
            owner=self.manager.person,
            value_served="quality",
        )
        Measurement.objects.bulk_create(
            Measurement(experiment=experiment, measured_on=starts_on, value=Decimal(value))
            for value in values
        )
        if concluded_level is not None:
            LearningCard.objects.create(
                experiment=experiment,
                saw="Det virkede.",
                learned="Borgerne tog det til sig.",
                decide="Vi går videre.",
                advice="go",
                evidence_level=concluded_level,
                criterion_met=True,
                effect_documented=True,
            )
        return experiment

    # Benefits ----------------------------------------------------------------------

    def benefit_line(
        self,
        task: InnovationTask,
        *,
        targets: dict[int, str],
        kind: str = "economic",
        level: str = ChainLevel.BENEFIT,
        sign: bool = True,
    ) -> BenefitLine:
        agreement = task.benefit_agreements.filter(status="draft").first() or (
            benefit_services.agreement_create(
                task=task, parties="Området", review_cadence="quarterly", by=self.staff
            )
        )
        line = benefit_services.line_save(
            line=BenefitLine(
                agreement=agreement,
                kind=kind,
                level=level,
                description="Færre timer",
                kpi=f"Gevinst {kind} {level}",
                unit="kr." if kind == "economic" else "timer",
                baseline=Decimal("0"),
                measurement_method="Udtræk hvert kvartal.",
                responsible=self.manager.person,
            ),
            targets=[(year, Decimal(value)) for year, value in targets.items()],
            by=self.staff,
        )
        if sign:
            benefit_services.agreement_sign(
                agreement=agreement, by=self.manager, signed_on=date(2024, 12, 1)
            )
            line.refresh_from_db()
        return line

    def realise(
        self, line: BenefitLine, value: str, *, start: date, end: date, taken_home=False
    ) -> BenefitRealisation:
        return BenefitRealisation.objects.create(
            line=line,
            period_start=start,
            period_end=end,
            value=Decimal(value),
            evidence="Udtræk",
            recorded_by=self.staff,
            taken_home=taken_home,
            taken_home_on=end if taken_home else None,
        )

    # Ideas -------------------------------------------------------------------------

    def idea(
        self,
        *,
        confirmed_at: datetime | None,
        kind: str = Idea.Kind.IDEA,
        status: str = Idea.Status.RECEIVED,
        answer: str = "",
        moderation: str = Idea.Moderation.APPROVED,
        title: str = "En idé",
    ) -> Idea:
        return Idea.objects.create(
            title=title,
            description="Beskrivelse",
            kind=kind,
            status=status,
            answer=answer,
            confirmed_at=confirmed_at,
            consent_to_publish=True,
            moderation=moderation,
        )

    def answered(self, idea: Idea, *, at: datetime, answer: str) -> StatusChange:
        return StatusChange.objects.create(
            idea=idea, status=Idea.Status.ANSWERED, answer=answer, message="Svar", created_at=at
        )
