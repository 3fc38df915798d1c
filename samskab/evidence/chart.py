"""The series of an experiment's measurements as coordinates for a server-rendered SVG chart."""

from dataclasses import dataclass, field

from .models import Experiment, Measurement

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 616, 24, 272
TICKS = 5


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


def _format(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")


def chart_of(experiment: Experiment, measurements: list[Measurement]) -> Chart | None:
    if not measurements:
        return None
    baseline = float(experiment.baseline)
    values = [float(m.value) for m in measurements] + [baseline]
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    first = min(m.measured_on for m in measurements)
    last = max(m.measured_on for m in measurements)
    days = max((last - first).days, 1)

    def x(day) -> float:
        return LEFT + (RIGHT - LEFT) * ((day - first).days / days if last != first else 0.5)

    def y(value: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * (value - low) / (high - low)

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
            Point(x(measurement.measured_on), y(float(measurement.value)), measurement)
        )
    y_ticks = [
        Tick(y(low + (high - low) * i / (TICKS - 1)), _format(low + (high - low) * i / (TICKS - 1)))
        for i in range(TICKS)
    ]
    x_ticks = [Tick(x(first), first.strftime("%d.%m.%Y"))]
    if last != first:
        x_ticks.append(Tick(x(last), last.strftime("%d.%m.%Y")))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        series=[s for s in series.values() if s.points],
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        baseline_y=y(baseline),
    )
