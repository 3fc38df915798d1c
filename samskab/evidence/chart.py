"""The series of an experiment's measurements as coordinates for a server-rendered SVG chart."""

from dataclasses import dataclass, field

from django.utils import formats

from samskab.core import formatting
from samskab.core.charts import nice_ticks, text_width

from .models import Experiment, Measurement

WIDTH, HEIGHT = 640, 320
RIGHT_MARGIN, TOP, BOTTOM = 16, 24, 272
TICK_FONT = 13  # .chart-tick in samskab.css
TICK_GAP = 8  # between a y tick's label and the axis


@dataclass
class Point:
    x: float
    y: float
    measurement: Measurement


@dataclass
class Series:
    group: str
    label: str
    colour: str
    points: list[Point] = field(default_factory=list)

    @property
    def path(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass
class Tick:
    at: float
    label: str
    anchor: str = "end"  # of the label: start, middle or end


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    series: list[Series]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    baseline_y: float

    @property
    def x_title_y(self) -> int:
        return self.height - 4


def chart_of(experiment: Experiment, measurements: list[Measurement]) -> Chart | None:
    """The chart, its y axis on round ticks in the active language's format, every label inside it."""
    if not measurements:
        return None
    baseline = experiment.baseline
    values = [m.value for m in measurements] + [baseline]
    ticks = nice_ticks(min(values), max(values))
    labels = [formatting.number(tick) for tick in ticks]
    low, high = float(ticks[0]), float(ticks[-1])
    # Room on the left for the widest tick label, so that none is cut at the edge.
    left = round(TICK_GAP + max(text_width(label, font_size=TICK_FONT) for label in labels) + 8)
    right = WIDTH - RIGHT_MARGIN
    first = min(m.measured_on for m in measurements)
    last = max(m.measured_on for m in measurements)
    days = max((last - first).days, 1)

    def x(day) -> float:
        return left + (right - left) * ((day - first).days / days if last != first else 0.5)

    def y(value) -> float:
        return BOTTOM - (BOTTOM - TOP) * (float(value) - low) / (high - low)

    series = {
        Measurement.Group.TRIAL: Series(
            Measurement.Group.TRIAL, str(Measurement.Group.TRIAL.label), "#1a3d6d"
        ),
        Measurement.Group.COMPARISON: Series(
            Measurement.Group.COMPARISON, str(Measurement.Group.COMPARISON.label), "#b35900"
        ),
    }
    for measurement in sorted(measurements, key=lambda m: (m.measured_on, m.pk or 0)):
        series[measurement.group].points.append(
            Point(x(measurement.measured_on), y(measurement.value), measurement)
        )
    y_ticks = [Tick(y(tick), label) for tick, label in zip(ticks, labels, strict=True)]
    # The first date starts at the y axis and the last ends at the right edge of the plot,
    # so that neither is cut; one date alone is centred.
    if last == first:
        x_ticks = [Tick(x(first), _date(first), "middle")]
    else:
        x_ticks = [Tick(x(first), _date(first), "start"), Tick(x(last), _date(last), "end")]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=left,
        right=right,
        top=TOP,
        bottom=BOTTOM,
        series=[s for s in series.values() if s.points],
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        baseline_y=y(baseline),
    )


def _date(day) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")
