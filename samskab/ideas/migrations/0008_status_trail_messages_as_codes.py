"""The messages Samskab wrote on status trails become codes, so each reader gets their language.

Until now Samskab wrote its own messages as Danish text (or as the English text,
before the Danish translation existed). A step whose message is exactly one of them,
with its parameters, gets the code and the parameters instead; any other message
was typed by a person and stays as it was. Going back writes the Danish text again.
The texts are copied here, as they were, so that later changes to the catalogue do
not change what this migration recognises.
"""

import re
from decimal import Decimal, InvalidOperation

from django.db import migrations
from django.db.models import Q

DANISH = {
    "received": "Tak. Innovationsenheden har modtaget idéen og vil besvare den.",
    "assessing": (
        "Innovationsenheden vurderer idéen ud fra sine kriterier. Du hører fra os, "
        "når vi ved, hvad der skal ske med den."
    ),
    "sparring": (
        "Innovationsenheden vil hjælpe med at udvikle idéen: den står i enhedens "
        "sparringskø med op til %(hours)s timers sparring, i den rækkefølge, "
        "innovationschefen fastlægger. Forslagsstilleren hører fra os, når sparringen "
        "er afsluttet."
    ),
    "part-of-task": (
        "Idéen indgår nu i innovationsopgaven “%(task)s”, som er prioriteret ved %(reference)s."
    ),
}
ENGLISH = {
    "received": "Thank you. The innovation unit has received the idea and will answer it.",
    "assessing": (
        "The innovation unit is assessing the idea against its criteria. "
        "You will hear what comes of it."
    ),
    "sparring": (
        "The innovation unit will help develop the idea: it is in the unit's sparring "
        "queue, with up to %(hours)s hours of sparring, in the order the innovation chief "
        "sets. The submitter hears from us when the sparring is done."
    ),
    "part-of-task": (
        "The idea is now part of the innovation task “%(task)s”, prioritised by %(reference)s."
    ),
}
NUMBERS = {"hours"}  # written in the Danish number format: 20, 7,5
DANISH_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?")
PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)s")  # %(name)s, as re.escape() leaves it
BATCH = 1_000


def _pattern(template: str) -> re.Pattern:
    return re.compile(PLACEHOLDER.sub(r"(?P<\1>.+)", re.escape(template)), re.S)


PATTERNS = [
    (code, _pattern(template)) for texts in (DANISH, ENGLISH) for code, template in texts.items()
]


def _number(text: str) -> str | None:
    """The Danish "7,5" or "1.000" as "7.5" and "1000"; None if it is not a number."""
    if not DANISH_NUMBER.fullmatch(text):
        return None
    try:
        return str(Decimal(text.replace(".", "").replace(",", ".")))
    except InvalidOperation:
        return None


def recognise(message: str) -> tuple[str, dict[str, str]] | None:
    """The code and parameters of a message Samskab wrote, or None for anything else."""
    for code, pattern in PATTERNS:
        match = pattern.fullmatch(message)
        if match is None:
            continue
        params = match.groupdict()
        for name in NUMBERS & params.keys():
            params[name] = _number(params[name])
            if params[name] is None:
                break
        else:
            return code, params
    return None


def _candidates():
    """Steps that may carry one of the messages: the rest are not read at all."""
    fixed = [text for texts in (DANISH, ENGLISH) for text in texts.values() if "%(" not in text]
    starts = [
        text.split("%(")[0]
        for texts in (DANISH, ENGLISH)
        for text in texts.values()
        if "%(" in text
    ]
    condition = Q(message__in=fixed)
    for start in starts:
        condition |= Q(message__startswith=start)
    return condition


def _in_batches(steps):
    """The steps by primary key, a batch at a time (never a cursor open while writing)."""
    last = 0
    while batch := list(steps.filter(pk__gt=last).order_by("pk")[:BATCH]):
        yield batch
        last = batch[-1].pk


def to_codes(apps, schema_editor):
    StatusChange = apps.get_model("ideas", "StatusChange")
    steps = StatusChange.objects.filter(_candidates(), code="").only("pk", "message")
    for batch in _in_batches(steps):
        changed = []
        for step in batch:
            found = recognise(step.message)
            if found is not None:
                step.code, step.params = found
                step.message = ""
                changed.append(step)
        StatusChange.objects.bulk_update(changed, ["code", "params", "message"])


def _danish(code: str, params: dict) -> str:
    if code not in DANISH:
        return code  # a code of a later version: no text to go back to
    values = {
        name: value.replace(".", ",") if name in NUMBERS else value
        for name, value in params.items()
    }
    return DANISH[code] % values if values else DANISH[code]


def to_texts(apps, schema_editor):
    StatusChange = apps.get_model("ideas", "StatusChange")
    steps = StatusChange.objects.exclude(code="").only("pk", "code", "params")
    for batch in _in_batches(steps):
        for step in batch:
            step.message = _danish(step.code, step.params)
            step.code, step.params = "", {}
        StatusChange.objects.bulk_update(batch, ["code", "params", "message"])


class Migration(migrations.Migration):
    dependencies = [("ideas", "0007_status_change_message_code")]

    operations = [migrations.RunPython(to_codes, to_texts)]
