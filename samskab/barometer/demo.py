"""Demo data: the innovation barometer's answers for most tasks.

Every task from phase 4 on has answered every question, and so have the tasks
in phases 1 to 3 but two, which have not answered yet: the export's "not
answered" rows and its list of tasks to follow up have something to show.

Written in bulk, because ``seed_demo --scale 334`` makes thousands of tasks.
"""

import random

from samskab.portfolio.models import InnovationTask

from .models import PARTNER_FIELDS, Evaluation, Initiator, Origin, Spread, SurveyAnswers

BATCH = 2000
VALUES = ("value_quality", "value_efficiency", "value_involvement", "value_employees")
FUNDING = ("funding_operating", "funding_pool", "funding_external", "funding_partners")
PARTNERS = tuple(field for field in PARTNER_FIELDS if field != "partner_none")


def _answers(task: InnovationTask, rng: random.Random) -> SurveyAnswers:
    answers = SurveyAnswers(task=task)
    # Most innovations serve quality, many efficiency too; a few a political goal.
    answers.value_quality = rng.random() < 0.8
    answers.value_efficiency = rng.random() < 0.55
    answers.value_involvement = rng.random() < 0.35
    answers.value_employees = rng.random() < 0.3
    answers.value_political = rng.random() < 0.2
    if not any(getattr(answers, field) for field in (*VALUES, "value_political")):
        answers.value_quality = True
    answers.origin = rng.choices([Origin.NEW, Origin.ADAPTED], weights=[3, 2])[0]
    answers.initiator = rng.choices(
        [
            Initiator.MANAGEMENT,
            Initiator.EMPLOYEES,
            Initiator.POLITICIANS,
            Initiator.CITIZENS,
            Initiator.COMPANIES,
            Initiator.PUBLIC_BODIES,
            Initiator.OTHER,
        ],
        weights=[40, 25, 15, 8, 4, 6, 2],
    )[0]
    if rng.random() < 0.1:
        answers.partner_none = True
    else:
        for field, share in zip(PARTNERS, (0.3, 0.15, 0.1, 0.35, 0.3, 0.25, 0.5), strict=True):
            setattr(answers, field, rng.random() < share)
        if not any(getattr(answers, field) for field in PARTNERS):
            answers.partner_citizens = True
    for field, share in zip(FUNDING, (0.85, 0.4, 0.25, 0.15), strict=True):
        setattr(answers, field, rng.random() < share)
    if not any(getattr(answers, field) for field in FUNDING):
        answers.funding_operating = True
    if task.phase >= 5:
        answers.spread = rng.choices([Spread.YES, Spread.NO, Spread.NOT_YET], weights=[5, 1, 2])[0]
        answers.evaluation = rng.choices(
            [Evaluation.INTERNAL, Evaluation.EXTERNAL, Evaluation.BOTH, Evaluation.NOT_YET],
            weights=[4, 2, 2, 1],
        )[0]
    else:
        answers.spread = rng.choices([Spread.NOT_YET, Spread.NO, Spread.YES], weights=[6, 2, 1])[0]
        answers.evaluation = rng.choices(
            [Evaluation.NOT_YET, Evaluation.INTERNAL, Evaluation.EXTERNAL], weights=[5, 3, 1]
        )[0]
    return answers


def seed_barometer(*, rng: random.Random) -> int:
    """Answers for the demo's tasks; returns how many tasks have them."""
    tasks = list(InnovationTask.objects.order_by("pk").only("pk", "phase"))
    early = [task for task in tasks if task.phase <= 3]
    unanswered = {task.pk for task in early[:2]}
    rows = [_answers(task, rng) for task in tasks if task.pk not in unanswered]
    SurveyAnswers.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
