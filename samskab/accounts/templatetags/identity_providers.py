"""The login page's identity providers: the employees' work accounts first, then MitID."""

from allauth.socialaccount.adapter import get_adapter
from django import template

from samskab.accounts.mitid import MitIDProvider

register = template.Library()


@register.simple_tag(takes_context=True)
def identity_providers(context) -> dict:
    providers = get_adapter().list_providers(context["request"])
    return {
        "work": [p for p in providers if not isinstance(p, MitIDProvider)],
        "mitid": [p for p in providers if isinstance(p, MitIDProvider)],
    }
