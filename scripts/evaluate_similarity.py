"""Measure the similar-ideas matcher on the labelled Danish pairs.

    .venv/bin/python scripts/evaluate_similarity.py                 # SQLite
    DATABASE_URL=postgres://... .venv/bin/python scripts/evaluate_similarity.py
    .venv/bin/python scripts/evaluate_similarity.py --prefix-min-length 0   # exact stems only

Two measurements, both over samskab/ideas/tests/data/similar_pairs.csv and
compound_pairs.csv (pairs of idea texts A and B, labelled 1 "the same idea in other
words" or 0 "a different idea"; the second file holds pairs where a compound meets its
first part, "ældreplejen" / "de ældre"):

1. Scoring alone, no database: a pair counts as "same" when score_texts(A, B) reaches
   the threshold. Shown for the dev half (where the threshold was chosen), the test
   half (never looked at while choosing) and all pairs.
2. End to end, on a throwaway test database made by Django's test runner: every A
   text is an idea; for each pair, similar_ideas() is asked about B as if it were
   being typed, and the pair counts as "same" when A is among the (at most five)
   ideas it suggests. This includes the full-text candidate step, so a reworded
   duplicate that shares no stem with its original is missed here.

samskab/ideas/tests/test_search.py runs the end-to-end measurement on each database
and holds it to the figures in docs/similar-ideas.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA = BASE_DIR / "samskab" / "ideas" / "tests" / "data"
# The first set, and pairs added later where a compound meets its first part in other
# words ("ældreplejen" / "de ældre"); every pair has its set's name under "set".
PAIR_SETS = {"original": DATA / "similar_pairs.csv", "compound": DATA / "compound_pairs.csv"}
# Search words with a pattern saying which ideas are about them (see search_quality()).
SEARCH_QUERIES = DATA / "search_queries.csv"
# The shortest stems that search_ideas() also looks up by their beginning: chosen, and
# the alternatives shown beside it (0: exact stems only, as before compounds were found).
PREFIX_LENGTHS = (0, 3, 4, 5)
THRESHOLDS = (0.10, 0.14, 0.18, 0.22, 0.26, 0.30)
SUGGESTIONS = 5  # what the idea form shows


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    others: list[int] = field(default_factory=list)  # suggestions besides the pair's own A
    candidates: int = 0  # positives the full-text candidate step found (end to end only)

    def add(self, *, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        text = f"P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f}"
        text += f"  (tp={self.tp} fp={self.fp} fn={self.fn} tn={self.tn})"
        if self.others:
            text += f"  other suggestions per query: {sum(self.others) / len(self.others):.2f}"
            text += f"  candidates found: {self.candidates}/{self.tp + self.fn}"
        return text


def load_pairs() -> list[dict[str, str]]:
    pairs = []
    for name, path in PAIR_SETS.items():
        with path.open(encoding="utf-8", newline="") as f:
            pairs.extend({**pair, "set": name} for pair in csv.DictReader(f))
    return pairs


def scoring_alone(pairs: list[dict[str, str]], thresholds) -> dict[float, Counts]:
    from samskab.ideas.similarity import score_texts

    counts = {t: Counts() for t in thresholds}
    for pair in pairs:
        score = score_texts(
            pair["title_a"], pair["description_a"], pair["title_b"], pair["description_b"]
        )
        for t in thresholds:
            counts[t].add(predicted=score >= t, actual=pair["label"] == "1")
    return counts


def end_to_end(
    pairs: list[dict[str, str]], thresholds
) -> tuple[dict[float, Counts], float, dict[str, dict[float, Counts]]]:
    """Counts per threshold; the share of positives the candidate step finds at all; and
    the counts per threshold for each half (dev, test) and each set (original, compound)
    of the pairs.

    Needs a database with the migrations applied; adds one idea per pair.
    """
    from django.utils import timezone

    from samskab.ideas.models import Idea
    from samskab.ideas.search import index_ideas
    from samskab.ideas.similarity import CANDIDATES, similar_ideas

    now = timezone.now()
    originals = [
        Idea.objects.create(
            title=pair["title_a"],
            description=pair["description_a"],
            confirmed_at=now,
            consent_to_publish=True,
            moderation="approved",
        )
        for pair in pairs
    ]
    index_ideas([idea.pk for idea in originals])
    ideas = Idea.objects.filter(pk__in=[idea.pk for idea in originals])
    counts = {t: Counts() for t in thresholds}
    by_split = {
        split: {t: Counts() for t in thresholds}
        for split in ("dev", "test", *sorted({pair["set"] for pair in pairs}))
    }
    positives = candidates_found = 0
    for pair, original in zip(pairs, originals, strict=True):
        scored = similar_ideas(
            title=pair["title_b"],
            description=pair["description_b"],
            ideas=ideas,
            limit=CANDIDATES,
            threshold=0.0,
        )
        actual = pair["label"] == "1"
        found = actual and any(idea.pk == original.pk for idea, _ in scored)
        positives += actual
        candidates_found += found
        for t in thresholds:
            shown = [idea.pk for idea, score in scored if score >= t][:SUGGESTIONS]
            predicted = original.pk in shown
            for c in (counts[t], by_split[pair["split"]][t], by_split[pair["set"]][t]):
                c.add(predicted=predicted, actual=actual)
                c.others.append(len(shown) - predicted)
                c.candidates += found
    return counts, candidates_found / positives, by_split


def load_search_queries() -> list[dict[str, str]]:
    with SEARCH_QUERIES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def search_quality(
    pairs: list[dict[str, str]], queries: list[dict[str, str]], prefix_lengths
) -> dict[int, tuple[Counts, dict[str, tuple[int, int, int]]]]:
    """Precision and recall of search_ideas() for each shortest prefix stem length.

    Every text of the pairs (A and B) is an idea. An idea is relevant to a query when
    one of its words matches the query's ``relevant`` pattern from its first letter
    ("ældre" matches "ældreplejen"; "(by)?park(en|er|erne|ens)?$" matches "parken" but
    not "parkering"). Counts are summed over the queries; per query (found and
    relevant, relevant, found and not relevant). Needs a database; adds the ideas.
    """
    import re

    from django.utils import timezone

    from samskab.ideas import search
    from samskab.ideas.models import Idea

    now = timezone.now()
    ideas = Idea.objects.bulk_create(
        Idea(
            title=pair[f"title_{side}"],
            description=pair[f"description_{side}"],
            confirmed_at=now,
            consent_to_publish=True,
            moderation="approved",
        )
        for pair in pairs
        for side in "ab"
    )
    search.index_ideas([idea.pk for idea in ideas])
    in_this_set = Idea.objects.filter(pk__in=[idea.pk for idea in ideas])
    relevant = {
        query["query"]: {
            idea.pk
            for idea in ideas
            if any(
                re.match(query["relevant"], word)
                for word in search.words(f"{idea.title} {idea.description}")
            )
        }
        for query in queries
    }
    chosen = search.PREFIX_MIN_LENGTH
    results = {}
    try:
        for length in prefix_lengths:
            search.PREFIX_MIN_LENGTH = length or 10**6
            counts, per_query = Counts(), {}
            for query in queries:
                found = set(search.search_ideas(in_this_set, query["query"]))
                wanted = relevant[query["query"]]
                hits, misses, wrong = len(found & wanted), len(wanted - found), len(found - wanted)
                counts.tp, counts.fn, counts.fp = (
                    counts.tp + hits,
                    counts.fn + misses,
                    counts.fp + wrong,
                )
                per_query[query["query"]] = (hits, len(wanted), wrong)
            results[length] = (counts, per_query)
    finally:
        search.PREFIX_MIN_LENGTH = chosen
    return results


def main() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment, teardown_test_environment

    from samskab.ideas.search import PREFIX_MIN_LENGTH
    from samskab.ideas.similarity import SIMILARITY_THRESHOLD

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--prefix-min-length",
        type=int,
        help="search words by their beginning from this stem length on; 0 = never "
        "(default: samskab.ideas.search.PREFIX_MIN_LENGTH)",
    )
    parser.add_argument("--set", choices=["all", *PAIR_SETS], default="all")
    args = parser.parse_args()
    if args.prefix_min_length is not None:
        from samskab.ideas import search

        search.PREFIX_MIN_LENGTH = args.prefix_min_length or 10**6
        print(f"PREFIX_MIN_LENGTH = {args.prefix_min_length or 'never'}")

    pairs = [pair for pair in load_pairs() if args.set in ("all", pair["set"])]
    thresholds = sorted({*THRESHOLDS, SIMILARITY_THRESHOLD})
    positives = sum(pair["label"] == "1" for pair in pairs)
    print(f"{len(pairs)} pairs, {positives} the same idea, {len(pairs) - positives} different")
    print(f"chosen threshold: {SIMILARITY_THRESHOLD}\n")

    print("1. Scoring alone (score_texts, no database)")
    for split in ("dev", "test", "all"):
        subset = [p for p in pairs if split in ("all", p["split"])]
        print(f"   {split} ({len(subset)} pairs)")
        for t, counts in scoring_alone(subset, thresholds).items():
            mark = "*" if t == SIMILARITY_THRESHOLD else " "
            print(f"   {mark} {t:.2f}  {counts.line()}")

    runner = DiscoverRunner(verbosity=0, interactive=False)
    setup_test_environment()
    old_config = runner.setup_databases()
    try:
        counts, candidate_recall, by_split = end_to_end(pairs, thresholds)
        print(
            f"\n2. End to end on {connection.vendor} (similar_ideas, at most {SUGGESTIONS} "
            f"suggestions, {len(pairs)} ideas in the database)"
        )
        print(f"   positives found by the full-text candidate step: {candidate_recall:.2f}")
        for t, c in counts.items():
            mark = "*" if t == SIMILARITY_THRESHOLD else " "
            print(f"   {mark} {t:.2f}  {c.line()}")
        for split, split_counts in by_split.items():
            print(f"   {split} pairs only, at {SIMILARITY_THRESHOLD}:")
            if not split_counts[SIMILARITY_THRESHOLD].tp + split_counts[SIMILARITY_THRESHOLD].fn:
                print("     (none)")
                continue
            print(f"     {split_counts[SIMILARITY_THRESHOLD].line()}")
        queries = load_search_queries()
        results = search_quality(pairs, queries, sorted({*PREFIX_LENGTHS, PREFIX_MIN_LENGTH}))
        print(
            f"\n3. Search on {connection.vendor} (search_ideas, {len(queries)} words, every "
            f"text of the pairs an idea): found and relevant/relevant +found and not relevant"
        )
        for length, (counts, per_query) in results.items():
            mark = "*" if length == PREFIX_MIN_LENGTH else " "
            name = f"prefix from {length} letters" if length else "exact stems only"
            print(f"   {mark} {name}: P={counts.precision:.2f} R={counts.recall:.2f}")
            print("       " + ", ".join(f"{q} {h}/{n}+{w}" for q, (h, n, w) in per_query.items()))
    finally:
        runner.teardown_databases(old_config)
        teardown_test_environment()


if __name__ == "__main__":
    main()
