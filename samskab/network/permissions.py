"""Who may see and change partners and partnerships.

Partners are internal, like the portfolio they take part in: employees and
politicians read organisations and partnerships; citizens see nothing of them.
The innovation unit (its staff, the chief and administrators) registers
organisations and makes, changes and ends partnerships; nothing is deleted.
The people of an organisation are shown as the organisation app has it:
people from outside only to the innovation unit
(``organisation.view_external_people``).
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_internal, is_unit_staff

from .models import Organisation, Partnership

rules.add_perm("network.view_partners", is_internal)
rules.add_perm("network.add_organisation", is_unit_staff)
rules.add_perm("network.change_organisation", is_unit_staff)
rules.add_perm("network.add_partnership", is_unit_staff)
rules.add_perm("network.change_partnership", is_unit_staff)
rules.add_perm("network.end_partnership", is_unit_staff)


def _check(user, obj, perm: str):
    if not user.has_perm("network.view_partners", obj):
        raise Http404  # an outsider learns nothing, not even that it exists
    if perm != "network.view_partners" and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def get_organisation_for(user, pk: int, *, perm: str = "network.view_partners") -> Organisation:
    return _check(user, get_object_or_404(Organisation, pk=pk), perm)


def get_partnership_for(user, pk: int, *, perm: str = "network.view_partners") -> Partnership:
    partnership = get_object_or_404(Partnership.objects.select_related("responsible"), pk=pk)
    return _check(user, partnership, perm)
