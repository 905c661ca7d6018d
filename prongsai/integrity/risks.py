"""The corruption-risk register's rules: the 5 x 5 matrix, its written criteria and its levels, and the heat
map drawn from them.

Score = likelihood x impact (1-25). The bands (low 1-4, medium 5-9, high 10-16, very high 17-25) and the
criteria of each level below are the common practice of Thai public-sector risk assessment (the 5 x 5 risk
matrix of the NACC's corruption-risk assessment guide and the Comptroller General's risk-management
guideline); they are defaults: an agency rewrites its criteria on the criteria page, and a deployment may
set other bands in ``settings.PRONGSAI_RISK_LEVELS`` (a list of (lowest score, key, label, colour)).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.thai.digits import to_thai_digits


@dataclass(frozen=True)
class Level:
    lowest: int
    key: str
    label: str
    colour: str  # fill of the heat-map cell; the text on it is dark enough on every one (WCAG AA)


DEFAULT_LEVELS = (
    Level(1, "low", _("ต่ำ"), "#b7e1b0"),
    Level(5, "medium", _("ปานกลาง"), "#fde68a"),
    Level(10, "high", _("สูง"), "#fdba74"),
    Level(17, "very_high", _("สูงมาก"), "#fca5a5"),
)


def levels() -> tuple[Level, ...]:
    configured = getattr(settings, "PRONGSAI_RISK_LEVELS", None)
    if configured:
        return tuple(Level(*row) for row in configured)
    return DEFAULT_LEVELS


def level_of(score: int) -> Level:
    found = levels()[0]
    for level in levels():
        if score >= level.lowest:
            found = level
    return found


def level_range(level: Level) -> tuple[int, int]:
    all_levels = levels()
    i = all_levels.index(level)
    high = all_levels[i + 1].lowest - 1 if i + 1 < len(all_levels) else 25
    return level.lowest, high


# (level, label, criterion): what each of the five levels means, written down.
DEFAULT_CRITERIA = {
    "likelihood": (
        (1, _("น้อยมาก"), _("แทบไม่มีโอกาสเกิด ไม่เคยเกิดในรอบ ๕ ปีที่ผ่านมา")),
        (2, _("น้อย"), _("อาจเกิดได้ยาก เคยเกิด ๑ ครั้งในรอบ ๒-๕ ปี")),
        (3, _("ปานกลาง"), _("อาจเกิดได้บางครั้ง ประมาณปีละ ๑ ครั้ง")),
        (4, _("สูง"), _("มีโอกาสเกิดบ่อย ปีละ ๒-๕ ครั้ง")),
        (5, _("สูงมาก"), _("เกิดขึ้นเป็นประจำ มากกว่าปีละ ๕ ครั้ง หรือทุกเดือน")),
    ),
    "impact": (
        (1, _("น้อยมาก"), _("ไม่มีความเสียหายต่อทางราชการ หรือเสียหายไม่เกิน ๑๐,๐๐๐ บาท ไม่กระทบภาพลักษณ์")),
        (2, _("น้อย"), _("เสียหาย ๑๐,๐๐๑-๕๐,๐๐๐ บาท มีผู้ร้องเรียนภายในหน่วยงาน แก้ไขได้ทันที")),
        (3, _("ปานกลาง"), _("เสียหาย ๕๐,๐๐๑-๒๕๐,๐๐๐ บาท เป็นข่าวในสื่อท้องถิ่นหรือสื่อสังคมออนไลน์")),
        (4, _("สูง"), _("เสียหาย ๒๕๐,๐๐๑-๑,๐๐๐,๐๐๐ บาท เป็นข่าวระดับประเทศ ถูกตรวจสอบโดยหน่วยงานภายนอก")),
        (
            5,
            _("สูงมาก"),
            _("เสียหายเกิน ๑,๐๐๐,๐๐๐ บาท มีการดำเนินคดีอาญาหรือวินัยร้ายแรง เสียภาพลักษณ์อย่างร้ายแรง"),
        ),
    ),
}


def counts_grid(pairs) -> dict[tuple[int, int], int]:
    """(likelihood, impact) -> how many risks, from an iterable of pairs."""
    grid: dict[tuple[int, int], int] = {}
    for pair in pairs:
        grid[pair] = grid.get(pair, 0) + 1
    return grid


CELL = 56
LEFT = 64
TOP = 28


def heatmap_svg(grid: dict[tuple[int, int], int], *, title: str) -> str:
    """The 5 x 5 heat map as SVG: likelihood up, impact across, each cell in its level's colour with the
    number of risks in it. Only numbers and the caller's title (escaped) go into it."""
    size = CELL * 5
    width, height = LEFT + size + 8, TOP + size + 44
    total = sum(grid.values())
    total_text = gettext("ทั้งหมด %(n)s ความเสี่ยง") % {"n": total}
    impact_label = gettext("ผลกระทบ (Impact)")
    likelihood_label = gettext("โอกาสที่จะเกิด (Likelihood)")
    # Two maps share a page (inherent and residual): each needs its own title id.
    ident = f"hm-{zlib.crc32(title.encode()):08x}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{ident}" class="heatmap" font-family="Sarabun, sans-serif">',
        f'<title id="{ident}">{escape(title)} ({escape(total_text)})</title>',
        f'<text x="{LEFT + size / 2}" y="16" text-anchor="middle" font-size="14" font-weight="700">{escape(title)}</text>',
    ]
    for likelihood in range(1, 6):
        y = TOP + (5 - likelihood) * CELL
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + CELL / 2 + 5}" text-anchor="end" font-size="13">'
            f"{to_thai_digits(str(likelihood))}</text>"
        )
        for impact in range(1, 6):
            x = LEFT + (impact - 1) * CELL
            level = level_of(likelihood * impact)
            count = grid.get((likelihood, impact), 0)
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{level.colour}" stroke="#fff" '
                f'stroke-width="2"><title>{escape(str(level.label))} '
                f"L{likelihood} x I{impact} = {likelihood * impact}: {count}</title></rect>"
            )
            if count:
                parts.append(
                    f'<text x="{x + CELL / 2}" y="{y + CELL / 2 + 7}" text-anchor="middle" font-size="20" '
                    f'font-weight="700" fill="#1f2937">{to_thai_digits(str(count))}</text>'
                )
    for impact in range(1, 6):
        x = LEFT + (impact - 1) * CELL + CELL / 2
        parts.append(
            f'<text x="{x}" y="{TOP + size + 18}" text-anchor="middle" font-size="13">{to_thai_digits(str(impact))}</text>'
        )
    parts.append(
        f'<text x="{LEFT + size / 2}" y="{TOP + size + 38}" text-anchor="middle" font-size="13">'
        f"{escape(impact_label)}</text>"
    )
    parts.append(
        f'<text x="14" y="{TOP + size / 2}" text-anchor="middle" font-size="13" '
        f'transform="rotate(-90 14 {TOP + size / 2})">{escape(likelihood_label)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
