"""The public catalogue, its feed, the unit's drafts and the administrator's subscriptions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.benefits.queries import task_benefits
from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.pagination import paginate
from samskab.evidence.queries import concluded_effects
from samskab.evidence.templatetags.evidence_tags import figures_of
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.permissions import get_task_for
from samskab.spread.queries import degree_of

from . import feed, queries, services
from .forms import EntryForm, FilterForm, SubscriptionForm
from .models import CatalogueEntry, Subscription, TryHere
from .permissions import (
    get_entry_for,
    get_external_for,
    get_material_for,
    get_subscription_for,
)


def _json(request, data: dict) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"  # public data, read by other municipalities
    return response


# Public ---------------------------------------------------------------------------------


def entry_list(request):
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    items = queries.catalogue(
        text=filters.get("q", ""),
        area=filters.get("omraade"),
        category=filters.get("type", ""),
        level=filters.get("evidens"),
        include_others=filters.get("kilde") != FilterForm.SHOW_OURS,
    )
    page = paginate(request, items)
    return render(
        request,
        "catalogue/entry_list.html",
        {
            "form": form,
            "page": page,
            "total": len(items),
            "query": filters.get("q", ""),
        },
    )


def entry_detail(request, slug: str):
    entry = get_entry_for(request.user, slug)
    task = entry.task
    benefits = task_benefits(task)
    return render(
        request,
        "catalogue/entry_detail.html",
        {
            "entry": entry,
            "task": task,
            "trials": [figures_of(e, effect) for e, effect in concluded_effects(task)],
            "level": queries.evidence_levels([task.pk]).get(task.pk),
            "realised": benefits.realised_kinds,
            "degree": degree_of(task),
            "materials": entry.materials.all(),
            "can_edit": request.user.has_perm("catalogue.edit_entry", entry),
            "can_publish": request.user.has_perm("catalogue.publish_entry", entry),
            "publishable": services.can_publish(task),
        },
    )


def _absolute(request):
    return request.build_absolute_uri


def entry_json(request, slug: str):
    entry = get_entry_for(request.user, slug)
    if not entry.is_published:
        raise Http404  # the feed's form is for what is public; a draft has none
    levels = queries.evidence_levels([entry.task_id])
    document = feed.document(
        [
            feed.entry_document(
                entry,
                level=levels.get(entry.task_id),
                degree=degree_of(entry.task),
                absolute=_absolute(request),
            )
        ],
        absolute=_absolute(request),
    )
    return _json(request, document)


def catalogue_feed(request):
    absolute = _absolute(request)
    entries = [
        feed.entry_document(entry, level=level, degree=degree, absolute=absolute)
        for entry, level, degree in queries.feed_entries()
    ]
    return _json(request, feed.document(entries, absolute=absolute))


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


def external_detail(request, pk: int):
    external = get_external_for(request.user, pk)
    tries = []
    if request.user.has_perm("catalogue.try_here"):
        tries = list(
            TryHere.objects.filter(external_entry=external, by=request.user).select_related("idea")
        )
    return render(
        request,
        "catalogue/external_detail.html",
        {
            "external": external,
            "category": queries.category_label(external.innovation_type),
            "can_try": request.user.has_perm("catalogue.try_here"),
            "tries": tries,
        },
    )


@require_POST
@require_perm("catalogue.try_here")
def external_try(request, pk: int):
    external = get_external_for(request.user, pk)
    try:
        idea = services.external_try_here(external=external, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("catalogue:external-detail", pk=external.pk)
    messages.success(
        request,
        _(
            "Your idea is received. It says where the solution comes from; add how it could work here."
        ),
    )
    return redirect("ideas:idea-detail", pk=idea.pk)


# The unit's drafts ------------------------------------------------------------------------


@require_perm("catalogue.view_drafts")
def draft_list(request):
    drafts = (
        CatalogueEntry.objects.filter(published_at__isnull=True)
        .select_related("task")
        .order_by("title", "pk")
    )
    ready = (
        InnovationTask.objects.filter(catalogue_entry__isnull=True)
        .filter(phase__gte=services.PUBLISH_FROM_PHASE)
        .exclude(status=InnovationTask.Status.STOPPED)
        .order_by("title", "pk")
    )
    return render(
        request,
        "catalogue/draft_list.html",
        {"drafts": paginate(request, drafts), "ready": ready[:50]},
    )


@require_perm("catalogue.edit_entry")
def entry_edit(request, pk: int):
    task = get_task_for(request.user, pk)
    entry = CatalogueEntry.objects.filter(task=task).first()
    if entry is None:
        entry = CatalogueEntry(
            task=task,
            title=task.title,
            problem=task.problem,
            contact_name=task.owner.name if task.owner_id else "",
            contact_email=task.owner.email if task.owner_id else "",
            contact_unit=task.owning_area.name,
        )
    form = EntryForm(request.POST or None, request.FILES or None, instance=entry)

    def save():
        saved = services.entry_save(entry=form.instance, by=request.user)
        upload = form.cleaned_data.get("material_file")
        if upload:
            services.material_add(
                entry=saved,
                title=form.cleaned_data.get("material_title", ""),
                upload=upload,
                by=request.user,
            )

    if request.method == "POST" and run_service(form, save):
        messages.success(request, _("The catalogue entry was saved."))
        return redirect("catalogue:entry-edit", pk=task.pk)
    return render(
        request,
        "catalogue/entry_form.html",
        {
            "form": form,
            "task": task,
            "entry": entry if entry.pk else None,
            "materials": entry.materials.all() if entry.pk else [],
            "can_publish": request.user.has_perm("catalogue.publish_entry"),
            "publishable": services.can_publish(task),
        },
    )


@require_POST
@require_perm("catalogue.edit_entry")
def material_delete(request, pk: int):
    material = get_material_for(request.user, pk, perm="catalogue.edit_entry")
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("The material was removed."))
    return redirect("catalogue:entry-edit", pk=material.entry.task_id)


def _publishing(request, slug: str, service, success: str):
    entry = get_entry_for(request.user, slug, perm="catalogue.publish_entry")
    try:
        service(entry=entry, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("catalogue:entry-detail", slug=entry.slug)


@require_POST
@require_perm("catalogue.publish_entry")
def entry_publish(request, slug: str):
    return _publishing(
        request, slug, services.entry_publish, _("The entry is published in the catalogue.")
    )


@require_POST
@require_perm("catalogue.publish_entry")
def entry_unpublish(request, slug: str):
    return _publishing(
        request,
        slug,
        services.entry_unpublish,
        _("The entry is withdrawn from the catalogue and the feed."),
    )


# Subscriptions ----------------------------------------------------------------------------


@require_perm("catalogue.manage_subscriptions")
def subscription_list(request):
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and run_service(
        form,
        lambda: services.subscription_add(
            name=form.cleaned_data["name"],
            feed_url=form.cleaned_data["feed_url"],
            by=request.user,
        ),
    ):
        messages.success(
            request, _("The subscription was added. Fetch its feed now, or wait for the next run.")
        )
        return redirect("catalogue:subscription-list")
    subscriptions = Subscription.objects.order_by("-active", "name", "pk")
    subscriptions = subscriptions.annotate(entry_count=Count("entries"))
    return render(
        request,
        "catalogue/subscription_list.html",
        {"form": form, "subscriptions": subscriptions},
    )


@require_POST
@require_perm("catalogue.manage_subscriptions")
def subscription_fetch(request, pk: int):
    subscription = get_subscription_for(request.user, pk)
    try:
        count = services.subscription_fetch(subscription=subscription)
    except ValidationError as error:
        messages.error(
            request,
            _("The feed of %(name)s was not fetched: %(reason)s")
            % {"name": subscription.name, "reason": " ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _("The feed of %(name)s was fetched: %(count)d entries.")
            % {"name": subscription.name, "count": count},
        )
    return redirect("catalogue:subscription-list")


@require_POST
@require_perm("catalogue.manage_subscriptions")
def subscription_toggle(request, pk: int):
    subscription = get_subscription_for(request.user, pk)
    services.subscription_set_active(
        subscription=subscription, active=not subscription.active, by=request.user
    )
    messages.success(
        request,
        _("%(name)s is fetched again.") % {"name": subscription.name}
        if subscription.active
        else _("%(name)s is no longer fetched, and its entries are not shown.")
        % {"name": subscription.name},
    )
    return redirect("catalogue:subscription-list")
