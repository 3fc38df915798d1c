"""Who may see and do what with the catalogue.

Anyone reads the published entries, the feed and the entries of other municipalities.
The innovation unit drafts and edits entries (and sees the drafts); the innovation chief
(and the administrator) publishes and withdraws them. The administrator manages the
subscriptions to other municipalities' catalogues. An employee turns another
municipality's entry into an idea here.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_administrator, is_chief, is_employee, is_unit_staff

from .models import CatalogueEntry, CatalogueMaterial, ExternalEntry, Subscription


@rules.predicate
def is_published(user, entry) -> bool:
    return isinstance(entry, CatalogueEntry) and entry.is_published


rules.add_perm("catalogue.view_entry", is_published | is_unit_staff)
rules.add_perm("catalogue.edit_entry", is_unit_staff)
rules.add_perm("catalogue.view_drafts", is_unit_staff)
rules.add_perm("catalogue.publish_entry", is_chief)
rules.add_perm("catalogue.manage_subscriptions", is_administrator)
rules.add_perm("catalogue.try_here", is_employee)


def get_entry_for(user, slug: str, *, perm: str = "catalogue.view_entry") -> CatalogueEntry:
    """A published entry for anyone, a draft for the unit; 404 for others, who learn nothing."""
    entry = get_object_or_404(
        CatalogueEntry.objects.select_related("task", "task__owning_area"), slug=slug
    )
    if not user.has_perm("catalogue.view_entry", entry):
        raise Http404
    if perm != "catalogue.view_entry" and not user.has_perm(perm, entry):
        raise PermissionDenied
    return entry


def get_material_for(user, pk: int, *, perm: str = "catalogue.view_entry") -> CatalogueMaterial:
    material = get_object_or_404(CatalogueMaterial.objects.select_related("entry"), pk=pk)
    if not user.has_perm("catalogue.view_entry", material.entry):
        raise Http404
    if perm != "catalogue.view_entry" and not user.has_perm(perm, material.entry):
        raise PermissionDenied
    return material


def get_external_for(user, pk: int) -> ExternalEntry:
    """Another municipality's entry, while its subscription is active (it is public there)."""
    return get_object_or_404(
        ExternalEntry.objects.select_related("subscription"), pk=pk, subscription__active=True
    )


def get_subscription_for(user, pk: int) -> Subscription:
    if not user.has_perm("catalogue.manage_subscriptions"):
        raise PermissionDenied
    return get_object_or_404(Subscription, pk=pk)
