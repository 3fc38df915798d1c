"""The roadmap drawn on the server as SVG: a row per task, its phases as bars on a time axis.

The axis runs over the roadmap's period, always as wide (AXIS_WIDTH), so that
the chart fits a laptop's page whatever the period; ticks fall on the first of a
month, quarter or year, whichever leaves room for their labels. Above the rows,
a lane with the forums' meetings; across everything, today's line. Each bar
carries its phase's number (not its colour alone); a gate decision is a filled
diamond, a planned gate an open one, an overdue gate an open one with a cross.
The page has the same data as a table beside the chart.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from samskab.core.charts import text_width
from samskab.governance.queries import meeting_date

from .queries.roadmap import Mark, Roadmap

LABEL_WIDTH = 230
AXIS_WIDTH = 860
RIGHT_MARGIN = 24
TOP = 24  # the tick labels
LANE_HEIGHT = 28  # the meetings
ROW_HEIGHT = 30
BAR_HEIGHT = 16
BOTTOM = 28  # today's label
FONT = 12
MARK = 6  # half a diamond's width
LABEL_CHARACTERS = int((LABEL_WIDTH - 12) / text_width("x", font_size=FONT))
TICK_SPACING = 64  # the least room between two tick labels


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    phase: int
    planned: bool
    title: str

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def labelled(self) -> bool:
        """Wide enough for the phase's number inside."""
        return self.width >= 24


@dataclass(frozen=True)
class Diamond:
    x: float
    y: int  # its middle
    kind: str
    title: str

    @property
    def points(self) -> str:
        x, y = self.x, self.y
        return f"{x},{y - MARK} {x + MARK},{y} {x},{y + MARK} {x - MARK},{y}"

    @property
    def cross_left(self) -> float:
        return round(self.x - MARK / 2, 1)

    @property
    def cross_right(self) -> float:
        return round(self.x + MARK / 2, 1)

    @property
    def cross_top(self) -> float:
        return self.y - MARK / 2

    @property
    def cross_bottom(self) -> float:
        return self.y + MARK / 2

    @property
    def overdue(self) -> bool:
        return self.kind == Mark.OVERDUE

    @property
    def decided(self) -> bool:
        return self.kind == Mark.DECIDED


@dataclass(frozen=True)
class ChartRow:
    label: str
    y: int  # the top of the row
    bars: list[Bar]
    marks: list[Diamond]

    @property
    def middle(self) -> int:
        return self.y + ROW_HEIGHT // 2

    @property
    def bar_y(self) -> int:
        return self.middle - BAR_HEIGHT // 2

    @property
    def text_y(self) -> int:
        return self.middle + 4


@dataclass(frozen=True)
class MeetingDot:
    x: float
    title: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    ticks: list[Tick]
    rows: list[ChartRow]
    meetings: list[MeetingDot]
    today_x: float | None
    lane_y: int
    rows_bottom: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def lane_middle(self) -> int:
        return self.lane_y + LANE_HEIGHT // 2

    @property
    def axis_end(self) -> int:
        return LABEL_WIDTH + AXIS_WIDTH

    @property
    def today_label_y(self) -> int:
        return self.rows_bottom + 16


def _short(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def _month_starts(start: date, end: date, every: int):
    """The first day of every ``every``-th month (January, and so on) from start to end."""
    year, month = start.year, start.month
    while True:
        if (month - 1) % every == 0:
            day = date(year, month, 1)
            if day > end:
                return
            if day >= start:
                yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def ticks(start: date, end: date, scale) -> list[Tick]:
    """Months, quarters, half years or years: the finest whose labels have room."""
    days = max((end - start).days, 1)
    for every, fmt in ((1, "M Y"), (3, "M Y"), (6, "M Y"), (12, "Y")):
        if AXIS_WIDTH * 30.4 * every / days >= TICK_SPACING or every == 12:
            return [
                Tick(scale(day), formats.date_format(day, fmt))
                for day in _month_starts(start, end, every)
            ]
    return []  # pragma: no cover - the loop always returns


def chart(roadmap: Roadmap) -> Chart:
    start, end = roadmap.start, roadmap.end
    days = max((end - start).days, 1)

    def scale(day: date) -> float:
        return round(LABEL_WIDTH + (day - start).days * AXIS_WIDTH / days, 1)

    def clipped(first: date, last: date) -> tuple[date, date] | None:
        if last < start or first > end:
            return None
        return max(first, start), min(last, end)

    lane_y = TOP
    rows = []
    for i, row in enumerate(roadmap.rows):
        bars = []
        for span in row.spans:
            inside = clipped(span.start, span.end)
            if inside is None:
                continue
            x = scale(inside[0])
            title = (
                _("Phase %(number)s %(name)s, planned: %(start)s–%(end)s")
                if span.planned
                else _("Phase %(number)s %(name)s: %(start)s–%(end)s")
            ) % {
                "number": span.phase.number,
                "name": span.phase.name,
                "start": _short(span.start),
                "end": _short(span.end),
            }
            bars.append(
                Bar(
                    x,
                    max(round(scale(inside[1]) - x, 1), 2),
                    span.phase.number,
                    span.planned,
                    title,
                )
            )
        y = lane_y + LANE_HEIGHT + 4 + i * ROW_HEIGHT
        marks = [
            Diamond(
                scale(mark.on), y + ROW_HEIGHT // 2, mark.kind, f"{_short(mark.on)}: {mark.text}"
            )
            for mark in row.marks
            if start <= mark.on <= end
        ]
        rows.append(ChartRow(label=_label(row.task.title), y=y, bars=bars, marks=marks))
    rows_bottom = lane_y + LANE_HEIGHT + 4 + len(rows) * ROW_HEIGHT + 4
    meetings = [
        MeetingDot(
            scale(meeting_day),
            f"{_short(meeting_day)}: {meeting.title or meeting.forum.name} ({meeting.forum.name})",
        )
        for meeting in roadmap.meetings
        if start <= (meeting_day := meeting_date(meeting)) <= end
    ]
    today_x = scale(roadmap.today) if start <= roadmap.today <= end else None
    return Chart(
        width=math.ceil(LABEL_WIDTH + AXIS_WIDTH + RIGHT_MARGIN),
        height=rows_bottom + BOTTOM,
        ticks=ticks(start, end, scale),
        rows=rows,
        meetings=meetings,
        today_x=today_x,
        lane_y=lane_y,
        rows_bottom=rows_bottom,
    )
