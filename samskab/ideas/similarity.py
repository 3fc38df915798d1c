"""'Similar ideas' while someone types a new idea: is it already there, in other words?

Two steps, two queries at most:

1. Candidates: the full-text search (samskab.ideas.search) for any of the new text's
   significant words, best ranked first; it finds compounds by their first part too.
2. Re-scoring in Python: a cosine similarity of the two texts' sets of Danish stems.
   Danish glues words together ("skolekantine", "madaffald"), so a stem that begins or
   ends with another stem of at least four letters counts half a match.

Only candidates scoring at least ``SIMILARITY_THRESHOLD`` are returned. The threshold,
the weights and their measured precision and recall are in docs/similar-ideas.md;
``scripts/evaluate_similarity.py`` measures them again.
"""

from __future__ import annotations

import math

from django.db.models import QuerySet

from samskab.ideas.models import Idea
from samskab.ideas.search import DANISH_STOP_WORDS, search_ideas, stem, words

SIMILARITY_THRESHOLD = 0.16
# Title stems weigh this much against the description's. Measured: more weight on the
# title did not help (duplicates are often titled differently, different ideas alike).
TITLE_WEIGHT = 1.0
# A stem that starts or ends with another stem at least this long is a partial match...
PART_MIN_LENGTH = 4
# ...worth this much of an exact one. Longer "words" are not split (junk, and quadratic).
PART_WEIGHT = 0.5
COMPOUND_MAX_LENGTH = 40
# How many words of the new text go into the full-text query, and how many ideas it fetches.
QUERY_WORDS = 16
CANDIDATES = 50

# Words that say nothing about what an idea is about: Snowball's Danish stop words, and
# the small talk of idea forms ("kommunen bør lave flere ...", "jeg foreslår gerne ...").
# Kept short on purpose: ordinary words such as "dag", "tid" or "ved" cost recall when
# removed, since reworded duplicates sometimes share little else.
_FORM_SMALL_TALK = """
kommune kommunen kommunens kommunale kommunal borger borgere borgerne borgerens
idé ide ideen idéen forslag foreslår foreslå gerne bør fx eks osv synes tror måske bare
rigtig virkelig lav lave laver kan få får give flere mere bedre ny nye nyt
"""
STOP_WORDS = DANISH_STOP_WORDS | frozenset(_FORM_SMALL_TALK.split())

Profile = dict[str, float]


def _significant(text: str) -> list[tuple[str, str]]:
    """(word, stem) for the words of ``text`` that carry meaning."""
    return [(w, stem(w)) for w in words(text) if len(w) > 1 and w not in STOP_WORDS]


def profile(title: str, description: str) -> Profile:
    """The stems of an idea's text with their weights: TITLE_WEIGHT in the title, else 1."""
    weights: Profile = {}
    for _, s in _significant(description):
        weights[s] = 1.0
    for _, s in _significant(title):
        weights[s] = max(weights.get(s, 0.0), TITLE_WEIGHT)
    return weights


def _parts(s: str) -> set[str]:
    """The beginnings and endings of ``s`` long enough to be a word of a compound."""
    if len(s) > COMPOUND_MAX_LENGTH:
        return set()
    return {s[:n] for n in range(PART_MIN_LENGTH, len(s))} | {
        s[-n:] for n in range(PART_MIN_LENGTH, len(s))
    }


def _matched_weight(a: Profile, b: Profile) -> float:
    """Sum over ``a``'s stems of weight x the best match in ``b`` (exact, or half for parts)."""
    b_parts: dict[str, float] = {}
    for s, w in b.items():
        for part in _parts(s):
            b_parts[part] = max(b_parts.get(part, 0.0), w)
    total = 0.0
    for s, w in a.items():
        if s in b:
            total += w * b[s]
            continue
        partial = b_parts.get(s, 0.0)  # s is the beginning or end of a stem of b
        for part in _parts(s):  # a stem of b is the beginning or end of s
            partial = max(partial, b.get(part, 0.0))
        total += PART_WEIGHT * w * partial
    return total


def similarity(a: Profile, b: Profile) -> float:
    """Cosine similarity of two profiles, partial matches counted; 0 (unrelated) to 1."""
    norms = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    if not norms:
        return 0.0
    return min(1.0, (_matched_weight(a, b) + _matched_weight(b, a)) / 2 / norms)


def score_texts(title_a: str, description_a: str, title_b: str, description_b: str) -> float:
    """How alike two ideas' texts are, as similar_ideas() scores them."""
    return similarity(profile(title_a, description_a), profile(title_b, description_b))


def query_words(title: str, description: str) -> list[str]:
    """Up to QUERY_WORDS significant words, one per stem, for the candidate search.

    The title's words first, then the description's longest words: in Danish the long
    ones are mostly compounds, which say the most about what an idea is about.
    """
    chosen: dict[str, str] = {}
    by_length = sorted(_significant(description), key=lambda pair: -len(pair[0]))
    for w, s in _significant(title) + by_length:
        if len(chosen) == QUERY_WORDS:
            break
        if w != "or":  # "or" would be an operator in the search
            chosen.setdefault(s, w)
    return list(chosen.values())


def similar_ideas(
    *,
    title: str,
    description: str,
    ideas: QuerySet[Idea],
    limit: int = 5,
    threshold: float = SIMILARITY_THRESHOLD,
) -> list[tuple[Idea, float]]:
    """Ideas in ``ideas`` that look like the one being written, most alike first, with scores.

    ``ideas`` is the caller's queryset of what the writer may see (exclude the idea
    itself when editing); it must not be sliced. Two queries at most: the search, then
    the ideas.
    """
    candidate_words = query_words(title, description)
    if not candidate_words or limit <= 0:
        return []
    ids = search_ideas(ideas, " or ".join(candidate_words), limit=CANDIDATES)
    if not ids:
        return []
    new = profile(title, description)
    candidates = {idea.pk: idea for idea in ideas.filter(pk__in=ids).defer("search_vector")}
    scored = [
        (idea, similarity(new, profile(idea.title, idea.description)))
        for idea in candidates.values()
    ]
    scored = [pair for pair in scored if pair[1] >= threshold]
    scored.sort(key=lambda pair: (-pair[1], pair[0].pk))
    return scored[:limit]
