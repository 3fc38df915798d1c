from django import template

from .. import glossary as terms

register = template.Library()


@register.filter(is_safe=True)
def glossary(text):
    """Link the first occurrence of each glossary term in ``text`` to its definition.

    Used by the project's form rendering on every help text, and on phase texts.
    """
    return terms.link_terms(text)
