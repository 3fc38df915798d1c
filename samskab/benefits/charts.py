"""Bar charts drawn on the server as SVG: expected against realised, one pair of bars per row."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats

LABEL_WIDTH = 190
BAR_AREA = 360
BAR_HEIGHT = 14
ROW_HEIGHT = 2 * BAR_HEIGHT + 14


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
        return LABEL_WIDTH + self.expected_width + 4

    @property
    def realised_text_x(self) -> float:
        return LABEL_WIDTH + self.realised_width + 4

    @property
    def expected_text_y(self) -> int:
        return self.y + BAR_HEIGHT - 3

    @property
    def realised_text_y(self) -> int:
        return self.y + 2 * BAR_HEIGHT - 3


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT
    width: int = LABEL_WIDTH + BAR_AREA + 110


def _amount(value: Decimal) -> str:
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


def bar_chart(rows) -> Chart:
    """``rows`` have label, expected and realised; the longest bar fills the bar area."""
    rows = list(rows)
    largest = max([max(row.expected, row.realised) for row in rows] or [Decimal("0")])
    scale = float(BAR_AREA) / float(largest) if largest > 0 else 0.0
    bars = [
        Bar(
            label=str(row.label)[:28],
            y=4 + i * ROW_HEIGHT,
            expected_width=round(max(float(row.expected), 0.0) * scale, 1),
            realised_width=round(max(float(row.realised), 0.0) * scale, 1),
            expected_text=_amount(row.expected),
            realised_text=_amount(row.realised),
        )
        for i, row in enumerate(rows)
    ]
    return Chart(bars=bars, height=8 + len(bars) * ROW_HEIGHT)
