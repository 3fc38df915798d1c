from django import template

from ..models import CatalogueEntry

register = template.Library()


@register.inclusion_tag("catalogue/panel.html", takes_context=True)
def catalogue_panel(context, task):
    """The task page's card: whether the solution is in the public catalogue, and a link."""
    user = context["request"].user
    entry = CatalogueEntry.objects.filter(task=task).first()
    return {
        "task": task,
        "entry": entry,
        "can_see": entry is not None and user.has_perm("catalogue.view_entry", entry),
        "can_edit": user.has_perm("catalogue.edit_entry"),
        "show": entry is not None or task.phase >= 4,
    }
