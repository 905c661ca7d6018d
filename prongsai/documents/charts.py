"""Charts drawn as SVG on the server: a bar chart of values (a dataset column per period, missed reports per
month) and percentage bars (a plan's progress by indicator or department).

Only the geometry is computed here; ``documents/_bar_chart.html`` and ``documents/_percent_bars.html`` write
the SVG, so every label goes through the template's escaping. No JavaScript, no new dependency, and the chart
is legible without CSS (its text alternative lists every value).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

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


def bar_chart(points: list[tuple[str, Decimal | int]], *, title: str, unit: str = "") -> Chart | None:
    """One bar per (label, value); a label's last word goes on a second line ("ต.ค." / "2565")."""
    if not points:
        return None
    sums = points
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
    for index, ((label, total), value) in enumerate(zip(sums, values, strict=False)):
        centre = round(LEFT + slot * (index + 0.5), 1)
        top = y_of(max(value, 0))
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
        f"{label}: {number_text(v, exact=True)}{' ' + unit if unit else ''}" for label, v in sums
    )
    return Chart(title=title, description=description, bars=bars, ticks=ticks, zero_y=zero)


@dataclass(frozen=True)
class PercentBar:
    y: float
    label: str
    percent: int
    width: float  # of the filled part
    note: str  # e.g. "แล้วเสร็จ 3 จาก 5 กิจกรรม"


@dataclass(frozen=True)
class PercentBars:
    title: str
    description: str
    bars: list[PercentBar]
    width: int
    height: int
    left: int
    track: float  # the full bar's width


ROW, LABEL_WIDTH = 46, 150


def percent_bars(rows: list[tuple[str, int, str]], *, title: str) -> PercentBars | None:
    """One horizontal 0-100 bar per (label, percent, note), the label above its bar so that a long Thai label
    needs no room beside it on a phone."""
    if not rows:
        return None
    track = WIDTH - 16 - 40
    bars = [
        PercentBar(
            y=TOP + index * ROW,
            label=label if len(label) <= 60 else f"{label[:59]}…",
            percent=percent,
            width=round(track * max(0, min(percent, 100)) / 100, 1),
            note=note,
        )
        for index, (label, percent, note) in enumerate(rows)
    ]
    description = "; ".join(f"{label}: {percent}% {note}".strip() for label, percent, note in rows)
    return PercentBars(title, description, bars, WIDTH, TOP + len(rows) * ROW + 8, 8, track)
