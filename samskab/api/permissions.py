"""Who may do what with API tokens. What the API itself shows is decided by each app's
own predicates and accessors, which the endpoints call: the API has no rules of its own."""

import rules
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.ideas.permissions import is_logged_in

from .models import ApiToken


@rules.predicate
def is_token_owner(user, token: ApiToken | None) -> bool:
    return token is not None and user.is_authenticated and token.user_id == user.pk


rules.add_perm("api.manage_tokens", is_logged_in)
rules.add_perm("api.revoke_token", is_logged_in & is_token_owner)


def get_token_for(user, pk: int) -> ApiToken:
    """A token of the user's own; anyone else's is not revealed (404), not even to an
    administrator: a key is its owner's alone."""
    token = get_object_or_404(ApiToken, pk=pk)
    if not is_token_owner(user, token):
        raise Http404
    return token
