"""Bar charts drawn on the server as SVG: expected against realised, one pair of bars per row.

The value axis runs from 0 to a round tick at or above the largest bar, with
gridlines at round values (samskab.core.charts); the chart is as wide as its
longest label needs, so that no figure is cut at the edge.
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from samskab.core import formatting
from samskab.core.charts import nice_ticks, text_width

LABEL_WIDTH = 190
BAR_AREA = 360
BAR_HEIGHT = 14
ROW_HEIGHT = 2 * BAR_HEIGHT + 14
LABEL_FONT = 12
VALUE_FONT = 11
AXIS_HEIGHT = 24
GAP = 4
# The longest row label that fits beside the bars; the table below the chart has it whole.
LABEL_CHARACTERS = int((LABEL_WIDTH - 2 * GAP) / text_width("x", font_size=LABEL_FONT))


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    expected_width: float
    realised_width: float
    expected_text: str
    realised_text: str

    @property
    def realised_y(self) -> int:
        return self.y + BAR_HEIGHT

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT + 4

    @property
    def expected_text_x(self) -> float:
        return LABEL_WIDTH + self.expected_width + GAP

    @property
    def realised_text_x(self) -> float:
        return LABEL_WIDTH + self.realised_width + GAP

    @property
    def expected_text_y(self) -> int:
        return self.y + BAR_HEIGHT - 3

    @property
    def realised_text_y(self) -> int:
        return self.y + 2 * BAR_HEIGHT - 3

    @property
    def right_edge(self) -> float:
        """Where the further of its two figures ends."""
        return max(
            self.expected_text_x + text_width(self.expected_text, font_size=VALUE_FONT),
            self.realised_text_x + text_width(self.realised_text, font_size=VALUE_FONT),
        )


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    axis_y: int  # where the bars end and the tick labels begin
    width: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return self.axis_y + AXIS_HEIGHT

    @property
    def axis_end(self) -> float:
        return self.ticks[-1].x

    @property
    def tick_label_y(self) -> int:
        return self.axis_y + 16


def _label(text) -> str:
    text = str(text)
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(rows, *, kroner: bool = False) -> Chart:
    """``rows`` have label, expected and realised; ``kroner`` shows the figures with "kr."."""
    rows = list(rows)
    largest = max([max(row.expected, row.realised) for row in rows] or [Decimal("0")])
    ticks = nice_ticks(0, largest if largest > 0 else 1)
    scale = BAR_AREA / float(ticks[-1])

    def figure(value) -> str:
        return formatting.kroner(value) if kroner else formatting.number(value, decimals=2)

    bars = [
        Bar(
            label=_label(row.label),
            y=4 + i * ROW_HEIGHT,
            expected_width=round(max(float(row.expected), 0.0) * scale, 1),
            realised_width=round(max(float(row.realised), 0.0) * scale, 1),
            expected_text=figure(row.expected),
            realised_text=figure(row.realised),
        )
        for i, row in enumerate(rows)
    ]
    axis = [
        Tick(x=round(LABEL_WIDTH + float(tick) * scale, 1), label=formatting.number(tick))
        for tick in ticks
    ]
    last = axis[-1]
    right = max(
        [last.x + text_width(last.label, font_size=VALUE_FONT) / 2]
        + [bar.right_edge for bar in bars]
    )
    return Chart(
        bars=bars, ticks=axis, axis_y=8 + len(bars) * ROW_HEIGHT, width=math.ceil(right + GAP)
    )


# The benefit curve: expected against realised in all, over the years ------------------

CURVE_WIDTH, CURVE_HEIGHT = 640, 300
CURVE_TOP, CURVE_BOTTOM, CURVE_RIGHT_MARGIN = 24, 256, 16
CURVE_FONT = 13  # .chart-tick in samskab.css
EXPECTED_COLOUR = "#5b6ca6"  # as the expected bars
REALISED_COLOUR = "#2b7a3d"  # as the realised bars
MOST_YEAR_LABELS = 10


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Axis:
    at: float
    label: str


@dataclass(frozen=True)
class CurveChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    y_ticks: list[Axis]
    years: list[Axis]  # a label in the middle of each year shown
    year_lines: list[float]  # where each year begins
    expected: list[Point]
    realised: list[Point]
    today_x: float | None  # the day's line, when today lies within the curve
    expected_colour: str = EXPECTED_COLOUR
    realised_colour: str = REALISED_COLOUR

    @staticmethod
    def _path(points: list[Point]) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in points)

    @property
    def expected_path(self) -> str:
        return self._path(self.expected)

    @property
    def realised_path(self) -> str:
        return self._path(self.realised)

    @property
    def year_label_y(self) -> int:
        return self.bottom + 20

    @property
    def today_anchor(self) -> str:
        """Where "Today" is written about its line: not past either end of the plot."""
        room = text_width("Today", font_size=CURVE_FONT)
        if self.today_x is None or self.today_x + room / 2 > self.right:
            return "end"
        return "start" if self.today_x - room / 2 < self.left else "middle"


def curve_chart(curve) -> CurveChart:
    """A ``queries.Curve`` as coordinates: time across (the curve's years, first day of the
    first to last day of the last), the amount in all up, from 0 to a round tick."""
    start = date(curve.first_year, 1, 1)
    end = date(curve.last_year + 1, 1, 1)
    days = (end - start).days
    values = [point.expected for point in curve.points]
    values += [point.realised for point in curve.points if point.realised is not None]
    largest = max(values)
    ticks = nice_ticks(0, largest if largest > 0 else 1)
    labels = [formatting.number(tick) for tick in ticks]
    left = round(GAP * 2 + max(text_width(label, font_size=CURVE_FONT) for label in labels) + 8)
    right = CURVE_WIDTH - CURVE_RIGHT_MARGIN
    high = float(ticks[-1])

    def x(day: date) -> float:
        return round(left + (right - left) * (day - start).days / days, 1)

    def y(value) -> float:
        return round(CURVE_BOTTOM - (CURVE_BOTTOM - CURVE_TOP) * float(value) / high, 1)

    def at_day_end(day: date) -> float:
        return x(day + timedelta(days=1))

    origin = Point(x(start), y(0))
    expected = [origin] + [Point(at_day_end(p.on), y(p.expected)) for p in curve.points]
    realised = [origin] + [
        Point(at_day_end(p.on), y(p.realised)) for p in curve.points if p.realised is not None
    ]
    count = curve.last_year - curve.first_year + 1
    every = math.ceil(count / MOST_YEAR_LABELS)
    years = [
        Axis(x(date(year, 7, 1)), str(year))
        for year in range(curve.first_year, curve.last_year + 1)
        if (year - curve.first_year) % every == 0
    ]
    now = curve.today
    return CurveChart(
        width=CURVE_WIDTH,
        height=CURVE_HEIGHT,
        left=left,
        right=right,
        top=CURVE_TOP,
        bottom=CURVE_BOTTOM,
        y_ticks=[Axis(y(tick), label) for tick, label in zip(ticks, labels, strict=True)],
        years=years,
        year_lines=[
            x(date(year, 1, 1)) for year in range(curve.first_year + 1, curve.last_year + 1)
        ],
        expected=expected,
        realised=realised if len(realised) > 1 else [],
        today_x=at_day_end(now.on) if now is not None else None,
    )
