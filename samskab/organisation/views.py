from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.pagination import paginate

from . import queries, services
from .forms import (
    CompetencyForm,
    CompetencyLevelsForm,
    OrgUnitForm,
    PersonFilterForm,
    PersonForm,
    ProfileForm,
)
from .models import Competency, OrgUnit
from .permissions import get_person_for

# People ------------------------------------------------------------------


@require_perm("organisation.view_person_directory")
def person_list(request):
    show_kind = request.user.has_perm("organisation.view_external_people")
    form = PersonFilterForm(request.GET or None, show_kind=show_kind)
    filters = form.cleaned_data if form.is_valid() else {}
    unit = filters.get("enhed")
    people = queries.people_directory(
        request.user,
        query=filters.get("q", ""),
        unit_ids=queries.unit_ids_below(unit.pk) if unit else None,
        kind=filters.get("type", ""),
        competency=filters.get("kompetence"),
    )
    page = paginate(request, people)
    context = {
        "form": form,
        "page_obj": page,
        "can_add": request.user.has_perm("organisation.add_person"),
    }
    template = "organisation/person_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@login_required
def person_detail(request, pk: int):
    person = get_person_for(request.user, pk)
    return render(
        request,
        "organisation/person_detail.html",
        {
            "person": person,
            "competencies": person.person_competencies.select_related("competency").order_by(
                "-level", "competency__name"
            ),
            "can_edit": request.user.has_perm("organisation.change_person", person),
            "is_self": person.user_id == request.user.pk,
        },
    )


@require_perm("organisation.add_person")
def person_create(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and run_service(
        form, lambda: services.person_save(person=form.instance)
    ):
        messages.success(request, _("%(name)s was added.") % {"name": form.instance.name})
        return redirect("organisation:person-detail", pk=form.instance.pk)
    return render(request, "organisation/person_form.html", {"form": form})


@login_required
def person_edit(request, pk: int):
    person = get_person_for(request.user, pk, perm="organisation.change_person")
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and run_service(
        form, lambda: services.person_save(person=form.instance)
    ):
        messages.success(request, _("The changes were saved."))
        return redirect("organisation:person-detail", pk=person.pk)
    return render(request, "organisation/person_form.html", {"form": form, "person": person})


@login_required
def profile(request):
    person = services.profile_person_for(request.user)
    current = (
        {pc.competency_id: pc.level for pc in person.person_competencies.all()} if person.pk else {}
    )
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=person)
    levels = CompetencyLevelsForm(data, competencies=Competency.objects.all(), current=current)
    if request.method == "POST" and levels.is_valid():
        saved = run_service(
            form,
            lambda: services.profile_update(
                person=person, fields=form.cleaned_data, levels=levels.levels()
            ),
        )
        if saved:
            messages.success(request, _("Your profile was saved."))
            return redirect("organisation:profile")
    return render(
        request, "organisation/profile.html", {"form": form, "levels": levels, "person": person}
    )


# Organisation --------------------------------------------------------------


@require_perm("organisation.view_orgunit")
def orgunit_list(request):
    counts = queries.people_counts_by_unit()
    rows = [
        (unit, depth, counts.get(unit.pk, 0)) for unit, depth in queries.OrgTree.load().flattened()
    ]
    return render(
        request,
        "organisation/orgunit_list.html",
        {
            "rows": rows,
            "can_add": request.user.has_perm("organisation.add_orgunit"),
        },
    )


@require_perm("organisation.view_orgunit")
def orgunit_detail(request, pk: int):
    tree = queries.OrgTree.load()
    if pk not in tree.units:
        raise Http404
    unit = tree.units[pk]
    people = queries.with_competencies(
        queries.people_visible_to(request.user).filter(org_unit=unit)
    ).order_by("name", "pk")
    return render(
        request,
        "organisation/orgunit_detail.html",
        {
            "unit": unit,
            "ancestors": tree.ancestors(pk),
            "children": tree.children.get(pk, []),
            "page_obj": paginate(request, people),
            "can_edit": request.user.has_perm("organisation.change_orgunit"),
        },
    )


@require_perm("organisation.add_orgunit")
def orgunit_create(request):
    initial = {"parent": request.GET.get("under")} if request.GET.get("under") else None
    form = OrgUnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and run_service(
        form, lambda: services.orgunit_save(unit=form.instance)
    ):
        messages.success(request, _("%(name)s was created.") % {"name": form.instance.name})
        return redirect("organisation:orgunit-detail", pk=form.instance.pk)
    return render(request, "organisation/orgunit_form.html", {"form": form})


@require_perm("organisation.change_orgunit")
def orgunit_edit(request, pk: int):
    unit = get_object_or_404(OrgUnit, pk=pk)
    form = OrgUnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and run_service(
        form, lambda: services.orgunit_save(unit=form.instance)
    ):
        messages.success(request, _("The changes were saved."))
        return redirect("organisation:orgunit-detail", pk=unit.pk)
    return render(request, "organisation/orgunit_form.html", {"form": form, "unit": unit})


# Competencies --------------------------------------------------------------


@require_perm("organisation.view_competency")
def competency_list(request):
    return render(
        request,
        "organisation/competency_list.html",
        {
            "competencies": queries.competencies_with_counts(request.user),
            "can_add": request.user.has_perm("organisation.add_competency"),
        },
    )


@require_perm("organisation.add_competency")
def competency_create(request):
    form = CompetencyForm(request.POST or None)
    if request.method == "POST" and run_service(
        form, lambda: services.competency_save(competency=form.save(commit=False))
    ):
        messages.success(request, _("%(name)s was added.") % {"name": form.instance.name})
        return redirect("organisation:competency-list")
    return render(request, "organisation/competency_form.html", {"form": form})


@require_perm("organisation.change_competency")
def competency_edit(request, pk: int):
    competency = get_object_or_404(Competency, pk=pk)
    form = CompetencyForm(request.POST or None, instance=competency)
    if request.method == "POST" and run_service(
        form, lambda: services.competency_save(competency=form.save(commit=False))
    ):
        messages.success(request, _("The changes were saved."))
        return redirect("organisation:competency-list")
    return render(
        request, "organisation/competency_form.html", {"form": form, "competency": competency}
    )
