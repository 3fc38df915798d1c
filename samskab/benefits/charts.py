"""Bar charts drawn on the server as SVG: expected against realised, one pair of bars per row.

The value axis runs from 0 to a round tick at or above the largest bar, with
gridlines at round values (samskab.core.charts); the chart is as wide as its
longest label needs, so that no figure is cut at the edge.
"""

import math
from dataclasses import dataclass
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
