"""Triage: the assessors' queues, scoring, the chief's assignments and decisions, the
criteria, and the prioritisation of the candidates."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.pagination import paginate
from samskab.ideas.models import Idea

from ..forms.assessment import (
    AssessmentCreateForm,
    AssignForm,
    ClassifyForm,
    CriterionFormSet,
    DecideForm,
    ScoreForm,
    parse_idea_numbers,
)
from ..models import Assessment, AssessorAssignment, Criterion
from ..permissions import get_assessment_for
from ..queries import assessment as queries
from ..services import assessment as services

LIST_SIZE = 25
MAX_IDEAS = 50


def _errors(form) -> str:
    return " ".join(error for errors in form.errors.values() for error in errors)


# The list: my queue, and the open assessments -------------------------------------------


@dataclass
class Row:
    assessment: Assessment
    assign_form: AssignForm | None = None
    assigned: str = ""


def _row(assessment: Assessment, staff, form: AssignForm | None = None, assigned: str = "") -> Row:
    if staff is None:
        return Row(assessment)
    exclude = {assignment.assessor_id for assignment in assessment.assignments.all()}
    return Row(
        assessment,
        form or AssignForm(staff=staff, exclude=exclude, auto_id=f"id_%s_{assessment.pk}"),
        assigned,
    )


@require_perm("portfolio.view_assessments")
def assessment_list(request):
    user = request.user
    is_chief = user.has_perm("portfolio.manage_assessment")
    page = paginate(request, queries.open_assessments(), per_page=LIST_SIZE)
    staff = queries.possible_assessors() if is_chief else None
    return render(
        request,
        "portfolio/assessment/list.html",
        {
            "queue": queries.queue_for(user),
            "rows": [_row(assessment, staff) for assessment in page.object_list],
            "page_obj": page,
            "decided": queries.recently_decided(),
            "is_chief": is_chief,
            "can_edit_criteria": user.has_perm("portfolio.edit_criteria"),
        },
    )


@require_perm("portfolio.add_assessment")
def assessment_create(request):
    form = AssessmentCreateForm(request.POST or None)
    chosen = []
    if request.method == "GET":
        numbers = [n for n in request.GET.getlist("ide") if n.isdecimal() and len(n) < 10]
        numbers = numbers[:MAX_IDEAS]
        chosen = list(
            Idea.objects.filter(pk__in=numbers)
            .only("id", "title", "status", "answer")
            .order_by("pk")
        )
        form = AssessmentCreateForm(initial={"ideas": ", ".join(str(i.pk) for i in chosen)})
    created = []
    if request.method == "POST":
        numbers = parse_idea_numbers(request.POST.get("ideas", ""))
        chosen = list(
            Idea.objects.filter(pk__in=[n for n in numbers if n.isdecimal() and len(n) < 10])
            .only("id", "title", "status", "answer")
            .order_by("pk")[:MAX_IDEAS]
        )
        if run_service(
            form,
            lambda: created.append(
                services.assessment_create(
                    ideas=form.cleaned_data["ideas"],
                    title=form.cleaned_data["title"],
                    by=request.user,
                )
            ),
        ):
            messages.success(
                request, _("The assessment is started. The chief assigns the assessors.")
            )
            return redirect("portfolio:assessment-detail", pk=created[0].pk)
    return render(request, "portfolio/assessment/create.html", {"form": form, "chosen": chosen})


# One assessment ------------------------------------------------------------------------


def _initial_scores(scores) -> dict:
    initial = {}
    for criterion_id, score in scores.items():
        initial[f"value_{criterion_id}"] = score.value
        initial[f"reason_{criterion_id}"] = score.reason
    return initial


def _detail(
    request,
    assessment: Assessment,
    *,
    score_form: ScoreForm | None = None,
    classify_form: ClassifyForm | None = None,
    decide_form: DecideForm | None = None,
    assign_form: AssignForm | None = None,
):
    user = request.user
    page = queries.assessment_page(assessment, user)
    is_open = assessment.status == Assessment.Status.OPEN
    is_chief = user.has_perm("portfolio.manage_assessment")
    mine = page.my_assignment
    can_score = is_open and mine is not None and mine.submitted_at is None
    if can_score and score_form is None:
        score_form = ScoreForm(criteria=page.criteria, initial=_initial_scores(page.my_scores))
    can_classify = is_open and (is_chief or mine is not None)
    if can_classify and classify_form is None:
        classify_form = ClassifyForm(
            initial={"novelty": assessment.novelty, "category": assessment.category}
        )
    if is_open and is_chief:
        if assign_form is None:
            assign_form = AssignForm(
                staff=queries.possible_assessors(),
                exclude={assignment.assessor_id for assignment in page.assignments},
            )
        if decide_form is None:
            decide_form = DecideForm(ideas=page.ideas)
    return render(
        request,
        "portfolio/assessment/detail.html",
        {
            "assessment": assessment,
            "page": page,
            "is_open": is_open,
            "is_chief": is_chief and is_open,
            "score_form": score_form if can_score else None,
            "classify_form": classify_form if can_classify else None,
            "assign_form": assign_form if is_open and is_chief else None,
            "decide_form": decide_form if is_open and is_chief else None,
            "proposals": assessment.proposals.all() if not is_open else (),
        },
    )


@require_perm("portfolio.view_assessments")
def assessment_detail(request, pk: int):
    return _detail(request, get_assessment_for(request.user, pk))


def _back(request, assessment: Assessment):
    if request.POST.get("back") == "list":
        return redirect("portfolio:assessment-list")
    return redirect("portfolio:assessment-detail", pk=assessment.pk)


@require_POST
@require_perm("portfolio.manage_assessment")
def assessment_assign(request, pk: int):
    """The chief adds an assessor (or, with ``remove``, takes one off who has not submitted)."""
    assessment = get_assessment_for(request.user, pk, perm="portfolio.manage_assessment")
    remove = request.POST.get("remove", "")
    if remove.isdecimal():
        assignment = get_object_or_404(AssessorAssignment, pk=remove, assessment=assessment)
        try:
            services.assessor_unassign(assignment=assignment, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The assessor is taken off the candidate."))
        return _back(request, assessment)

    staff = queries.possible_assessors()
    form = AssignForm(request.POST, staff=staff, auto_id=f"id_%s_{assessment.pk}")
    assigned = run_service(
        form,
        lambda: services.assessor_assign(
            assessment=assessment, assessor=form.cleaned_data["assessor"], by=request.user
        ),
    )
    if request.htmx and request.POST.get("back") == "list":
        fresh = queries.open_assessments().filter(pk=assessment.pk).first()
        if fresh is None:  # decided meanwhile
            return HttpResponseClientRedirect(reverse("portfolio:assessment-list"))
        name = form.cleaned_data["assessor"].display_name() if assigned else ""
        return render(
            request,
            "portfolio/assessment/list.html#row",
            {
                "row": _row(fresh, staff, None if assigned else form, name),
                "is_chief": True,
            },
        )
    if assigned:
        messages.success(
            request,
            _("%(name)s is asked to assess the candidate.")
            % {"name": form.cleaned_data["assessor"].display_name()},
        )
        return _back(request, assessment)
    if request.POST.get("back") == "list":
        messages.error(request, _errors(form))
        return _back(request, assessment)
    return _detail(request, assessment, assign_form=form)


@require_POST
@require_perm("portfolio.view_assessments")
def assessment_score(request, pk: int):
    """An assessor saves their scores; with ``submit`` they hand the assessment in."""
    assessment = get_assessment_for(request.user, pk, perm="portfolio.score_assessment")
    assignment = assessment.assignments.filter(assessor=request.user).first()
    if assignment is None:  # a superuser passes every permission, but assesses only if assigned
        raise PermissionDenied
    form = ScoreForm(request.POST, criteria=queries.active_criteria())
    submit = "submit" in request.POST

    def save():
        services.assessment_score(assignment=assignment, scores=form.scores(), by=request.user)
        if submit:
            services.assessment_submit(assignment=assignment, by=request.user)

    if run_service(form, save):
        if submit:
            messages.success(
                request, _("Your assessment is submitted. You can now see the others' scores.")
            )
        else:
            messages.success(request, _("Your scores are saved. Submit when you are done."))
        return redirect("portfolio:assessment-detail", pk=assessment.pk)
    return _detail(request, assessment, score_form=form)


@require_POST
@require_perm("portfolio.view_assessments")
def assessment_classify(request, pk: int):
    assessment = get_assessment_for(request.user, pk)
    user = request.user
    if not (
        user.has_perm("portfolio.manage_assessment")
        or user.has_perm("portfolio.score_assessment", assessment)
    ):
        raise PermissionDenied
    form = ClassifyForm(request.POST)
    if run_service(
        form,
        lambda: services.assessment_classify(
            assessment=assessment,
            novelty=form.cleaned_data["novelty"],
            category=form.cleaned_data["category"],
            by=user,
        ),
    ):
        messages.success(request, _("The classification is saved."))
        return redirect("portfolio:assessment-detail", pk=assessment.pk)
    return _detail(request, assessment, classify_form=form)


@require_POST
@require_perm("portfolio.manage_assessment")
def assessment_decide(request, pk: int):
    assessment = get_assessment_for(request.user, pk, perm="portfolio.manage_assessment")
    form = DecideForm(request.POST, ideas=list(assessment.ideas.order_by("pk")))

    def decide():
        data = form.cleaned_data
        services.assessment_decide(
            assessment=assessment,
            outcome=data["outcome"],
            reason=data["reason"],
            by=request.user,
            survivor=data["survivor_idea"],
            owning_area=data["owning_area"],
            owner=data["owner"],
            problem=data["problem"],
            ambition=data["ambition"],
            title=data["title"],
        )

    if run_service(form, decide):
        messages.success(request, _("The outcome is decided, and the ideas are answered."))
        return redirect("portfolio:assessment-detail", pk=assessment.pk)
    return _detail(request, assessment, decide_form=form)


# Criteria -----------------------------------------------------------------------------


@require_perm("portfolio.edit_criteria")
def criteria_edit(request):
    formset = CriterionFormSet(request.POST or None, queryset=Criterion.objects.all())
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid():
        changed = [form.instance for form in formset.forms if form.has_changed()]
        try:
            services.criteria_save(criteria=changed, by=request.user)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("The criteria are saved."))
            return redirect("portfolio:criteria")
    return render(
        request,
        "portfolio/assessment/criteria.html",
        {"formset": formset, "problems": problems},
    )


# Prioritisation -----------------------------------------------------------------------

WIDTH, HEIGHT = 640, 460
LEFT, RIGHT, TOP, BOTTOM = 76, 24, 24, 72
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
POINT_RADIUS = 13
# Where a point goes when another already sits on its place: beside it, round about.
NUDGES = [(0, 0), (24, 0), (-24, 0), (0, -24), (0, 24), (24, -24), (-24, 24), (24, 24), (-24, -24)]


def _svg_number(value: float) -> str:
    """Coordinates with a dot, never localised."""
    return f"{value:.1f}"


def _x(effort: float) -> float:
    return LEFT + (effort - queries.LOWEST) / (queries.HIGHEST - queries.LOWEST) * PLOT_WIDTH


def _y(potential: float) -> float:
    return TOP + (queries.HIGHEST - potential) / (queries.HIGHEST - queries.LOWEST) * PLOT_HEIGHT


def chart(candidates: list[queries.Candidate]) -> dict:
    """The scatter plot's geometry: potential up, effort and risk to the right."""
    points, taken = [], []
    for candidate in candidates:
        summary = candidate.summary
        if summary is None or summary.potential is None or summary.effort is None:
            continue
        x, y = _x(summary.effort), _y(summary.potential)
        for dx, dy in NUDGES:
            if all(
                (x + dx - ox) ** 2 + (y + dy - oy) ** 2 >= (2 * POINT_RADIUS) ** 2
                for ox, oy in taken
            ):
                x, y = x + dx, y + dy
                break
        taken.append((x, y))
        points.append(
            {
                "number": candidate.number,
                "x": _svg_number(x),
                "y": _svg_number(y),
                "candidate": candidate,
            }
        )
    scale = range(queries.LOWEST, queries.HIGHEST + 1)
    middle = (queries.LOWEST + queries.HIGHEST) / 2
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "top": TOP,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "half_width": _svg_number(PLOT_WIDTH / 2),
        "half_height": _svg_number(PLOT_HEIGHT / 2),
        "middle_x": _svg_number(_x(middle)),
        "middle_y": _svg_number(_y(middle)),
        "x_ticks": [{"value": v, "at": _svg_number(_x(v))} for v in scale],
        "y_ticks": [{"value": v, "at": _svg_number(_y(v))} for v in scale],
        "x_title": _svg_number(LEFT + PLOT_WIDTH / 2),
        "x_title_y": HEIGHT - 24,
        "x_tick_y": HEIGHT - BOTTOM + 22,
        "y_title": _svg_number(TOP + PLOT_HEIGHT / 2),
        "y_tick_x": LEFT - 12,
        "points": points,
    }


@require_perm("portfolio.view_assessments")
def prioritisation(request):
    candidates = queries.ranking(request.user)
    return render(
        request,
        "portfolio/assessment/prioritisation.html",
        {"candidates": candidates, "chart": chart(candidates)},
    )


urlpatterns = [
    path("vurdering/", assessment_list, name="assessment-list"),
    path("vurdering/ny/", assessment_create, name="assessment-create"),
    path("vurdering/kriterier/", criteria_edit, name="criteria"),
    path("vurdering/prioritering/", prioritisation, name="prioritisation"),
    path("vurdering/<int:pk>/", assessment_detail, name="assessment-detail"),
    path("vurdering/<int:pk>/tildel/", assessment_assign, name="assessment-assign"),
    path("vurdering/<int:pk>/score/", assessment_score, name="assessment-score"),
    path("vurdering/<int:pk>/klassificer/", assessment_classify, name="assessment-classify"),
    path("vurdering/<int:pk>/beslut/", assessment_decide, name="assessment-decide"),
]
