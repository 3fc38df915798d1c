"""Bar charts of the funnel and its waits, drawn on the server as SVG: two bars per row.

The funnel draws this period against the period before; the waits draw the
median against the 90th percentile, with a line at the answer deadline. The
value axis runs from 0 to a round tick at or above the largest bar (and the
deadline), as in samskab.benefits.charts; a table beside each chart has the
same figures.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from samskab.core import formatting
from samskab.core.charts import nice_ticks, text_width

# Drawn at the size of the page's text (16 px); a narrow screen shrinks the whole chart.
LABEL_WIDTH = 360  # at most; as wide as the longest label needs
BAR_AREA = 480
BAR_HEIGHT = 18
ROW_HEIGHT = 2 * BAR_HEIGHT + 16
LABEL_FONT = 16
VALUE_FONT = 14
AXIS_HEIGHT = 30
TOP = 24  # room above the bars for the marker's label
GAP = 6
LABEL_CHARACTERS = int((LABEL_WIDTH - 2 * GAP) / text_width("x", font_size=LABEL_FONT))


@dataclass(frozen=True)
class Pair:
    """One row: its label and two values (None: no figure, no bar)."""

    label: str
    first: Decimal | float | int | None
    second: Decimal | float | int | None


@dataclass(frozen=True)
class Bar:
    label: str
    x: float  # where the bars begin, right of the labels
    y: int
    first_width: float | None
    second_width: float | None
    first_text: str
    second_text: str

    @property
    def second_y(self) -> int:
        return self.y + BAR_HEIGHT

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT + 5

    @property
    def first_text_x(self) -> float:
        return self.x + (self.first_width or 0) + GAP

    @property
    def second_text_x(self) -> float:
        return self.x + (self.second_width or 0) + GAP

    @property
    def first_text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4

    @property
    def second_text_y(self) -> int:
        return self.y + 2 * BAR_HEIGHT - 4

    @property
    def right_edge(self) -> float:
        return max(
            self.first_text_x + text_width(self.first_text, font_size=VALUE_FONT),
            self.second_text_x + text_width(self.second_text, font_size=VALUE_FONT),
        )


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Marker:
    x: float
    label: str

    @property
    def label_x(self) -> float:
        return self.x + GAP


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    axis_y: int
    width: int
    label_width: float
    marker: Marker | None = None
    top: int = TOP
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return self.axis_y + AXIS_HEIGHT

    @property
    def axis_end(self) -> float:
        return self.ticks[-1].x

    @property
    def tick_label_y(self) -> int:
        return self.axis_y + 20

    @property
    def marker_label_y(self) -> int:
        return self.top - 8


def _label(text) -> str:
    text = str(text)
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def paired_bars(
    pairs, *, decimals: int = 0, marker: Decimal | int | None = None, marker_label: str = ""
) -> Chart:
    """A chart of ``pairs``, figures with at most ``decimals``; ``marker`` draws a line at a value."""
    pairs = list(pairs)
    values = [_decimal(v) for pair in pairs for v in (pair.first, pair.second) if v is not None]
    if marker is not None:
        values.append(_decimal(marker))
    largest = max(values or [Decimal(0)])
    ticks = nice_ticks(0, largest if largest > 0 else 1)
    scale = BAR_AREA / float(ticks[-1])
    labels = [_label(pair.label) for pair in pairs]
    left = math.ceil(
        min(
            LABEL_WIDTH,
            max([text_width(label, font_size=LABEL_FONT) for label in labels] or [0]) + 2 * GAP,
        )
    )

    def width(value) -> float | None:
        return None if value is None else round(max(float(value), 0.0) * scale, 1)

    def figure(value) -> str:
        return "–" if value is None else formatting.number(value, decimals=decimals)

    bars = [
        Bar(
            label=label,
            x=left,
            y=TOP + i * ROW_HEIGHT,
            first_width=width(pair.first),
            second_width=width(pair.second),
            first_text=figure(pair.first),
            second_text=figure(pair.second),
        )
        for i, (pair, label) in enumerate(zip(pairs, labels, strict=True))
    ]
    axis = [
        Tick(x=round(left + float(tick) * scale, 1), label=formatting.number(tick))
        for tick in ticks
    ]
    line = None
    right = max(
        [axis[-1].x + text_width(axis[-1].label, font_size=VALUE_FONT) / 2]
        + [bar.right_edge for bar in bars]
    )
    if marker is not None:
        line = Marker(x=round(left + float(marker) * scale, 1), label=marker_label)
        right = max(right, line.label_x + text_width(marker_label, font_size=VALUE_FONT))
    return Chart(
        bars=bars,
        ticks=axis,
        axis_y=TOP + 4 + len(bars) * ROW_HEIGHT,
        width=math.ceil(right + GAP),
        label_width=left,
        marker=line,
    )
