"""The closure flags Samskab raised become codes, so each reader gets their language.

Until now the flag was Danish text naming the trials that missed. A task whose flag
is exactly that text for its concluded trials as they stand (the text the service
would write today) gets the code and the trials' titles instead; any other flag
was typed by the unit, or no longer fits the trials, and stays as it was. Going
back writes the Danish text again. The text is copied here as it was.
"""

from django.db import migrations

TRIALS_MISSED = "trials-missed"
DANISH = (
    "Alle afsluttede prøvehandlinger missede deres succeskriterium (%(trials)s). "
    "Overvej at lukke opgaven."
)
ENGLISH = (  # written before the Danish translation existed
    "Every concluded trial missed its success criterion (%(trials)s). Consider closing the task."
)
START = {text.split("%(")[0] for text in (DANISH, ENGLISH)}


def _missed(LearningCard, task_id: int) -> list[str] | None:
    """The titles of the task's concluded trials, as the service named them, if all missed."""
    cards = list(
        LearningCard.objects.filter(experiment__task_id=task_id, effect_documented=True)
        .order_by("experiment__starts_on", "experiment__pk")
        .values_list("criterion_met", "experiment__title")
    )
    if not cards or any(met for met, _title in cards):
        return None
    return [title for _met, title in cards]


def to_codes(apps, schema_editor):
    InnovationTask = apps.get_model("portfolio", "InnovationTask")
    LearningCard = apps.get_model("evidence", "LearningCard")
    flagged = InnovationTask.objects.filter(closure_flag_code="").exclude(closure_flag="")
    for task in flagged.only("pk", "closure_flag"):
        if not any(task.closure_flag.startswith(start) for start in START):
            continue
        missed = _missed(LearningCard, task.pk)
        if missed is None:
            continue
        names = {"trials": ", ".join(missed)}
        if task.closure_flag in (DANISH % names, ENGLISH % names):
            InnovationTask.objects.filter(pk=task.pk).update(
                closure_flag="",
                closure_flag_code=TRIALS_MISSED,
                closure_flag_params={"trials": missed},
            )


def to_texts(apps, schema_editor):
    InnovationTask = apps.get_model("portfolio", "InnovationTask")
    for task in InnovationTask.objects.filter(closure_flag_code=TRIALS_MISSED).only(
        "pk", "closure_flag_params"
    ):
        trials = ", ".join(task.closure_flag_params.get("trials", []))
        InnovationTask.objects.filter(pk=task.pk).update(
            closure_flag=DANISH % {"trials": trials},
            closure_flag_code="",
            closure_flag_params={},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0002_dates_within_sensible_bounds"),
        ("portfolio", "0006_task_closure_flag_code"),
    ]

    operations = [migrations.RunPython(to_codes, to_texts)]
