"""People from outside the municipality whom other apps offer to the team composer.

The innovation house offers its residents who consented to be proposed to teams. A
source is a key, a mark shown beside the person ("Iværksætter i huset") and a function
from the needs a team does not cover yet and the ids of its members to ``Offer``s, read
in one query whatever their number, so the composer's query count stays fixed. Only the
innovation unit is proposed people from outside (``composition_for``); teams never
imports the apps that register sources.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Offer:
    person_id: int
    levels: Mapping[int, int]  # competency id -> level 1-4


@dataclass(frozen=True)
class Source:
    key: str
    mark: Any  # a lazy translation, shown beside the person
    offers: Callable[[Sequence[Any], Iterable[int]], list[Offer]]


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.key] = source


def sources() -> list[Source]:
    return list(_SOURCES.values())
