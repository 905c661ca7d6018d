"""Official outputs of a plan: the plan table (PDF, DOCX, XLSX) and the monthly result report (PDF, DOCX).

The plan table follows the agency's paper plan: landscape A4, eight columns, a heading row per indicator and
sub-indicator, the appendix last. The monthly report is the one the coordinator sends the director each month
(item O30): progress as of the last day of that month, by indicator and by activity, with a signature block.
Both are in Thai whatever the reader's interface language, with Thai digits and Buddhist-era dates.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from prongsai.agencies import access
from prongsai.documents.data import table_csv, table_json
from prongsai.documents.docx import table_docx
from prongsai.documents.pdf import html_to_pdf, table_context, table_pdf
from prongsai.documents.responses import file_response
from prongsai.documents.tables import Column, GroupRow, Table
from prongsai.documents.xlsx import table_xlsx
from prongsai.thai.dates import be_year, format_be_date, thai_month_name
from prongsai.thai.digits import to_thai_digits
from prongsai.thai.fiscal import month_end

from . import access as plan_access
from . import selectors
from .models import Activity, Plan, ProgressStatus, ReviewState

PLAN_FORMATS = ("pdf", "docx", "xlsx", "csv", "json")
MONTHLY_FORMATS = ("pdf", "docx")

APPENDIX = "ภาคผนวก"
# rollup_by_indicator's label for the same case: an activity the importer could not place under an indicator.
UNKNOWN_INDICATOR = "ไม่ทราบตัวชี้วัด"
ALL_DEPARTMENTS = "ทุกฝ่าย"

# The paper plan's columns, in its words and proportions: activities and issues need the room, dates little.
PLAN_COLUMNS = (
    Column("indicator", "ตัวชี้วัด", 1.0),
    Column("focus", "ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ", 1.5),
    Column("name", "กิจกรรมที่จะดำเนินการ", 1.7),
    Column("output", "ผลผลิต", 1.2),
    Column("channels", "วิธีการสร้างการรับรู้", 1.2),
    # A date column: "๓๐ มี.ค. ๖๖" in BE with Thai digits, kept on one line, and a real date in a spreadsheet.
    Column("due", "ระยะเวลาแล้วเสร็จ", 0.8, kind="date"),
    Column("departments", "ผู้รับผิดชอบ", 1.1),
    Column("monitoring", "ระยะเวลากำกับติดตาม", 0.8, align="center"),
)


# --- views ---------------------------------------------------------------------------------------------


@require_GET
def plan_export_public(request, agency, year, fmt):
    agency = access.public_agency(agency)
    plan = selectors.published_plan(agency, year)
    if plan is None or fmt not in PLAN_FORMATS:
        raise Http404
    return _plan_response(agency, plan, fmt)


@login_required
@require_GET
def plan_export_staff(request, agency, year, fmt):
    agency = access.staff_agency(request.user, agency, "plan.view")
    plan = plan_access.plan_for(request.user, agency, year)
    if fmt not in PLAN_FORMATS:
        raise Http404
    return _plan_response(agency, plan, fmt)


@login_required
@require_GET
def monthly_report_export(request, agency, year, month, fmt):
    agency = access.staff_agency(request.user, agency, "plan.view")
    plan = plan_access.plan_for(request.user, agency, year)
    period = _parse_month(month)
    if fmt not in MONTHLY_FORMATS or period not in selectors.plan_months(plan, selectors.plan_as_of(plan)):
        raise Http404
    report = monthly_report(plan, period)
    content = monthly_report_pdf(report) if fmt == "pdf" else monthly_report_docx(report)
    filename = f"รายงานผลมาตรการ-{agency.slug}-{be_year(period)}-{period.month:02d}.{fmt}"
    return file_response(content, filename=filename, kind=fmt)


def _plan_response(agency, plan: Plan, fmt: str):
    content = _rendered(plan_table(plan, flat=fmt in ("xlsx", "csv", "json")), fmt)
    return file_response(content, filename=f"แผนมาตรการ-{agency.slug}-{plan.fiscal_year}.{fmt}", kind=fmt)


_RENDERERS = {"pdf": table_pdf, "docx": table_docx, "xlsx": table_xlsx, "csv": table_csv, "json": table_json}


def _rendered(table: Table, fmt: str) -> bytes:
    """The file for ``table``, from the cache when the same table was rendered before.

    A plan's PDF takes seconds of CPU to lay out, and anyone may ask for it; a plan changes a few times a
    year. The key is the table's own content, so a changed plan is never served from an old file."""
    key = "plans.export." + hashlib.sha256(f"{fmt}\x1f{table!r}".encode()).hexdigest()
    content = cache.get(key)
    if content is None:
        content = _RENDERERS[fmt](table)
        cache.set(key, content, timeout=24 * 3600)
    return content


_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _parse_month(text: str) -> date:
    """ "2023-03" (Gregorian, as in the URL) -> 1 March 2023; anything else is a page that does not exist."""
    match = _MONTH.fullmatch(text)
    if not match:
        raise Http404
    try:
        return date(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise Http404 from None


# --- the plan table ------------------------------------------------------------------------------------


def plan_table(plan: Plan, *, flat: bool = False) -> Table:
    """The plan as the agency publishes it.

    ``flat`` (for spreadsheets) leaves out the heading rows and names the indicator on every row, so that the
    sheet has one row per activity and can be sorted and filtered.
    """
    activities = (
        plan.activities.current()
        .select_related("indicator__parent")
        .prefetch_related("departments")
        .order_by("appendix", "order")
    )
    rows: list[dict | GroupRow] = []
    for activity, headings in _with_headings(activities):
        row = _plan_row(activity)
        if flat:
            row["indicator"] = _flat_indicator(activity)
        else:
            rows.extend(GroupRow(h.label) for h in headings)
            # The paper plan names the indicator in the first column of its first row, and an OIT item's code
            # on each of its rows.
            row["indicator"] = _item_code(activity) or (headings[-1].short if headings else "")
        rows.append(row)
    return Table(
        title=plan.title,
        subtitle=[f"ปีงบประมาณ พ.ศ. {to_thai_digits(plan.fiscal_year)}"],
        columns=PLAN_COLUMNS,
        rows=rows,
        landscape=True,
        empty_text="ยังไม่มีกิจกรรม",
    )


@dataclass(frozen=True)
class _Heading:
    label: str  # the heading row: "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่"
    short: str  # the first cell under it: "๑) การปฏิบัติหน้าที่"


def _with_headings(activities) -> list[tuple[Activity, list[_Heading]]]:
    """Each activity in order with the heading rows that go before it (none while the group goes on)."""
    out = []
    current_top = current_sub = object()  # a sentinel: the first activity always opens a group
    for activity in activities:
        headings = []
        if activity.appendix:
            top, sub = APPENDIX, None
        elif activity.indicator is None:
            top, sub = UNKNOWN_INDICATOR, None
        elif activity.indicator.parent_id:
            top, sub = activity.indicator.parent, activity.indicator
        else:
            top, sub = activity.indicator, None
        if top != current_top:
            headings.append(_top_heading(top))
            current_top, current_sub = top, None
        if sub is not None and sub != current_sub:
            number = to_thai_digits(sub.number)
            headings.append(
                _Heading(f"ตัวชี้วัดย่อยที่ {number} {sub.title}".strip(), f"{number} {sub.title}".strip())
            )
            current_sub = sub
        out.append((activity, headings))
    return out


def _top_heading(top) -> _Heading:
    if isinstance(top, str):
        return _Heading(top, "")
    number = to_thai_digits(top.number)
    return _Heading(f"ตัวชี้วัดที่ {number} {top.title}".strip(), f"{number}) {top.title}".strip())


def _flat_indicator(activity: Activity) -> str:
    """ "๑) การปฏิบัติหน้าที่", "O๐๑ (๙.๑ ข้อมูลพื้นฐาน)", "ภาคผนวก": the row's place in the plan, in one cell."""
    ((_, headings),) = _with_headings([activity])
    label = headings[-1].short or headings[-1].label
    code = _item_code(activity)
    return f"{code} ({label})" if code else label


def _item_code(activity: Activity) -> str:
    """ "o01" -> "O๐๑", the way the plan writes OIT item codes."""
    code = activity.oit_code
    return code[:1].upper() + to_thai_digits(code[1:]) if code else ""


def _plan_row(activity: Activity) -> dict:
    return {
        "focus": activity.focus,
        "name": activity.name,
        "output": activity.output,
        "channels": ", ".join(activity.channels),
        "due": _due(activity),
        "departments": _departments(activity),
        "monitoring": _monitoring(activity),
    }


def _due(activity: Activity) -> date | str:
    """The due date, or the plan's own words when they hold no date ("ตลอดปีงบประมาณ")."""
    return activity.due_date or activity.due_text


def _departments(activity: Activity) -> str:
    if activity.all_departments:
        return ALL_DEPARTMENTS
    return "\n".join(d.name for d in activity.departments.all())


def _monitoring(activity: Activity) -> str:
    if activity.monitoring_months:
        return f"ทุก {to_thai_digits(activity.monitoring_months)} เดือน"
    return activity.monitoring_text


# --- the monthly report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthlyReport:
    plan: Plan
    period: date  # first day of the month
    as_of: date  # last day of the month
    title: str
    overall: selectors.Rollup
    missing_this_month: int  # activities that owed a report for the month and have none
    rollup_table: Table
    activity_table: Table
    director: str  # "ผู้อำนวยการเขตปทุมวัน"

    @property
    def month_label(self) -> str:
        return f"{thai_month_name(self.period.month)} {to_thai_digits(be_year(self.period))}"

    @property
    def as_of_label(self) -> str:
        return format_be_date(self.as_of, "long", digits="thai")

    @property
    def intro(self) -> str:
        return (
            "ขอรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำเดือน {self.month_label} ข้อมูล ณ วันที่ {self.as_of_label} ดังนี้"
        )

    rollup_note = "ความคืบหน้าและจำนวนที่แล้วเสร็จนับจากรายงานที่ผู้ประสานงานรับรองแล้ว"

    @property
    def figures(self) -> list[tuple[str, str]]:
        """The summary at the top of the report: (what, how many)."""
        overall = self.overall
        return [
            ("กิจกรรมทั้งหมด", f"{to_thai_digits(len(overall.states))} กิจกรรม"),
            ("ความคืบหน้าเฉลี่ย", f"ร้อยละ {to_thai_digits(overall.percent)}"),
            ("ดำเนินการแล้วเสร็จ", f"{to_thai_digits(overall.done)} กิจกรรม"),
            ("เลยกำหนดแล้วเสร็จ", f"{to_thai_digits(overall.overdue)} กิจกรรม"),
            ("ไม่มีรายงานประจำเดือนนี้", f"{to_thai_digits(self.missing_this_month)} กิจกรรม"),
            ("รายงานที่ขาดในเดือนก่อนหน้า", f"{to_thai_digits(overall.missing)} รายงาน"),
        ]


ROLLUP_COLUMNS = (
    Column("label", "ตัวชี้วัด", 3.2),
    Column("count", "กิจกรรม", 0.8, kind="number"),
    Column("percent", "ความคืบหน้าเฉลี่ย (ร้อยละ)", 1.1, kind="number"),
    Column("done", "แล้วเสร็จ", 0.8, kind="number"),
    Column("overdue", "เลยกำหนด", 0.8, kind="number"),
    Column("missing", "รายงานที่ขาด (เดือนก่อนหน้า)", 1.1, kind="number"),
    Column("owed", "ยังไม่รายงานเดือนนี้", 1.0, kind="number"),
)

ACTIVITY_COLUMNS = (
    Column("no", "ที่", 0.4, kind="number", align="center"),
    Column("activity", "กิจกรรม", 2.5),
    Column("departments", "ผู้รับผิดชอบ", 1.0),
    Column("due", "กำหนดแล้วเสร็จ", 0.8, kind="date"),
    Column("status", "สถานะ", 1.5),
    Column("percent", "ร้อยละ", 0.5, kind="number"),
    Column("narrative", "ผลการดำเนินงาน", 2.4),
)

NO_REPORT = "ไม่มีรายงาน"


def monthly_report(plan: Plan, period: date) -> MonthlyReport:
    """The report of ``period``'s month, as things stood on its last day."""
    as_of = month_end(period)
    states = selectors.activity_states(
        plan,
        as_of=as_of,
        activities=plan.activities.current()
        .select_related("indicator__parent")
        .order_by("appendix", "order"),
    )
    overall = selectors.Rollup("รวม", states)
    by_activity = {state.activity.pk: state for state in states}
    rows: list[dict | GroupRow] = []
    missing = 0
    for number, (activity, headings) in enumerate(_with_headings([s.activity for s in states]), start=1):
        rows.extend(GroupRow(h.label) for h in headings)
        row = _monthly_row(by_activity[activity.pk], period)
        missing += row["narrative"] == NO_REPORT
        rows.append({"no": number, **row})
    title = (
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำเดือน "
        f"{thai_month_name(period.month)} {to_thai_digits(be_year(period))}"
    )
    subtitle = [plan.agency.name, f"ปีงบประมาณ พ.ศ. {to_thai_digits(plan.fiscal_year)}"]
    rollups = selectors.rollup_by_indicator(states)
    return MonthlyReport(
        plan=plan,
        period=period,
        as_of=as_of,
        title=title,
        overall=overall,
        missing_this_month=missing,
        rollup_table=Table(
            title="ผลการดำเนินการรายตัวชี้วัด",
            columns=ROLLUP_COLUMNS,
            rows=[_rollup_row(r) for r in rollups],
            total={**_rollup_row(overall), "label": "รวม"} if rollups else None,
            landscape=True,
            empty_text="ยังไม่มีกิจกรรม",
        ),
        activity_table=Table(
            title=title,
            subtitle=subtitle,
            columns=ACTIVITY_COLUMNS,
            rows=rows,
            landscape=True,
            empty_text="ยังไม่มีกิจกรรม",
        ),
        director=_director_of(plan.agency.name),
    )


def _rollup_row(rollup: selectors.Rollup) -> dict:
    return {
        # The selector writes indicator numbers with Arabic digits; the document uses Thai ones.
        "label": to_thai_digits(rollup.label),
        "count": len(rollup.states),
        "percent": rollup.percent,
        "done": rollup.done,
        "overdue": rollup.overdue,
        "missing": rollup.missing,
        "owed": rollup.owed_now,
    }


def _monthly_row(state: selectors.ActivityState, period: date) -> dict:
    """One activity's line: its report of the month if there is one (whatever its review state), else the
    latest accepted report before it; the narrative only from the month's own report."""
    activity = state.activity
    report = state.reports.get(period)
    earlier = max(
        (r for r in state.reports.values() if r.period < period and r.review_state == ReviewState.ACCEPTED),
        key=lambda r: r.period,
        default=None,
    )
    shown = report or earlier
    if shown is None:
        status = "ยังไม่เริ่ม"
    else:
        status = shown.get_status_display()
        if report is None:
            status += f" (รายงานเดือน {_short_month(shown.period)})"
        elif report.review_state != ReviewState.ACCEPTED:
            status += f" ({report.get_review_state_display()})"
    if state.overdue:
        status += " · เลยกำหนด"
    if report is not None:
        narrative = report.narrative or "-"
    elif earlier is not None and earlier.status in (ProgressStatus.DONE, ProgressStatus.CANCELLED):
        narrative = "-"  # finished or cancelled earlier: nothing more to report
    else:
        narrative = NO_REPORT
    code = _item_code(activity)
    return {
        # An OIT item is known by its title ("O๓๐ มาตรการส่งเสริมคุณธรรม..."), an activity by what is done.
        "activity": f"{code} {activity.focus or activity.name}" if code else activity.title,
        "departments": _departments(activity),
        "due": _due(activity),
        "status": status,
        "percent": shown.percent if shown else 0,
        "narrative": narrative,
    }


def _short_month(period: date) -> str:
    return f"{thai_month_name(period.month, abbreviated=True)} {to_thai_digits(be_year(period) % 100)}"


def _director_of(agency_name: str) -> str:
    """ "สำนักงานเขตปทุมวัน" -> "ผู้อำนวยการเขตปทุมวัน", the title under which the director signs."""
    if agency_name.startswith("สำนักงานเขต"):
        return "ผู้อำนวยการ" + agency_name.removeprefix("สำนักงาน")
    return "หัวหน้าหน่วยงาน"


def monthly_report_html(report: MonthlyReport) -> str:
    return render_to_string(
        "plans/exports/monthly_report.html",
        {
            "report": report,
            "rollup": table_context(report.rollup_table),
            "activities": table_context(report.activity_table),
        },
    )


def monthly_report_pdf(report: MonthlyReport) -> bytes:
    return html_to_pdf(monthly_report_html(report))


def monthly_report_docx(report: MonthlyReport) -> bytes:
    """The same report in Word, for the coordinator to edit before signing.

    documents.docx draws one table per document; the report is the activity table's document with the
    other parts put in front of the table and the rollup table's rows taken over from a document of its own,
    so that fonts, borders and the Thai run properties are the library's.
    """
    document = Document(io.BytesIO(table_docx(report.activity_table)))
    activities = document.tables[0]._tbl
    rollup = Document(io.BytesIO(table_docx(report.rollup_table))).tables[0]._tbl

    def before_table(element):
        activities.addprevious(element)

    before_table(_docx_paragraph(document, f"เรียน {report.director}")._p)
    intro = _docx_paragraph(document, report.intro)
    intro.paragraph_format.first_line_indent = Mm(12.5)
    before_table(intro._p)
    before_table(_docx_paragraph(document, "๑. ผลการดำเนินการภาพรวม", bold=True, space_before=8)._p)
    for label, value in report.figures:
        line = _docx_paragraph(document, f"{label}\t{value}")
        line.paragraph_format.left_indent = Mm(12.5)
        line.paragraph_format.tab_stops.add_tab_stop(Mm(80))
        before_table(line._p)
    before_table(_docx_paragraph(document, "๒. ผลการดำเนินการรายตัวชี้วัด", bold=True, space_before=8)._p)
    before_table(rollup)
    before_table(_docx_paragraph(document, report.rollup_note)._p)
    before_table(_docx_paragraph(document, "๓. ผลการดำเนินการรายกิจกรรม", bold=True, space_before=8)._p)

    _docx_paragraph(document, "")
    signatures = document.add_table(rows=1, cols=2)
    for cell, role in zip(signatures.rows[0].cells, ("ผู้ประสานงาน", report.director), strict=True):
        for i, text in enumerate(
            (
                f"ลงชื่อ ........................................ {role}",
                "(........................................)",
                "วันที่ ........ / ........ / ........",
            )
        ):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(18 if i == 0 else 6)
            paragraph.add_run(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_paragraph(document, text: str, *, bold: bool = False, space_before: float = 0):
    """A paragraph in the document's Normal style (Sarabun, Thai); Word draws Thai with the complex-script
    bold, so both are set."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(space_before)
    if text:
        run = paragraph.add_run(text)
        run.bold = run.font.cs_bold = bold or None
    return paragraph
