"""The method library, its cards and their versions, the glossary, and a task's methods."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.pagination import paginate
from samskab.portfolio.phases import BY_NUMBER

from . import queries, services
from .forms import FilterForm, MethodForm, TermForm, UseForm
from .models import Method, Term
from .permissions import get_material_for, get_method_for, get_use_for, get_use_task_for

# The library ---------------------------------------------------------------------------


def method_list(request):
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    methods = queries.library(
        request.user,
        text=filters.get("q", ""),
        phase=filters.get("fase"),
        competency=filters.get("kompetence"),
    )
    return render(
        request,
        "methods/method_list.html",
        {
            "form": form,
            "page": paginate(request, methods),
            "total": len(methods),
            "query": filters.get("q", ""),
            "can_edit": request.user.has_perm("methods.edit_method"),
        },
    )


def method_detail(request, slug: str):
    method = get_method_for(request.user, slug)
    version, record = queries.latest_version(method)
    can_read_tasks = request.user.has_perm("methods.view_uses")
    return render(
        request,
        "methods/method_detail.html",
        {
            "method": method,
            "version": version,
            "record": record,
            "competencies": method.competencies.all(),
            "examples": [
                task
                for task in method.examples.all()
                if request.user.has_perm("portfolio.view_task", task)
            ],
            "materials": method.materials.all(),
            "uses": queries.uses_of_method(method, request.user),
            "can_read_tasks": can_read_tasks,
            "can_edit": request.user.has_perm("methods.edit_method", method),
        },
    )


def method_versions(request, slug: str):
    method = get_method_for(request.user, slug)
    count, versions = queries.versions(method)
    return render(
        request,
        "methods/method_versions.html",
        {"method": method, "count": count, "versions": versions},
    )


def _method_form(request, method: Method):
    form = MethodForm(request.POST or None, request.FILES or None, instance=method)

    creating = method.pk is None

    def save():
        # The card and its new material are saved together, or neither is.
        try:
            with transaction.atomic():
                saved = services.method_save(
                    method=form.instance,
                    competencies=form.cleaned_data["competencies"],
                    examples=form.cleaned_data["examples"],
                    by=request.user,
                )
                upload = form.cleaned_data.get("material_file")
                if upload:
                    services.material_add(
                        method=saved,
                        title=form.cleaned_data.get("material_title", ""),
                        upload=upload,
                        by=request.user,
                    )
        except ValidationError:
            if creating:  # rolled back: the form shows a card still to be made
                form.instance.pk = None
                form.instance.slug = ""
            raise

    if request.method == "POST" and run_service(form, save):
        messages.success(request, _("The method card was saved."))
        return redirect("methods:method-detail", slug=form.instance.slug)
    return render(
        request,
        "methods/method_form.html",
        {
            "form": form,
            "method": method if method.pk else None,
            "materials": method.materials.all() if method.pk else [],
        },
    )


@require_perm("methods.edit_method")
def method_create(request):
    return _method_form(request, Method())


@require_perm("methods.edit_method")
def method_edit(request, slug: str):
    return _method_form(request, get_method_for(request.user, slug, perm="methods.edit_method"))


def material_download(request, pk: int):
    material = get_material_for(request.user, pk)
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.name,
        content_type=material.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@require_perm("methods.edit_method")
def material_delete(request, pk: int):
    material = get_material_for(request.user, pk, perm="methods.edit_method")
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("The material was removed."))
    return redirect("methods:method-edit", slug=material.method.slug)


# The glossary --------------------------------------------------------------------------


def glossary(request):
    return render(
        request,
        "methods/glossary.html",
        {
            "terms": queries.glossary(),
            "can_edit": request.user.has_perm("methods.edit_term"),
        },
    )


def _term_form(request, term: Term):
    form = TermForm(request.POST or None, instance=term)
    if request.method == "POST" and run_service(
        form,
        lambda: services.term_save(
            term=form.instance, see_also=form.cleaned_data["see_also"], by=request.user
        ),
    ):
        messages.success(request, _("The term was saved."))
        return redirect(f"{_glossary_url()}#{form.instance.slug}")
    return render(
        request, "methods/term_form.html", {"form": form, "term": term if term.pk else None}
    )


def _glossary_url() -> str:
    return reverse("methods:glossary")


@require_perm("methods.edit_term")
def term_create(request):
    return _term_form(request, Term())


@require_perm("methods.edit_term")
def term_edit(request, slug: str):
    return _term_form(request, get_object_or_404(Term, slug=slug))


# A task's methods ----------------------------------------------------------------------


@require_perm("methods.view_uses")
def task_methods(request, pk: int):
    """The methods the task used, the suggestions for its phase and, for its team, the form."""
    task = get_use_task_for(request.user, pk)
    can_record = request.user.has_perm("methods.record_use", task)
    form = None
    if can_record:
        initial = {}
        chosen = request.GET.get("metode", "")
        if chosen:
            initial["method"] = Method.objects.filter(slug=chosen[:80]).first()
        form = UseForm(request.POST or None, task=task, initial=initial)
    elif request.method == "POST":
        get_use_task_for(request.user, pk, perm="methods.record_use")  # 403
    if (
        form is not None
        and request.method == "POST"
        and run_service(
            form,
            lambda: services.use_record(
                task=task,
                method=form.cleaned_data["method"],
                phase=form.cleaned_data["phase"],
                rating=form.cleaned_data["rating"],
                learning=form.cleaned_data["learning"],
                used_on=form.cleaned_data["used_on"],
                by=request.user,
            ),
        )
    ):
        messages.success(
            request,
            _("“%(method)s” is recorded as used in phase %(phase)d.")
            % {
                "method": form.cleaned_data["method"].title,
                "phase": form.cleaned_data["phase"],
            },
        )
        return redirect("methods:task-methods", pk=task.pk)
    return render(
        request,
        "methods/task_methods.html",
        {
            "task": task,
            "phase": BY_NUMBER[task.phase],
            "uses": queries.uses_of(task),
            "suggestions": queries.suggestions(task),
            "form": form,
            "can_record": can_record,
        },
    )


@require_POST
@require_perm("methods.view_uses")
def use_delete(request, pk: int, use_pk: int):
    task = get_use_task_for(request.user, pk, perm="methods.record_use")
    use = get_use_for(request.user, task, use_pk)
    try:
        services.use_delete(use=use, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The method used was removed."))
    return redirect("methods:task-methods", pk=task.pk)
