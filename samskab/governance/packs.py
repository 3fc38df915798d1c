"""A meeting's pack: the agenda and a one-page brief per item, live or frozen.

Until a meeting begins its pack follows the portfolio. When the meeting begins
(its time has come, or its first decision is recorded) the pack is frozen in
every language of the site, so that it shows afterwards what the forum had in
front of it, not what happened to the tasks later (``services.meeting_pack_freeze``).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from . import briefs, queries
from .models import Meeting, MeetingPack

BODY = "governance/includes/pack_body.html"


def pack_context(meeting: Meeting) -> dict:
    """What the pack's body shows, as the agenda stands now (frozen or proposed)."""
    agenda = queries.agenda(meeting)
    return {
        "meeting": meeting,
        "agenda": agenda,
        "briefs": [
            (brief, agenda.items_of(brief.subject)) for brief in briefs.briefs_for(agenda.subjects)
        ],
    }


def render_frozen(meeting: Meeting) -> tuple[list[dict], dict[str, str]]:
    """The proposed agenda as data and the pack's body in every language, to be kept."""
    html = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            html[code] = render_to_string(BODY, pack_context(meeting))
    return queries.frozen_agenda(meeting), html


def frozen_body(pack: MeetingPack) -> SafeString:
    """The frozen body in the reader's language (our own templates rendered and escaped it)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    text = pack.html.get(language) or pack.html.get(settings.LANGUAGE_CODE, "")
    return mark_safe(text)  # noqa: S308 - rendered by Samskab's templates, with escaping
