"""Partners (organisations) and partnerships: lists, pages and forms."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.ids import as_id
from samskab.core.pagination import paginate
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.queries.tasks import history_of

from . import queries, services
from .forms import (
    EndForm,
    OrganisationFilterForm,
    OrganisationForm,
    PartnershipFilterForm,
    PartnershipForm,
    TaskLinkFormSet,
)
from .models import Partnership
from .permissions import get_organisation_for, get_partnership_for

# Organisations ---------------------------------------------------------------


@require_perm("network.view_partners")
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = queries.organisations(query=filters.get("q", ""), kind=filters.get("type", ""))
    context = {
        "form": form,
        "page_obj": paginate(request, rows),
        "can_add": request.user.has_perm("network.add_organisation"),
    }
    template = "network/organisation_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@require_perm("network.view_partners")
def organisation_detail(request, pk: int):
    organisation = get_organisation_for(request.user, pk)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "page": queries.organisation_page(organisation, request.user),
            "can_edit": request.user.has_perm("network.change_organisation", organisation),
            "can_add_partnership": request.user.has_perm("network.add_partnership"),
        },
    )


@require_perm("network.add_organisation")
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and run_service(
        form, lambda: services.organisation_save(organisation=form.instance)
    ):
        messages.success(request, _("%(name)s was added.") % {"name": form.instance.name})
        return redirect("network:organisation-detail", pk=form.instance.pk)
    return render(request, "network/organisation_form.html", {"form": form})


@require_perm("network.view_partners")
def organisation_edit(request, pk: int):
    organisation = get_organisation_for(request.user, pk, perm="network.change_organisation")
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and run_service(
        form, lambda: services.organisation_save(organisation=form.instance)
    ):
        messages.success(request, _("The changes were saved."))
        return redirect("network:organisation-detail", pk=organisation.pk)
    return render(
        request,
        "network/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


# Partnerships ----------------------------------------------------------------


@require_perm("network.view_partners")
def partnership_list(request):
    form = PartnershipFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = queries.partnerships(status=filters.get("status", ""), query=filters.get("q", ""))
    context = {
        "form": form,
        "page_obj": paginate(request, rows),
        "can_add": request.user.has_perm("network.add_partnership"),
    }
    template = "network/partnership_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@require_perm("network.view_partners")
def partnership_detail(request, pk: int):
    partnership = get_partnership_for(request.user, pk)
    user = request.user
    return render(
        request,
        "network/partnership_detail.html",
        {
            "partnership": partnership,
            "organisations": partnership.organisations.order_by("name", "pk"),
            "links": queries.task_links_of(partnership, user),
            "history": history_of(partnership),
            "can_change": not partnership.is_closed
            and user.has_perm("network.change_partnership", partnership),
            "can_end": not partnership.is_closed
            and user.has_perm("network.end_partnership", partnership),
        },
    )


def _partnership_form(request, partnership: Partnership | None, *, initial_tasks=()):
    """The partnership's form and its tasks' formset, bound to the POST if there is one."""
    data = request.POST if request.method == "POST" else None
    form = PartnershipForm(data, instance=partnership)
    if partnership is not None:
        initial = [{"task": link.task, "role": link.role} for link in partnership.task_links.all()]
    else:
        initial = [{"task": task} for task in initial_tasks]
    formset = TaskLinkFormSet(data, initial=initial, prefix="opgaver")
    return form, formset


def _save(request, form, formset) -> bool:
    if request.method != "POST" or not formset.is_valid():
        form.is_valid()  # show the form's own errors too
        return False

    def save():
        services.partnership_save(
            partnership=form.instance,
            organisations=form.cleaned_data["organisations"],
            tasks=formset.links(),
            by=request.user,
        )

    return run_service(form, save)


@require_perm("network.add_partnership")
def partnership_create(request):
    task_id = as_id(request.GET.get("opgave"))
    tasks = InnovationTask.objects.filter(pk=task_id) if task_id else ()
    form, formset = _partnership_form(request, None, initial_tasks=tasks)
    if request.method != "POST" and not form.initial.get("starts_on"):
        form.initial["starts_on"] = timezone.localdate()
    if _save(request, form, formset):
        messages.success(request, _("The partnership was recorded."))
        return redirect("network:partnership-detail", pk=form.instance.pk)
    return render(request, "network/partnership_form.html", {"form": form, "formset": formset})


@require_perm("network.view_partners")
def partnership_edit(request, pk: int):
    partnership = get_partnership_for(request.user, pk, perm="network.change_partnership")
    if partnership.is_closed:
        messages.info(request, _("The partnership is closed; it is kept as it was."))
        return redirect("network:partnership-detail", pk=partnership.pk)
    form, formset = _partnership_form(request, partnership)
    if _save(request, form, formset):
        messages.success(request, _("The changes were saved."))
        return redirect("network:partnership-detail", pk=partnership.pk)
    return render(
        request,
        "network/partnership_form.html",
        {"form": form, "formset": formset, "partnership": partnership},
    )


@require_perm("network.view_partners")
def partnership_end(request, pk: int):
    partnership = get_partnership_for(request.user, pk, perm="network.end_partnership")
    if partnership.is_closed:
        messages.info(request, _("The partnership is closed; it is kept as it was."))
        return redirect("network:partnership-detail", pk=partnership.pk)
    form = EndForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and run_service(
        form,
        lambda: services.partnership_end(
            partnership=partnership,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
            by=request.user,
        ),
    ):
        messages.success(request, _("The partnership's status was changed."))
        return redirect("network:partnership-detail", pk=partnership.pk)
    return render(
        request, "network/partnership_end.html", {"form": form, "partnership": partnership}
    )
