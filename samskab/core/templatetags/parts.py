"""``{% part key %}…{% endpart %}``: a page part kept in the cache under a key that
``core.fragments.key`` made (until the data it shows changes). A page with several
parts under one key names each: ``{% part key "top" %}``. A key of None renders the
part and keeps nothing."""

from django import template
from django.templatetags.cache import CacheNode

from ..fragments import TIMEOUT

register = template.Library()


class PartNode(CacheNode):
    def render(self, context):
        if self.vary_on[0].resolve(context) is None:
            return self.nodelist.render(context)
        return super().render(context)


@register.tag("part")
def do_part(parser, token):
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError("'part' takes the part's key and, maybe, a name")
    nodelist = parser.parse(("endpart",))
    parser.delete_first_token()
    return PartNode(
        nodelist,
        parser.compile_filter(str(TIMEOUT)),
        "samskab-part",
        [parser.compile_filter(bit) for bit in bits[1:]],
        None,
    )
