"""The team composer: who would best cover what a task still needs (seed §5.3, §6).

A pure function, fed by ``queries.composer_input``: no database here, so that
the ranking is easy to test, to reason about and to benchmark. It is greedy:
it picks the person who adds the most weighted coverage of the needs not yet
covered (minus a penalty for how busy they already are), counts what they
cover as covered, and picks again. Nobody already allocated 100 % or more is
proposed: they have no time to give (the composer's search still finds them by
name, with a warning).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# How much covering a need counts, by importance (nice, important, critical).
WEIGHT = {1: 1, 2: 3, 3: 9}
# An employee of the owning area while the task still lacks innovation partners.
PARTNER_BONUS = 4
# Points lost per 100 % of current allocation; at FULL a person is not proposed at all.
LOAD_PENALTY = 2
FULL = 100


@dataclass(frozen=True)
class Need:
    competency_id: int
    importance: int
    level: int = 2  # a member at this level or above covers it


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str = ""
    levels: Mapping[int, int] = field(default_factory=dict)  # competency id -> level 1-4
    load: int = 0  # allocation in % across active tasks now
    in_owning_area: bool = False
    external: bool = False
    mark: str = ""  # why someone from outside is offered, e.g. "Entrepreneur in residence"

    @property
    def is_full(self) -> bool:
        return self.load >= FULL


@dataclass(frozen=True)
class Proposal:
    candidate: Candidate
    covers: tuple[Need, ...]  # the needs not yet covered that the person covers
    as_partner: bool  # proposed as an innovation partner from the owning area
    score: float


def covers(levels: Mapping[int, int], need: Need) -> bool:
    return levels.get(need.competency_id, 0) >= need.level


def uncovered(needs: Iterable[Need], members: Iterable[Mapping[int, int]]) -> list[Need]:
    """The needs no member covers, most important first."""
    members = list(members)
    return sorted(
        (need for need in needs if not any(covers(levels, need) for levels in members)),
        key=lambda need: (-need.importance, need.competency_id),
    )


def coverage(needs: Sequence[Need], members: Iterable[Mapping[int, int]]) -> float:
    """The weighted share of the needs the members cover, 0-1 (1 when nothing is needed)."""
    total = sum(WEIGHT[need.importance] for need in needs)
    if not total:
        return 1.0
    missing = sum(WEIGHT[need.importance] for need in uncovered(needs, members))
    return (total - missing) / total


def load_penalty(load: int) -> float:
    return LOAD_PENALTY * min(load, FULL) / FULL


def compose(
    needs: Sequence[Need],
    members: Iterable[Mapping[int, int]],
    candidates: Iterable[Candidate],
    *,
    partners_needed: int = 0,
    limit: int = 8,
) -> list[Proposal]:
    """Up to ``limit`` people to add, best first; each adds coverage or a missing partner,
    and none is already allocated 100 % or more.

    Ties go to the less busy person, then to the lower id, so the result is the
    same whatever the order of ``candidates``.
    """
    remaining = uncovered(needs, members)
    pool: dict[int, Candidate] = {}
    for candidate in candidates:
        if not candidate.is_full:
            pool.setdefault(candidate.person_id, candidate)
    proposals: list[Proposal] = []
    while len(proposals) < limit and pool:
        best: tuple | None = None
        for candidate in pool.values():
            gained = tuple(need for need in remaining if covers(candidate.levels, need))
            partner = partners_needed > 0 and candidate.in_owning_area and not candidate.external
            if not gained and not partner:
                continue
            score = (
                sum(WEIGHT[need.importance] for need in gained)
                + (PARTNER_BONUS if partner else 0)
                - load_penalty(candidate.load)
            )
            key = (score, -candidate.load, -candidate.person_id)
            if best is None or key > best[0]:
                best = (key, candidate, gained, partner)
        if best is None:
            break
        (score, _, _), candidate, gained, partner = best
        proposals.append(Proposal(candidate, gained, partner, score))
        del pool[candidate.person_id]
        remaining = [need for need in remaining if need not in gained]
        if partner:
            partners_needed -= 1
    return proposals
