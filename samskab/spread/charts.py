"""The degree of scaling over time, drawn on the server as SVG (the table beside it has the figures).

Time runs across, from the first target's day to today; the share of target units in
operation runs up from 0 to 100 %. The line steps at each month's end, as the table.
"""

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from django.utils import formats

from .queries import Degree

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 48, 624, 16, 236
COLOUR = "#2b7a3d"
MOST_LABELS = 6


@dataclass(frozen=True)
class Axis:
    at: float
    label: str


@dataclass(frozen=True)
class DegreeChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    y_ticks: list[Axis]
    x_labels: list[Axis]
    path: str
    dots: list[tuple[float, float]]
    colour: str = COLOUR

    @property
    def label_y(self) -> int:
        return self.bottom + 20


def degree_chart(points: list[tuple[date, Degree]]) -> DegreeChart | None:
    """None without points (the page says there are no targets yet)."""
    if not points:
        return None
    first, last = points[0][0].replace(day=1), points[-1][0]
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return round(LEFT + (RIGHT - LEFT) * (day - first).days / span, 1)

    def y(percent: int) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * percent / 100, 1)

    coordinates = [(x(day), y(degree.percent or 0)) for day, degree in points]
    steps = [f"{LEFT:.1f},{coordinates[0][1]:.1f}"]
    for previous, current in pairwise(coordinates):
        steps.append(f"{current[0]:.1f},{previous[1]:.1f}")
        steps.append(f"{current[0]:.1f},{current[1]:.1f}")
    if len(coordinates) == 1:
        steps.append(f"{coordinates[0][0]:.1f},{coordinates[0][1]:.1f}")
    every = max(1, -(-len(points) // MOST_LABELS))
    return DegreeChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        y_ticks=[Axis(y(percent), f"{percent} %") for percent in (0, 25, 50, 75, 100)],
        x_labels=[
            Axis(x(day), formats.date_format(day, "YEAR_MONTH_FORMAT"))
            for index, (day, _degree) in enumerate(points)
            if index % every == 0 and index < len(points) - 1
        ],
        path=" ".join(steps),
        dots=coordinates,
    )
