"""``{% part key %}…{% endpart %}``: a page part kept in the cache under a key that
``core.fragments.key`` made (until the data it shows changes)."""

from django import template
from django.templatetags.cache import CacheNode

from ..fragments import TIMEOUT

register = template.Library()


@register.tag("part")
def do_part(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("'part' takes one argument: the part's key")
    nodelist = parser.parse(("endpart",))
    parser.delete_first_token()
    return CacheNode(
        nodelist,
        parser.compile_filter(str(TIMEOUT)),
        "samskab-part",
        [parser.compile_filter(bits[1])],
        None,
    )
