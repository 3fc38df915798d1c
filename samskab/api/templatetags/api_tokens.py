from django import template
from django.utils import timezone

from ..queries import tokens_of

register = template.Library()


@register.inclusion_tag("api/tokens_panel.html", takes_context=True)
def api_tokens_panel(context):
    """The profile's section of personal API keys: each key, its state, and revoking it."""
    user = context["request"].user
    return {"tokens": list(tokens_of(user)), "now": timezone.now(), "request": context["request"]}
