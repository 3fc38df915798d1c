"""The messages Samskab writes on an idea's status trail by itself, by code, in the reader's language.

A step of the trail keeps the code and its parameters (a task's title, a time
box: what a person wrote is kept as written, and numbers as numbers), so that
each reader gets the message in their own language and e-mail goes in Danish.
A message a person types (the unit's answer, a forum's reason) is kept as typed.
The services of ideas and of the portfolio pass these codes to
``services.idea_change_status``; migration 0008 recognised the Danish texts
written before.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RECEIVED = "received"
ASSESSING = "assessing"
SPARRING = "sparring"
PART_OF_TASK = "part-of-task"


@dataclass(frozen=True)
class Message:
    text: Promise
    params: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()  # parameters shown in the reader's number format


MESSAGES = {
    RECEIVED: Message(
        _("Thank you. The innovation unit has received the idea and will answer it.")
    ),
    ASSESSING: Message(
        _(
            "The innovation unit is assessing the idea against its criteria. "
            "You will hear what comes of it."
        )
    ),
    SPARRING: Message(
        _(
            "The innovation unit will help develop the idea: it is in the unit's sparring "
            "queue, with up to %(hours)s hours of sparring, in the order the innovation chief "
            "sets. The submitter hears from us when the sparring is done."
        ),
        params=("hours",),
        numbers=("hours",),
    ),
    PART_OF_TASK: Message(
        _("The idea is now part of the innovation task “%(task)s”, prioritised by %(reference)s."),
        params=("task", "reference"),
    ),
}


def number(value: Decimal | str) -> str:
    """20 → "20", 2.5 → "2,5" in Danish and "2.5" in English."""
    value = Decimal(value)
    return formats.number_format(value, decimal_pos=0 if value == value.to_integral() else 1)


def check(code: str, params: Mapping[str, str]) -> None:
    """Refuse a code Samskab does not know, or parameters that do not fit it (a bug, not input)."""
    message = MESSAGES.get(code)
    if message is None:
        raise ValueError(f"No status trail message has the code {code!r}.")
    if set(params) != set(message.params) or not all(isinstance(v, str) for v in params.values()):
        raise ValueError(f"The message {code!r} takes {message.params}, not {dict(params)!r}.")
    for name in message.numbers:
        try:
            Decimal(params[name])
        except InvalidOperation as error:
            raise ValueError(f"{name} of {code!r} is a number, not {params[name]!r}.") from error


def render(code: str, params: Mapping[str, str]) -> str:
    """The message in the active language; "" for a code this version no longer knows."""
    message = MESSAGES.get(code)
    if message is None:
        return ""
    values = {name: params.get(name, "") for name in message.params}
    for name in message.numbers:
        values[name] = number(values[name])
    return str(message.text) % values if message.params else str(message.text)
