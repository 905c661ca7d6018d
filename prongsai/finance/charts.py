"""SVG charts of the budget, drawn as text (no library, no script): the month-by-month plan against the
disbursed total, and the categories' disbursement. Thai labels, Buddhist-era months, Thai digits."""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

from prongsai.thai.dates import thai_month_name
from prongsai.thai.digits import to_thai_digits

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 90, 20, 30, 70
FONT = "Sarabun, 'TH Sarabun New', sans-serif"


def _millions(value: Decimal) -> str:
    return to_thai_digits(f"{value / 1_000_000:,.1f}")


def plan_actual_svg(months: list[dict]) -> str:
    """Cumulative planned spending (a line) and disbursed at the last snapshot of each month (bars)."""
    top = max([m["planned"] for m in months] + [m["disbursed"] or Decimal(0) for m in months] + [Decimal(1)])
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = inner_w / len(months)

    def y(value) -> float:
        return TOP + inner_h - float(value) / float(top) * inner_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title" font-family="{FONT}" font-size="13">',
        '<title id="chart-title">แผนการใช้จ่ายงบประมาณสะสมเทียบกับการเบิกจ่ายจริง รายเดือน (ล้านบาท)</title>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    for i in range(5):
        value = top * i / 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#d5dbe3"/>'
            f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="#333">{_millions(value)}</text>'
        )
    points = []
    for i, month in enumerate(months):
        x = LEFT + step * i
        label = f"{thai_month_name(month['month'].month, abbreviated=True)} {to_thai_digits(str(month['month'].year + 543)[-2:])}"
        parts.append(
            f'<text x="{x + step / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" fill="#333">{escape(label)}</text>'
        )
        if month["disbursed"] is not None:
            h = TOP + inner_h - y(month["disbursed"])
            parts.append(
                f'<rect x="{x + step * 0.2:.1f}" y="{y(month["disbursed"]):.1f}" width="{step * 0.6:.1f}" '
                f'height="{h:.1f}" fill="#14305c"><title>เบิกจ่ายสะสม {_millions(month["disbursed"])} ล้านบาท</title></rect>'
            )
        points.append(f"{x + step / 2:.1f},{y(month['planned']):.1f}")
    parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="#c9a227" stroke-width="3"/>')
    legend_y = HEIGHT - 30
    plan_note = "" if months and months[0].get("from_plan") else " (เฉลี่ยเท่ากันทุกเดือน)"
    parts.append(
        f'<rect x="{LEFT}" y="{legend_y - 10}" width="14" height="10" fill="#14305c"/>'
        f'<text x="{LEFT + 20}" y="{legend_y}" fill="#333">เบิกจ่ายสะสม (ข้อมูลล่าสุดของเดือน)</text>'
        f'<line x1="{LEFT}" x2="{LEFT + 14}" y1="{legend_y + 13}" y2="{legend_y + 13}" stroke="#c9a227" stroke-width="3"/>'
        f'<text x="{LEFT + 20}" y="{legend_y + 18}" fill="#333">แผนการใช้จ่ายสะสม{plan_note}</text>'
        f'<text x="{LEFT - 6}" y="{TOP - 16}" text-anchor="end" fill="#333">ล้านบาท</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
