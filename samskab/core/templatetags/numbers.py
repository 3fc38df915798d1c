"""``{% load numbers %}``: ``number``, ``kroner`` and ``percent`` (see samskab.core.formatting)."""

from django import template

from samskab.core import formatting

register = template.Library()


@register.filter
def number(value, decimals=None) -> str:
    """``{{ value|number }}`` without trailing zeros; ``{{ value|number:2 }}`` at most two decimals."""
    return formatting.number(value, decimals=None if decimals in (None, "") else int(decimals))


@register.filter
def kroner(value) -> str:
    return formatting.kroner(value)


@register.filter
def percent(value) -> str:
    return formatting.percent(value)
