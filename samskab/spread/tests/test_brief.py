"""The meeting pack's "Scaling and spreading" section."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.governance import briefs
from samskab.network.models import Organisation
from samskab.spread import services
from samskab.spread.models import Uptake

from .conftest import units_named


def test_the_brief_shows_the_plan_the_degree_and_the_uptake(task, staff, make_task):
    services.plan_save(task=task, approach="I bølger.", by=staff)
    first, _second = services.targets_add(
        task=task, units=units_named("Dyssegårdsskolen", "Vangeboskolen"), by=staff
    )
    services.adoption_set_state(
        adoption=first, state="operating", on=timezone.localdate(), by=staff
    )
    services.uptake_save(
        uptake=Uptake(
            task=task,
            organisation=Organisation.objects.create(name="Rudersdal Kommune", kind="municipality"),
            since=timezone.localdate(),
        ),
        by=staff,
    )
    without = make_task("Uden plan", phase=5)
    early = make_task("Tidlig", phase=3)
    brief, lacking, young = briefs.briefs_for([task, without, early])
    part = next(p for p in brief.parts if p.key == "spread")
    assert part.text.splitlines() == [
        "Skaleringsplan: Udkast",
        "Skaleringsgrad 50 %: 1 af 2 målenheder i drift.",
        "Taget op af 1 andet område eller anden organisation.",
    ]
    assert next(p for p in lacking.parts if p.key == "spread").text == "Ingen skaleringsplan endnu."
    assert next(p for p in young.parts if p.key == "spread").pending is False
    assert not next(p for p in young.parts if p.key == "spread").text


def test_a_pack_of_40_costs_what_a_pack_of_2_costs(make_task, staff):
    section = next(s for s in briefs.sections() if s.key == "spread")

    def cost(tasks):
        with CaptureQueriesContext(connection) as captured:
            section.prefetch(tasks, [])
            for task in tasks:
                section.render(task)
        return len(captured.captured_queries)

    tasks = []
    for number in range(40):
        task = make_task(f"Opgave {number}")
        services.plan_save(task=task, approach="x", by=staff)
        services.targets_add(task=task, units=units_named("Vangeboskolen"), by=staff)
        tasks.append(task)
    assert cost(tasks[:2]) == cost(tasks) == 3
