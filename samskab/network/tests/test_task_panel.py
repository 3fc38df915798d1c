"""The task page's "Partnere" panel: the task's active partnerships with their
organisations, at a fixed cost."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles
from samskab.network import services
from samskab.network.models import Partnership

Status = Partnership.Status


def _panel(html: str) -> str:
    start = html.index('id="partners-heading"')
    return html[start : html.index("</section>", start)]


def test_the_panel_lists_the_tasks_active_partnerships_with_their_organisations(
    client, personas, make_task, make_partnership, make_organisation
):
    task = make_task()
    make_partnership(
        "4K: Synlig læring",
        organisations=[
            make_organisation("Gladsaxe Kommune"),
            make_organisation("Rudersdal Kommune"),
        ],
        tasks=[(task, "Afprøver modellen")],
    )
    make_partnership("Forhandles endnu", status=Status.NEGOTIATION, tasks=[(task, "")])
    make_partnership("En anden opgaves", tasks=[(make_task("Træn dig fri"), "")])
    client.force_login(personas[roles.MEDARBEJDER])

    panel = _panel(client.get(reverse("portfolio:task-detail", args=[task.pk])).text)

    assert "4K: Synlig læring" in panel
    assert "Afprøver modellen" in panel
    assert "Gladsaxe Kommune, Rudersdal Kommune" in panel
    assert "Forhandles endnu" not in panel
    assert "En anden opgaves" not in panel
    assert reverse("network:partnership-create") not in panel  # an employee links nothing


def test_an_ended_partnership_leaves_the_panel_at_once(client, staff, make_task, make_partnership):
    task = make_task()
    partnership = make_partnership("4K: Synlig læring", tasks=[(task, "")])
    client.force_login(staff)
    url = reverse("portfolio:task-detail", args=[task.pk])
    assert "4K: Synlig læring" in _panel(client.get(url).text)

    services.partnership_end(partnership=partnership, status=Status.ENDED, by=staff)

    assert "4K: Synlig læring" not in _panel(client.get(url).text)


def test_the_unit_is_offered_a_new_partnership_on_the_task(client, staff, make_task):
    task = make_task()
    client.force_login(staff)
    panel = _panel(client.get(reverse("portfolio:task-detail", args=[task.pk])).text)
    assert f"{reverse('network:partnership-create')}?opgave={task.pk}" in panel


def test_the_task_page_costs_the_same_with_one_and_many_partnerships(
    client, staff, make_task, make_partnership, make_organisation
):
    task = make_task()
    client.force_login(staff)
    url = reverse("portfolio:task-detail", args=[task.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    make_partnership("P 0", organisations=[make_organisation("O 0")], tasks=[(task, "")])
    few = count()
    for i in range(1, 10):
        make_partnership(
            f"P {i}",
            organisations=[make_organisation(f"O {i}a"), make_organisation(f"O {i}b")],
            tasks=[(task, "")],
        )
    many = count()
    assert few == many
