"""What the server-rendered SVG charts share: round tick values, and room for their labels.

Ticks are 1, 2, 2.5 or 5 × 10ⁿ apart (0, 250, 500, 750 rather than 9,37 and
10,93), from at or below the smallest value to at or above the largest, and
few. A label's width is estimated from its length, so that a chart leaves
room for its longest label instead of cutting it at the edge.
"""

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))
MOST_TICKS = 6


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def nice_ticks(low, high, *, most: int = MOST_TICKS) -> list[Decimal]:
    """Round, evenly spaced values covering ``low`` to ``high``: at least two, at most ``most``.

    The step is the smallest of 1, 2, 2.5 and 5 × 10ⁿ that covers the range in
    ``most`` ticks or fewer. A range of one value is widened around it.
    """
    if most < 2:
        raise ValueError("A scale needs at least two ticks.")
    low, high = sorted((_decimal(low), _decimal(high)))
    if low == high:
        spread = abs(low) / 10 or Decimal(1)
        low, high = low - spread, high + spread
    # The smallest step that could do: the range in most - 1 steps, down to a power of ten.
    power = Decimal(1).scaleb(((high - low) / (most - 1)).adjusted())
    while True:
        for base in NICE_STEPS:
            step = base * power
            first = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
            last = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
            count = int((last - first) / step) + 1
            if count <= most:
                return [first + i * step for i in range(count)]
        power *= 10


def text_width(text: str, *, font_size: float) -> float:
    """About how wide a label is drawn: digits and most letters are some 0.6 em wide."""
    return len(text) * font_size * 0.62
