"""A term is one click from where it appears: glossary links in help texts and phase texts.

``link_terms(text)`` links the first occurrence of each glossary term (or of one of its
synonyms and inflections) in ``text`` to its definition, ``/metoder/ordbog/#<slug>``:
whole words only, in any case, Danish letters included ("Prøvehandlingen" is a word;
"prøvehandlingsplan" does not contain the word "prøvehandling"). Plain text is escaped
and the result marked safe; text already marked safe (a help text written as HTML) is
linked only between its tags and never inside a link.

The terms are read once and kept in this process's memory under the methods app's data
version (``core.freshness``): saving a term moves the version, and the next request
builds the matcher anew. During a request the version is read once for all fields, so a
form of many fields costs no query per field. With ``SAMSKAB_GLOSSARY_CACHE`` off (the
tests) the terms are read once per request instead, so that a page's first request costs
what the next one does.
"""

import re
import threading
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

from samskab.core import freshness

from .models import Term

# Forms shorter than this are not linked: they would match too much.
MIN_LENGTH = 3
_TAG = re.compile(r"(<[^>]*>)")


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern | None
    slugs: dict[str, str]  # each form in lower case -> the term's slug


_built: dict[str, Matcher] = {}
# The matcher of the current request when the terms are not kept between requests
# (SAMSKAB_GLOSSARY_CACHE off, as in the tests, so that a page's first request costs
# what the next one does); emptied when a request begins and ends.
_request = threading.local()


def request_boundary(**kwargs) -> None:
    _request.matcher = None


def _build() -> Matcher:
    slugs: dict[str, str] = {}
    for slug, term, forms in Term.objects.values_list("slug", "term", "forms"):
        for form in [term, *forms.split(",")]:
            form = " ".join(form.split()).lower()
            if len(form) >= MIN_LENGTH:
                slugs.setdefault(form, slug)
    if not slugs:
        return Matcher(None, {})
    # Longest first, so "business case" wins over "case"; whitespace inside a term matches
    # any run of whitespace.
    alternatives = "|".join(
        r"\s+".join(re.escape(word) for word in form.split())
        for form in sorted(slugs, key=len, reverse=True)
    )
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
    return Matcher(pattern, slugs)


def matcher() -> Matcher:
    if not settings.SAMSKAB_GLOSSARY_CACHE:
        found = getattr(_request, "matcher", None)
        if found is None:
            found = _build()
            _request.matcher = found
        return found
    version = freshness.stamp("methods")
    found = _built.get(version)
    if found is None:
        found = _build()
        _built.clear()
        _built[version] = found
    return found


def forget() -> None:
    """Drop the matchers kept in memory."""
    _built.clear()
    _request.matcher = None


def _link(piece: str, current: Matcher, linked: set[str], base: str, *, escaped: bool) -> str:
    parts = []
    last = 0
    for match in current.pattern.finditer(piece):
        slug = current.slugs.get(" ".join(match.group(0).split()).lower())
        if slug is None or slug in linked:
            continue
        linked.add(slug)
        before = piece[last : match.start()]
        word = match.group(0)
        parts.append(before if escaped else escape(before))
        parts.append(
            f'<a href="{base}#{slug}" class="glossary-term">{word if escaped else escape(word)}</a>'
        )
        last = match.end()
    rest = piece[last:]
    parts.append(rest if escaped else escape(rest))
    return "".join(parts)


def link_terms(text) -> str:
    """``text`` with the first occurrence of each glossary term linked, safe to show."""
    if text is None or text == "":
        return text
    safe = isinstance(text, SafeData) or hasattr(text, "__html__")
    text = str(text)
    current = matcher()
    if current.pattern is None:
        return mark_safe(text) if safe else escape(text)  # noqa: S308 - marked safe by its author
    base = reverse("methods:glossary")
    linked: set[str] = set()
    if not safe:
        return mark_safe(_link(text, current, linked, base, escaped=False))  # noqa: S308 - escaped piece by piece
    pieces = []
    inside_link = False
    for piece in _TAG.split(text):
        if piece.startswith("<") and piece.endswith(">"):
            name = piece[1:].lstrip("/").split(None, 1)[0].lower() if len(piece) > 2 else ""
            if name.rstrip(">") == "a":
                inside_link = not piece.startswith("</")
            pieces.append(piece)
        elif inside_link or not piece:
            pieces.append(piece)
        else:
            pieces.append(_link(piece, current, linked, base, escaped=True))
    return mark_safe("".join(pieces))  # noqa: S308 - the author's safe text, with links added
