"""The meeting pack's "Benefits so far" section."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskab.governance import briefs


def test_the_brief_shows_the_agreement_and_benefits_so_far(task, signed, realise, make_task):
    _, line = signed(task)
    realise(line, "30000")
    lacking = make_task("Uden aftale", phase=4)
    brief, other = briefs.briefs_for([task, lacking])
    part = next(p for p in brief.parts if p.key == "benefits")
    assert not part.pending
    assert "Aftale underskrevet" in part.text
    assert "Økonomisk (kr.): 30.000 realiseret af 600.000 forventet" in part.text
    assert next(p for p in other.parts if p.key == "benefits").text == (
        "Ingen gevinstrealiseringsaftale endnu."
    )


def test_a_pack_of_40_costs_what_a_pack_of_2_costs(make_task, signed, realise):
    section = next(s for s in briefs.sections() if s.key == "benefits")

    def cost(tasks):
        with CaptureQueriesContext(connection) as captured:
            section.prefetch(tasks, [])
            for task in tasks:
                section.render(task)
        return len(captured.captured_queries)

    tasks = []
    for i in range(40):
        task = make_task(f"Opgave {i}")
        _, line = signed(task, targets=[(2025, Decimal("1000"))])
        realise(line, "10")
        tasks.append(task)
    assert cost(tasks[:2]) == cost(tasks) == 3
