"""Checking a printed spending report (หมวดรายจ่าย | งบประมาณหลังปรับโอน | เบิกจ่ายทั้งสิ้น | งบประมาณคงเหลือ |
ร้อยละการเบิกจ่าย | รวม) against itself, figure by figure. Pure: no database.

Every printed figure is checked against what the other printed figures of the same table say it must be:
a row's remaining is its allocated minus its disbursed; a total is the sum of its column; a percentage is
either the category's share of the whole budget (what Bangkok's reports print under "ร้อยละการเบิกจ่าย") or
the category's own disbursement rate, and the check says which. Nothing is fixed or dropped: each mismatch is
reported with the figures, and where two mismatches point at one typed figure, the explanation says so.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from prongsai.thai.money import format_baht

from .models import Category

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
_PLACES = Decimal("0.01")

# How reports name the categories (the short and the long forms).
CATEGORY_WORDS = {
    Category.PERSONNEL: ("งบบุคลากร", "บุคลากร"),
    Category.OPERATIONS: ("งบดำเนินงาน", "ดำเนินงาน"),
    Category.INVESTMENT: ("งบลงทุน", "ลงทุน"),
    Category.SUBSIDIES: ("งบเงินอุดหนุน", "เงินอุดหนุน", "อุดหนุน"),
    Category.OTHER: ("งบรายจ่ายอื่น", "รายจ่ายอื่น"),
}


def category_of(text: str) -> str | None:
    cleaned = "".join((text or "").split())
    for category, words in CATEGORY_WORDS.items():
        if cleaned in words:
            return str(category)
    return None


def percent(part: Decimal, whole: Decimal) -> Decimal:
    if not whole:
        return ZERO
    return (part * HUNDRED / whole).quantize(_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PrintedRow:
    line: int  # the line of the document or the row of the file
    category: str  # as printed
    allocated: Decimal
    disbursed: Decimal
    remaining: Decimal | None
    rate: Decimal | None


@dataclass(frozen=True)
class Mismatch:
    line: int
    subject: str  # the category as printed, or "รวม"
    column: str  # "remaining", "allocated", "disbursed", "rate"
    printed: Decimal
    expected: Decimal
    message: str  # Thai, with the figures
    explanation: str = ""

    @property
    def difference(self) -> Decimal:
        return self.printed - self.expected

    def as_json(self) -> dict:
        data = asdict(self)
        for key in ("printed", "expected"):
            data[key] = str(data[key])
        data["difference"] = str(self.difference)
        return data


@dataclass
class ReportCheck:
    mismatches: list[Mismatch] = field(default_factory=list)
    rate_base: str = ""  # "share" (of the whole budget), "category" (its own rate), "" (none printed)


_COLUMN = {
    "allocated": "งบประมาณหลังปรับโอน",
    "disbursed": "เบิกจ่ายทั้งสิ้น",
    "remaining": "งบประมาณคงเหลือ",
}


def check_report(rows: list[PrintedRow], total: PrintedRow | None) -> ReportCheck:
    result = ReportCheck()
    total_allocated = sum((r.allocated for r in rows), ZERO)
    implied: dict[int, Decimal] = {}  # row index -> the disbursed figure its printed remaining implies
    for index, row in enumerate(rows):
        if row.remaining is None:
            continue
        expected = row.allocated - row.disbursed
        if row.remaining != expected:
            implied[index] = row.allocated - row.remaining
            result.mismatches.append(
                Mismatch(
                    row.line,
                    row.category,
                    "remaining",
                    row.remaining,
                    expected,
                    f"{row.category}: งบประมาณคงเหลือที่พิมพ์ไว้ {format_baht(row.remaining)} ไม่เท่ากับ "
                    f"{format_baht(row.allocated)} − {format_baht(row.disbursed)} = {format_baht(expected)} "
                    f"(ต่าง {format_baht(row.remaining - expected)})",
                    f"คงเหลือที่พิมพ์ไว้ตรงกับการเบิกจ่าย {format_baht(implied[index])} "
                    f"แต่เบิกจ่ายที่พิมพ์ไว้คือ {format_baht(row.disbursed)}",
                )
            )
    # Which percentage the table prints: decided by the rows, each row then checked against it.
    rated = [r for r in rows if r.rate is not None]
    if rated:
        share = sum(r.rate == percent(r.disbursed, total_allocated) for r in rated)
        own = sum(r.rate == percent(r.disbursed, r.allocated) for r in rated)
        result.rate_base = "share" if share >= own else "category"
        for row in rated:
            base = total_allocated if result.rate_base == "share" else row.allocated
            expected = percent(row.disbursed, base)
            if row.rate != expected:
                result.mismatches.append(
                    Mismatch(
                        row.line,
                        row.category,
                        "rate",
                        row.rate,
                        expected,
                        f"{row.category}: ร้อยละที่พิมพ์ไว้ {row.rate} ไม่เท่ากับ {expected}",
                    )
                )
    if total is not None:
        for column, header in _COLUMN.items():
            printed = getattr(total, column)
            values = [getattr(r, column) for r in rows]
            if printed is None or any(v is None for v in values):
                continue
            computed = sum(values, ZERO)
            if printed == computed:
                continue
            explanation = ""
            if column == "disbursed":
                # The total printed may agree with a row's printed remaining rather than its printed
                # disbursed: then that one disbursed figure is probably the typo.
                for index, value in implied.items():
                    if computed - rows[index].disbursed + value == printed:
                        explanation = (
                            f"แถวรวมที่พิมพ์ไว้ตรงกับเบิกจ่าย{rows[index].category} {format_baht(value)} "
                            f"ซึ่งงบประมาณคงเหลือที่พิมพ์ไว้ของหมวดนั้นบอกเช่นกัน: ตัวเลขเบิกจ่าย "
                            f"{format_baht(rows[index].disbursed)} ที่พิมพ์ไว้จึงน่าจะพิมพ์ผิด "
                            f"ระบบแสดงตัวเลขตามที่บันทึกไว้ ({format_baht(computed)}) จนกว่าฝ่ายการคลังจะแก้ไข"
                        )
            result.mismatches.append(
                Mismatch(
                    total.line,
                    "รวม",
                    column,
                    printed,
                    computed,
                    f"ผลรวม{header}ของทุกหมวด = {format_baht(computed)} ไม่ตรงกับแถวรวมที่พิมพ์ไว้ "
                    f"{format_baht(printed)} (ต่าง {format_baht(printed - computed)})",
                    explanation,
                )
            )
        if total.rate is not None:
            expected = percent(total.disbursed, total.allocated)
            if total.rate != expected:
                result.mismatches.append(
                    Mismatch(
                        total.line,
                        "รวม",
                        "rate",
                        total.rate,
                        expected,
                        f"ร้อยละรวมที่พิมพ์ไว้ {total.rate} ไม่เท่ากับ {expected}",
                    )
                )
    result.mismatches.sort(key=lambda m: m.line)
    return result
