"""A trial recorded, measured (a mistaken measurement deleted) and concluded with a learning card, after which the gate out of
phase 3 has the evidence it needs; axe-clean throughout."""

import io

from playwright.sync_api import expect

from samskab.evidence.models import Experiment
from samskab.portfolio import gates
from samskab.portfolio.models import InnovationTask


def test_a_trial_is_recorded_measured_and_concluded_and_the_gate_has_its_evidence(
    page, login, assert_accessible
):
    task = InnovationTask.objects.get(title="Én kontaktperson – hele familien")
    assert task.phase == 3
    # The demo's running trial is not concluded: the gate still lacks its evidence.
    assert "evidence" in [item.requirement.key for item in gates.unmet(task)]

    login(page, "innovationsmedarbejder")
    page.goto(f"/opgaver/{task.pk}/")
    panel = page.locator("section[aria-labelledby=trials-heading]")
    expect(panel).to_contain_text("Evidensniveau")
    assert_accessible(page)

    with page.expect_navigation():
        panel.get_by_role("link", name="Ny prøvehandling").click()
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=title]").fill("Familiemøder på én dag")
    form.locator("textarea[name=hypothesis]").fill(
        "Vi tror at ét samlet familiemøde giver færre møder i alt."
    )
    form.locator("textarea[name=intervention]").fill("Alle parter mødes samme dag.")
    form.locator("input[name=metric]").fill("Møder pr. familie")
    form.locator("input[name=unit]").fill("møder")
    form.locator("input[name=direction][value=lower]").check()
    form.locator("input[name=baseline]").fill("6")
    form.locator("textarea[name=success_criterion]").fill("Mindst to møder færre.")
    form.locator("input[name=target_change]").fill("2")
    form.locator("input[name=design][value=before_after]").check()
    form.locator("input[name=starts_on]").fill("2026-01-05")
    form.locator("input[name=ends_on]").fill("2026-03-30")
    owner = form.locator("select[name=owner]")
    owner.select_option(index=1)
    form.locator("select[name=value_served]").select_option("citizen_involvement")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    experiment = Experiment.objects.get(title="Familiemøder på én dag")
    assert page.url.endswith(f"/forsoeg/{experiment.pk}/")
    assert_accessible(page)

    # Two measurements by hand, the second after "save and add another".
    page.get_by_role("link", name="Ny måling").click()
    page.wait_for_url(f"**/forsoeg/{experiment.pk}/maalinger/ny/")
    assert_accessible(page)
    for date, value, again in (("2026-02-02", "3,5", True), ("2026-02-09", "4", False)):
        form = page.locator("main form")
        form.locator("input[name=measured_on]").fill(date)
        form.locator("input[name=value]").fill(value)
        form.locator("input[name=observations]").fill("14")
        with page.expect_navigation():
            form.locator("button[name=again]" if again else "button:not([name])").first.click()
    assert experiment.measurements.count() == 2
    expect(page.locator("main svg[role=img]")).to_be_visible()
    expect(page.locator("main table")).to_contain_text("3,5")
    assert_accessible(page)

    # A measurement entered by mistake is deleted after a confirmation.
    page.get_by_role("link", name="Ny måling").click()
    page.wait_for_url(f"**/forsoeg/{experiment.pk}/maalinger/ny/")
    form = page.locator("main form")
    form.locator("input[name=measured_on]").fill("2026-02-09")
    form.locator("input[name=value]").fill("40")
    form.locator("input[name=note]").fill("tastefejl")
    with page.expect_navigation():
        form.locator("button:not([name])").first.click()
    assert experiment.measurements.count() == 3
    row = page.locator("main table tbody tr", has_text="tastefejl")
    with page.expect_navigation():
        row.get_by_role("link", name="Slet").click()
    expect(page.locator("h1")).to_have_text("Slet en måling")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button", name="Slet målingen").click()
    assert page.url.endswith(f"/forsoeg/{experiment.pk}/")
    expect(page.locator("main")).to_contain_text("Målingen er slettet.")
    assert experiment.measurements.count() == 2

    # A third from a file; a bad file first, which imports nothing.
    page.get_by_role("link", name="Importér fra en fil").click()
    page.wait_for_url(f"**/forsoeg/{experiment.pk}/maalinger/import/")
    assert_accessible(page)
    page.locator("input[name=file]").set_input_files(
        {
            "name": "maalinger.csv",
            "mimeType": "text/csv",
            "buffer": "dato;værdi\n2026-02-16;3\n2026-02-23;mange\n".encode(),
        }
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Række 3: værdien “mange” er ikke et tal.")
    assert experiment.measurements.count() == 2
    assert_accessible(page)
    page.locator("input[name=file]").set_input_files(
        {
            "name": "maalinger.csv",
            "mimeType": "text/csv",
            "buffer": io.BytesIO("dato;værdi;antal\n2026-02-16;3;12\n".encode()).getvalue(),
        }
    )
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert experiment.measurements.count() == 3
    expect(page.locator("main")).to_contain_text("Evidensniveau 2")

    # Conclude with a learning card; the task page shows the advice beside the gate.
    page.get_by_role("link", name="Afslut med et læringskort").click()
    page.wait_for_url(f"**/forsoeg/{experiment.pk}/laeringskort/")
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("textarea[name=saw]").fill("Familierne havde halvt så mange møder.")
    form.locator("textarea[name=learned]").fill("Ét samlet møde sparer alle parter tid.")
    form.locator("textarea[name=decide]").fill("Vi gør familiemødet til standard.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url.endswith(f"/opgaver/{task.pk}/")
    panel = page.locator("section[aria-labelledby=trials-heading]")
    expect(panel).to_contain_text("Go: prøvehandlingen opfyldte sit succeskriterium")
    expect(panel).to_contain_text("gatens krav om evidens er opfyldt")
    expect(page.locator("section[aria-labelledby=gate-heading]")).not_to_contain_text(
        "En afsluttet prøvehandling med dokumenteret effekt"
    )
    assert "evidence" not in [item.requirement.key for item in gates.unmet(task)]
    assert_accessible(page)
