"""Time the Danish full-text search and "similar ideas" on 100,000 synthetic ideas.

    .venv/bin/python scripts/bench_search.py                   # SQLite (in memory)
    DATABASE_URL=postgres://... .venv/bin/python scripts/bench_search.py
    .venv/bin/python scripts/bench_search.py --ideas 20000 --runs 7

The ideas are the titles and sentences of samskab/ideas/tests/data/similar_pairs.csv
recombined at random (a fixed seed), so every word is common: a pessimistic case. They
go into a throwaway test database made by Django's test runner, are indexed with
``index_all()``, and each query runs ``--runs`` times; the median is printed with the
number of ideas it matches. docs/similar-ideas.md and docs/performance.md quote the
results.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PAIRS = BASE_DIR / "samskab" / "ideas" / "tests" / "data" / "similar_pairs.csv"
QUERIES = [
    "hundeskov",  # rare
    "skole",  # common, and the first part of many compounds
    "ældre",  # the first part of ældrepleje, ældrecenter, ...
    "park",  # a short stem that begins unrelated words (parkering)
    "bibliotek or svømmehal",
    "ældre hjemmehjælp",
    "bibl",  # a word being typed
]
SIMILAR = [
    ("Flere bænke i byparken", "Ældre og andre mangler steder at hvile, når de går tur."),
    (
        "Lektiehjælp på biblioteket",
        " ".join(["Eleverne i udskolingen mangler et roligt sted at lave lektier."] * 40),
    ),
]


def synthetic_ideas(n: int, seed: int = 7) -> list[tuple[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as f:
        pairs = list(csv.DictReader(f))
    titles = [pair[f"title_{side}"] for pair in pairs for side in "ab"]
    sentences = [
        sentence.strip()
        for pair in pairs
        for side in "ab"
        for sentence in re.split(r"(?<=[.!?])\s+", pair[f"description_{side}"])
        if sentence.strip()
    ]
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    return [
        (rng.choice(titles), " ".join(rng.sample(sentences, rng.randint(1, 4)))) for _ in range(n)
    ]


def median_ms(function, runs: int, variants: dict[str, int]) -> dict[str, float]:
    """Median milliseconds of ``function`` for each PREFIX_MIN_LENGTH, run in turns."""
    from samskab.ideas import search

    chosen = search.PREFIX_MIN_LENGTH
    times: dict[str, list[float]] = {name: [] for name in variants}
    try:
        for _ in range(runs):
            for name, length in variants.items():
                search.PREFIX_MIN_LENGTH = length
                start = time.perf_counter()
                function()
                times[name].append((time.perf_counter() - start) * 1000)
    finally:
        search.PREFIX_MIN_LENGTH = chosen
    return {name: statistics.median(values) for name, values in times.items()}


def matches(query: str, ideas, length: int) -> int:
    from samskab.ideas import search

    chosen, search.PREFIX_MIN_LENGTH = search.PREFIX_MIN_LENGTH, length
    try:
        return len(search.search_ideas(ideas, query, limit=10**9))
    finally:
        search.PREFIX_MIN_LENGTH = chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ideas", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--prefix-lengths",
        default="",
        help="also time these PREFIX_MIN_LENGTHs, e.g. 3,5 (0 = no prefix search at all)",
    )
    args = parser.parse_args()

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskab.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test.runner import DiscoverRunner
    from django.test.utils import setup_test_environment, teardown_test_environment
    from django.utils import timezone

    from samskab.ideas.models import Idea
    from samskab.ideas.search import PREFIX_MIN_LENGTH, index_all, search_ideas
    from samskab.ideas.similarity import similar_ideas

    variants = {f"prefix from {PREFIX_MIN_LENGTH} letters": PREFIX_MIN_LENGTH}
    for length in filter(None, args.prefix_lengths.split(",")):
        name = "no prefix" if int(length) == 0 else f"prefix from {int(length)} letters"
        variants[name] = int(length) or 10**6

    runner = DiscoverRunner(verbosity=0, interactive=False)
    setup_test_environment()
    old_config = runner.setup_databases()
    try:
        now = timezone.now()
        Idea.objects.bulk_create(
            (
                Idea(
                    title=title,
                    description=description,
                    confirmed_at=now,
                    consent_to_publish=True,
                    moderation=Idea.Moderation.APPROVED,
                )
                for title, description in synthetic_ideas(args.ideas)
            ),
            batch_size=5_000,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE ideas_idea")
        start = time.perf_counter()
        index_all()
        print(f"{connection.vendor}, {args.ideas:,} ideas, medians of {args.runs} runs")
        print(f"index_all(): {time.perf_counter() - start:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE ideas_idea")
        visible = Idea.objects.filter(moderation=Idea.Moderation.APPROVED, audience="public")
        for query in QUERIES:
            timed = median_ms(lambda q=query: search_ideas(visible, q), args.runs, variants)
            print(f"search_ideas {query!r}")
            for name, ms in timed.items():
                print(f"  {name}: {ms:.0f} ms, {matches(query, visible, variants[name]):,} matches")
        for title, description in SIMILAR:
            timed = median_ms(
                lambda t=title, d=description: similar_ideas(title=t, description=d, ideas=visible),
                args.runs,
                variants,
            )
            print(f"similar_ideas {title!r} ({len(description.split())} words)")
            for name, ms in timed.items():
                print(f"  {name}: {ms:.0f} ms")
    finally:
        runner.teardown_databases(old_config)
        teardown_test_environment()


if __name__ == "__main__":
    main()
