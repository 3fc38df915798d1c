"""Measure the similar-ideas matcher on the labelled Danish pairs.

    .venv/bin/python scripts/evaluate_similarity.py                 # SQLite
    DATABASE_URL=postgres://... .venv/bin/python scripts/evaluate_similarity.py

Two measurements, both over samskab/ideas/tests/data/similar_pairs.csv (pairs of
idea texts A and B, labelled 1 "the same idea in other words" or 0 "a different idea"):

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

import csv
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PAIRS = BASE_DIR / "samskab" / "ideas" / "tests" / "data" / "similar_pairs.csv"
THRESHOLDS = (0.10, 0.14, 0.18, 0.22, 0.26, 0.30)
SUGGESTIONS = 5  # what the idea form shows


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    others: list[int] = field(default_factory=list)  # suggestions besides the pair's own A

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
        return text


def load_pairs() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


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
    the counts per threshold for each half (dev, test) of the pairs.

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
    by_split = {split: {t: Counts() for t in thresholds} for split in ("dev", "test")}
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
        positives += actual
        candidates_found += actual and any(idea.pk == original.pk for idea, _ in scored)
        for t in thresholds:
            shown = [idea.pk for idea, score in scored if score >= t][:SUGGESTIONS]
            predicted = original.pk in shown
            for c in (counts[t], by_split[pair["split"]][t]):
                c.add(predicted=predicted, actual=actual)
                c.others.append(len(shown) - predicted)
    return counts, candidates_found / positives, by_split


def main() -> None:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment, teardown_test_environment

    from samskab.ideas.similarity import SIMILARITY_THRESHOLD

    pairs = load_pairs()
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
            print(f"     {split_counts[SIMILARITY_THRESHOLD].line()}")
    finally:
        runner.teardown_databases(old_config)
        teardown_test_environment()


if __name__ == "__main__":
    main()
