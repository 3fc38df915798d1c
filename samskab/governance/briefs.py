"""The one-page brief of a task or proposal in a meeting pack, made of sections the apps register.

Like portfolio/gates.py: this module holds the mechanism and the sections the
portfolio and governance know (problem, ambition, owner, phase, origin ideas,
decisions so far). Evidence, benefits, team and money are registered here as
headings without content; the apps that know them register a Section with the
same key in their AppConfig.ready(), which takes the placeholder's place.

A section's ``render`` gets the task or proposal and returns text (shown with
its line breaks), a small context for the section's ``template``, or nothing
(the pack says "Not recorded yet"). Its ``prefetch`` gets every task and every
proposal of the pack at once, before any is rendered, so that a pack of forty
items runs as many queries as a pack of two.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.ideas.models import Idea
from samskab.portfolio.models import InnovationTask, TaskProposal
from samskab.portfolio.phases import phase

from .models import Decision

Subject = InnovationTask | TaskProposal
Content = str | Mapping | None
TEXT_WORDS = 120  # a brief is one page: long texts are cut, the task's page has them whole


@dataclass(frozen=True)
class Section:
    key: str
    label: Promise
    position: int
    render: Callable[[Subject], Content] | None = None  # None: nothing is recorded yet
    template: str = ""  # renders a Mapping that ``render`` returns
    prefetch: Callable[[Sequence[InnovationTask], Sequence[TaskProposal]], None] | None = None


@dataclass(frozen=True)
class Part:
    """One section of one brief, ready to show."""

    key: str
    label: Promise
    text: str = ""
    html: SafeString | None = None
    pending: bool = False  # no app records this yet (a placeholder section)


@dataclass(frozen=True)
class Brief:
    subject: Subject
    parts: list[Part]

    @property
    def is_proposal(self) -> bool:
        return isinstance(self.subject, TaskProposal)


_REGISTRY: dict[str, Section] = {}


def register(section: Section) -> Section:
    """Add a section, or take the place of the one with the same key."""
    _REGISTRY[section.key] = section
    return section


def sections() -> list[Section]:
    return sorted(_REGISTRY.values(), key=lambda section: (section.position, section.key))


def briefs_for(subjects: Sequence[Subject]) -> list[Brief]:
    """The brief of each task and proposal, in the order given."""
    tasks = [s for s in subjects if isinstance(s, InnovationTask)]
    proposals = [s for s in subjects if isinstance(s, TaskProposal)]
    registered = sections()
    for section in registered:
        if section.prefetch is not None and subjects:
            section.prefetch(tasks, proposals)
    return [
        Brief(subject, [_part(section, subject) for section in registered]) for subject in subjects
    ]


def _part(section: Section, subject: Subject) -> Part:
    if section.render is None:
        return Part(section.key, section.label, pending=True)
    content = section.render(subject)
    if isinstance(content, Mapping):
        return Part(section.key, section.label, html=render_to_string(section.template, content))
    return Part(section.key, section.label, text=str(content or "").strip())


# The sections this app and the portfolio know ------------------------------------


def _cut(text: str) -> str:
    """The first TEXT_WORDS words, keeping the line breaks."""
    words = list(re.finditer(r"\S+", text))
    if len(words) <= TEXT_WORDS:
        return text
    return text[: words[TEXT_WORDS - 1].end()] + " …"


def _owner(subject: Subject) -> str:
    owner = subject.owner
    name = f"{owner.name}, {owner.title}" if owner.title else owner.name
    return f"{name}\n{subject.owning_area.name}"


def _phase(subject: Subject) -> str:
    if isinstance(subject, TaskProposal):
        return _("Not started: %(status)s.") % {"status": subject.get_status_display()}
    lines = [
        f"{subject.phase}. {phase(subject.phase).name} · {subject.get_status_display()}",
        _("Started %(date)s") % {"date": formats.date_format(subject.started_on)},
    ]
    if subject.next_gate_on:
        lines.append(_("Next gate %(date)s") % {"date": formats.date_format(subject.next_gate_on)})
    if subject.planned_end_on:
        lines.append(
            _("Planned end %(date)s") % {"date": formats.date_format(subject.planned_end_on)}
        )
    return "\n".join(lines)


IDEAS_SHOWN = 6
DECISIONS_SHOWN = 5


def _prefetch_ideas(tasks, proposals) -> None:
    ideas = Prefetch(
        "ideas", queryset=Idea.objects.only("id", "title", "moderation").order_by("pk")
    )
    for rows in (tasks, proposals):
        if rows:
            prefetch_related_objects(rows, ideas)


def _ideas(subject: Subject) -> Mapping | None:
    """The published origin ideas by title; ideas not yet published are only counted, as
    every reader of the pack may open a published idea and not all may open the others."""
    ideas = list(subject.ideas.all())
    if not ideas:
        return None
    published = [idea for idea in ideas if idea.moderation == Idea.Moderation.APPROVED]
    return {
        "ideas": published[:IDEAS_SHOWN],
        "more": max(0, len(published) - IDEAS_SHOWN),
        "unpublished": len(ideas) - len(published),
    }


def _prefetch_decisions(tasks, proposals) -> None:
    decisions = Prefetch(
        "decisions",
        queryset=Decision.objects.select_related("forum").order_by(
            "-decided_on", "-recorded_at", "-pk"
        ),
    )
    for rows in (tasks, proposals):
        if rows:
            prefetch_related_objects(rows, decisions)


def _decisions(subject: Subject) -> Mapping | None:
    decisions = list(subject.decisions.all())
    if not decisions:
        return None
    return {
        "decisions": decisions[:DECISIONS_SHOWN],
        "more": max(0, len(decisions) - DECISIONS_SHOWN),
    }


register(
    Section("problem", gettext_lazy("Problem"), 10, render=lambda subject: _cut(subject.problem))
)
register(
    Section("ambition", gettext_lazy("Ambition"), 20, render=lambda subject: _cut(subject.ambition))
)
register(Section("owner", gettext_lazy("Owner"), 30, render=_owner))
register(Section("phase", gettext_lazy("Phase"), 40, render=_phase))
register(
    Section(
        "ideas",
        gettext_lazy("Origin ideas"),
        50,
        render=_ideas,
        template="governance/briefs/ideas.html",
        prefetch=_prefetch_ideas,
    )
)
# Registered by the evidence, benefits, teams and finance apps when they come.
register(Section("evidence", gettext_lazy("Evidence so far"), 60))
register(Section("benefits", gettext_lazy("Benefits so far"), 70))
register(Section("team", gettext_lazy("Team"), 80))
register(Section("money", gettext_lazy("Money"), 90))
register(
    Section(
        "decisions",
        gettext_lazy("Decisions so far"),
        100,
        render=_decisions,
        template="governance/briefs/decisions.html",
        prefetch=_prefetch_decisions,
    )
)
