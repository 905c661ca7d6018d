"""Suspicious content in a parsed integrity plan: things a person should look at before the plan is used.

The parser reports what it could not read; the lint reports what it read but looks wrong for this agency and
this fiscal year: another agency named in the plan (a copy-paste from another district's plan), a due date
outside the fiscal year, a row nobody is responsible for, an activity without a due date.
"""

import re
from collections.abc import Iterator, Sequence

from prongsai.plans.parser import AGENCY, BUDGET, DATE, DEPARTMENT, ParsedActivity, ParsedPlan, ParseWarning
from prongsai.thai.dates import format_be_date
from prongsai.thai.digits import to_thai_digits
from prongsai.thai.fiscal import fiscal_year_bounds

# The 50 districts (เขต) of Bangkok. Names, not a word pattern: "เขต" is followed by ordinary words too
# ("สำนักงานเขตรวมทั้งโรงเรียน", "เขตยุคใหม่"), so only a known name counts as naming a district.
BANGKOK_DISTRICTS = (
    "พระนคร",
    "ดุสิต",
    "หนองจอก",
    "บางรัก",
    "บางเขน",
    "บางกะปิ",
    "ปทุมวัน",
    "ป้อมปราบศัตรูพ่าย",
    "พระโขนง",
    "มีนบุรี",
    "ลาดกระบัง",
    "ยานนาวา",
    "สัมพันธวงศ์",
    "พญาไท",
    "ธนบุรี",
    "บางกอกใหญ่",
    "ห้วยขวาง",
    "คลองสาน",
    "ตลิ่งชัน",
    "บางกอกน้อย",
    "บางขุนเทียน",
    "ภาษีเจริญ",
    "หนองแขม",
    "ราษฎร์บูรณะ",
    "บางพลัด",
    "ดินแดง",
    "บึงกุ่ม",
    "สาทร",
    "บางซื่อ",
    "จตุจักร",
    "บางคอแหลม",
    "ประเวศ",
    "คลองเตย",
    "สวนหลวง",
    "จอมทอง",
    "ดอนเมือง",
    "ราชเทวี",
    "ลาดพร้าว",
    "วัฒนา",
    "บางแค",
    "หลักสี่",
    "สายไหม",
    "คันนายาว",
    "สะพานสูง",
    "วังทองหลาง",
    "คลองสามวา",
    "บางนา",
    "ทวีวัฒนา",
    "ทุ่งครุ",
    "บางบอน",
)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _texts(plan: ParsedPlan) -> Iterator[tuple[int, str]]:
    """Every text of the plan a person wrote, with its line."""
    yield plan.title_line, plan.title
    if plan.budget is not None:
        yield plan.budget.line, plan.budget.title
    for activity in plan.activities:
        for text in (
            activity.focus,
            activity.name,
            activity.output,
            activity.channel_text,
            activity.due_text,
            activity.departments_text,
        ):
            yield activity.line, text
    for item in plan.oit_items:
        for text in (
            item.title,
            item.activity,
            item.output,
            item.channel_text,
            item.due_text,
            item.departments_text,
        ):
            yield item.line, text


def _other_agencies(
    plan: ParsedPlan, agency_name: str, district_names: Sequence[str]
) -> Iterator[ParseWarning]:
    own = _compact(agency_name)
    if plan.agency_name and _compact(plan.agency_name) != own:
        yield ParseWarning(
            plan.title_line,
            plan.title,
            f"ชื่อมาตรการระบุ “{plan.agency_name}” ไม่ใช่ “{agency_name}”",
            AGENCY,
            plan.agency_name,
        )
    names = sorted(district_names, key=len, reverse=True)  # "ทวีวัฒนา" before "วัฒนา"
    mention = re.compile(r"(?:สำนักงาน\s*)?เขต\s*(" + "|".join(map(re.escape, names)) + ")")
    own_districts = {match.group(1) for match in mention.finditer(own)}
    seen: set[tuple[int, str]] = set()
    for line, text in _texts(plan):
        for match in mention.finditer(text):
            district = match.group(1)
            if district in own_districts or (line, district) in seen:
                continue
            seen.add((line, district))
            yield ParseWarning(
                line,
                text,
                f"กล่าวถึง “{_compact(match.group())}” ซึ่งไม่ใช่หน่วยงานนี้ ({agency_name})",
                AGENCY,
                match.group(),
            )


def lint_plan(
    plan: ParsedPlan,
    *,
    agency_name: str,
    fiscal_year: int,
    district_names: Sequence[str] = BANGKOK_DISTRICTS,
) -> list[ParseWarning]:
    """Warnings about content that looks wrong for ``agency_name`` and BE ``fiscal_year``, by line."""
    warnings = list(_other_agencies(plan, agency_name, district_names))
    start, end = fiscal_year_bounds(fiscal_year)
    year = to_thai_digits(fiscal_year)
    if plan.budget is not None and plan.budget.fiscal_year not in (None, fiscal_year):
        warnings.append(
            ParseWarning(
                plan.budget.line,
                plan.budget.title,
                f"รายงานงบประมาณเป็นของปีงบประมาณ {to_thai_digits(plan.budget.fiscal_year)} ไม่ใช่ {year}",
                BUDGET,
            )
        )
    rows = [(a.line, a.name or a.focus, a) for a in plan.activities]
    rows += [(i.line, f"O{i.number:02d} {i.title}", i) for i in plan.oit_items]
    for line, label, row in rows:
        if row.due_date is not None and not start <= row.due_date <= end:
            warnings.append(
                ParseWarning(
                    line,
                    row.due_text,
                    f"วันที่แล้วเสร็จ {format_be_date(row.due_date, 'medium', digits='thai')} อยู่นอกปีงบประมาณ {year}",
                    DATE,
                )
            )
        if not row.departments and not row.all_departments:
            warnings.append(ParseWarning(line, label, "ไม่ระบุผู้รับผิดชอบ", DEPARTMENT))
        if isinstance(row, ParsedActivity) and row.due_date is None:
            warnings.append(ParseWarning(line, label, "กิจกรรมไม่มีวันที่แล้วเสร็จ", DATE))
    return sorted(warnings, key=lambda warning: warning.line)
