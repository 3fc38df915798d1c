"""An idea through triage, a proposal, a meeting, a start decision and a gate, axe-clean throughout."""

from django.utils import timezone
from playwright.sync_api import expect

from samskab.governance.models import Decision, Meeting
from samskab.ideas.models import Idea
from samskab.portfolio.models import Assessment, Criterion, InnovationTask, TaskProposal


def choose(select, text: str) -> None:
    """Pick the option whose text contains ``text``."""
    option = select.locator("option", has_text=text).first
    select.select_option(option.get_attribute("value"))


def test_an_idea_becomes_a_task_and_passes_its_first_gate(page, login, assert_accessible):
    idea = Idea.objects.filter(
        moderation="approved", audience="public", merged_into=None, status="received"
    ).first()

    # Triage: the chief opens an assessment, assigns themself, scores and submits.
    login(page, "innovationschef")
    page.goto(f"/vurdering/ny/?ide={idea.pk}")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    assessment = Assessment.objects.get(ideas=idea)
    assert page.url.endswith(f"/vurdering/{assessment.pk}/")
    assert_accessible(page)

    assign = page.locator("main form[action$='/tildel/']").last
    choose(assign.locator("select[name=assessor]"), "Peter Damgaard")
    with page.expect_navigation():
        assign.locator("button[type=submit]").click()
    score = page.locator("main form[action$='/score/']")
    for criterion in Criterion.objects.filter(active=True):
        score.locator(f"input[name=value_{criterion.pk}][value='4']").check()
        score.locator(f"textarea[name=reason_{criterion.pk}]").fill("Stort behov i området.")
    with page.expect_navigation():
        score.locator("button[name=submit]").click()
    assert assessment.assignments.get().submitted_at is not None
    assert_accessible(page)

    classify = page.locator("main form[action$='/klassificer/']")
    classify.locator("input[name=novelty][value=radical]").check()
    classify.locator("input[name=category][value=service]").check()
    with page.expect_navigation():
        classify.locator("button[type=submit]").click()

    decide = page.locator("main form[action$='/beslut/']")
    decide.locator("input[name=outcome][value=proposal]").check()
    decide.locator("textarea[name=reason]").fill("Idéen foreslås som innovationsopgave.")
    decide.locator("select[name=owning_area]").select_option(label="Social og Sundhed")
    owner = decide.locator("select[name=owner]")
    expect(owner.locator("option", has_text="Henrik Vestergaard")).to_have_count(1)
    choose(owner, "Henrik Vestergaard")
    decide.locator("textarea[name=problem]").fill("Et problem, som borgerne mærker hver dag.")
    decide.locator("textarea[name=ambition]").fill("Halvt så mange oplever problemet om to år.")
    with page.expect_navigation():
        decide.locator("button[type=submit]").click()
    proposal = TaskProposal.objects.get(assessment=assessment)
    idea.refresh_from_db()
    assert idea.answer == Idea.Answer.PROPOSED_TASK

    page.goto("/vurdering/prioritering/")
    assert_accessible(page)
    page.goto("/portefolje/")
    expect(page.get_by_role("link", name=proposal.title)).to_be_visible()
    assert_accessible(page)

    # The executive board meets; the proposal is on the agenda Samskab proposes.
    page.context.clear_cookies()
    login(page, "direktion")
    meeting = Meeting.objects.filter(forum__kind="executive", starts_at__gte=timezone.now()).first()
    page.goto(f"/moeder/{meeting.pk}/")
    expect(page.locator("main")).to_contain_text(proposal.title)
    assert_accessible(page)
    page.goto(f"/moeder/{meeting.pk}/pakke/")
    assert_accessible(page)

    page.goto(f"/beslutninger/ny/?moede={meeting.pk}&forslag={proposal.pk}&art=start")
    assert_accessible(page)
    form = page.locator("main form").filter(has=page.locator("textarea[name=rationale]"))
    form.locator("input[name=political_reference]").fill("Kommunalbestyrelsen 2026, sag 417")
    form.locator("textarea[name=rationale]").fill("Opgaven har stort potentiale.")
    with page.expect_navigation():
        form.locator("button[type=submit]:not([name=_refresh])").last.click()
    task = InnovationTask.objects.get(proposal=proposal)
    assert (task.status, task.phase) == ("active", 1)

    # A gate: the checklist is not done, so the board goes on despite it, with a reason.
    page.goto(f"/opgaver/{task.pk}/")
    assert_accessible(page)
    page.goto(f"/beslutninger/ny/?opgave={task.pk}&art=gate_go")
    form = page.locator("main form").filter(has=page.locator("textarea[name=rationale]"))
    form.locator("input[name=despite_keys][value=exit-checklist]").check()
    form.locator("textarea[name=despite]").fill("Tjeklisten følges op på næste møde.")
    next_gate = timezone.localdate() + timezone.timedelta(days=60)
    form.locator("input[name=next_gate_on]").fill(next_gate.isoformat())
    form.locator("textarea[name=rationale]").fill("Holdet er klar til at gå i gang.")
    next_gate = timezone.localdate() + timezone.timedelta(days=60)
    form.locator("input[name=next_gate_on]").fill(next_gate.isoformat())
    with page.expect_navigation():
        form.locator("button[type=submit]:not([name=_refresh])").last.click()
    task.refresh_from_db()
    assert (task.phase, task.next_gate_on) == (2, next_gate)
    gate = Decision.objects.get(task=task, kind="gate_go", from_phase=1, to_phase=2)
    assert gate.despite_keys == ["exit-checklist"]
    page.goto(f"/opgaver/{task.pk}/")
    assert_accessible(page)
    page.goto("/beslutninger/")
    assert_accessible(page)


def test_pages_of_the_portfolio_are_accessible_for_its_roles(page, login, assert_accessible):
    task = InnovationTask.objects.get(title="Træn dig fri")
    login(page, "innovationsmedarbejder")
    for path in [
        "/vurdering/",
        "/sparring/",
        "/sparring/ny/",
        "/portefolje/",
        "/portefolje/?visning=liste",
        "/portefolje/forslag/ny/",
        "/portefolje/tjeklister/",
        f"/opgaver/{task.pk}/",
        f"/opgaver/{task.pk}/rediger/",
        "/moeder/",
        "/moeder/ny/",
    ]:
        response = page.goto(path)
        assert response.ok, path
        assert_accessible(page)
    page.context.clear_cookies()
    login(page, "innovationschef")
    page.goto("/vurdering/kriterier/")
    assert_accessible(page)
    page.context.clear_cookies()
    login(page, "opgaveudvalg")
    page.goto("/beslutninger/ny/")
    assert_accessible(page)
