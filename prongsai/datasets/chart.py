"""A bar chart of one numeric column summed per period, drawn as SVG on the server.

Only the geometry is computed here; ``datasets/_chart.html`` writes the SVG, so every label goes through the
template's escaping. No JavaScript, no new dependency, and the chart is legible without CSS.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from .values import period_label

# Small enough that on a 360 px phone the 14-unit text is still about 11 px high.
WIDTH, HEIGHT = 420, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 8, 22, 44
MAX_LABELS = 8


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    centre: float
    value_y: float
    value_text: str
    label_lines: tuple[str, ...]
    show_label: bool


@dataclass(frozen=True)
class Tick:
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    bars: list[Bar]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    zero_y: float = 0
    label_y: float = HEIGHT - BOTTOM + 17


def _nice_step(span: float) -> float:
    raw = span / 4 or 1
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def number_text(value: Decimal | float, *, exact: bool = False) -> str:
    """1,250.50 exactly, or 1,251 on a bar where room is short (the description and table keep the satang)."""
    value = Decimal(str(value))
    if value == value.to_integral_value() or (abs(value) >= 1000 and not exact):
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def bar_chart(
    frequency: str, sums: list[tuple[datetime.date, Decimal]], *, title: str, unit: str = ""
) -> Chart | None:
    if not sums:
        return None
    values = [float(v) for _, v in sums]
    low, high = min(0.0, min(values)), max(0.0, max(values))
    step = _nice_step(high - low)
    low = math.floor(low / step) * step
    high = math.ceil(high / step) * step or step
    plot_height = HEIGHT - TOP - BOTTOM
    plot_width = WIDTH - LEFT - RIGHT

    def y_of(value: float) -> float:
        return round(TOP + (high - value) / (high - low) * plot_height, 1)

    ticks = []
    tick = low
    while tick <= high + step / 2:
        ticks.append(Tick(y_of(tick), number_text(tick)))
        tick += step
    slot = plot_width / len(sums)
    width = round(min(slot * 0.62, 48), 1)
    every = max(1, math.ceil(len(sums) / MAX_LABELS))  # labels under the axis must not overlap
    zero = y_of(0)
    bars = []
    for index, ((period, total), value) in enumerate(zip(sums, values, strict=False)):
        centre = round(LEFT + slot * (index + 0.5), 1)
        top = y_of(max(value, 0))
        label = period_label(frequency, period)
        head, _, tail = label.rpartition(" ")
        bars.append(
            Bar(
                x=round(centre - width / 2, 1),
                y=top,
                width=width,
                height=round(abs(y_of(value) - zero), 1),
                centre=centre,
                value_y=round(top - 5, 1),
                value_text=number_text(total) if len(sums) <= MAX_LABELS else "",
                label_lines=(head, tail) if head else (tail,),
                show_label=index % every == 0,
            )
        )
    description = "; ".join(
        f"{period_label(frequency, p)}: {number_text(v, exact=True)}{' ' + unit if unit else ''}"
        for p, v in sums
    )
    return Chart(title=title, description=description, bars=bars, ticks=ticks, zero_y=zero)
