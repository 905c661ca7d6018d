"""Official outputs of a plan: the plan table (PDF, DOCX, XLSX) and the monthly result report (PDF, DOCX).

The plan table follows the agency's paper plan: landscape A4, eight columns, a heading row per indicator and
sub-indicator, the appendix last. The monthly report is the one the coordinator sends the director each month
(item O30): progress as of the last day of that month, by indicator and by activity, with a signature block.
Both are in Thai whatever the reader's interface language, with Thai digits and Buddhist-era dates.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from prongsai.agencies import access
from prongsai.documents.data import table_csv, table_json
from prongsai.documents.docx import Memo, memo_docx, table_docx
from prongsai.documents.pdf import html_to_pdf, table_context, table_pdf
from prongsai.documents.responses import file_response
from prongsai.documents.tables import Column, GroupRow, Table
from prongsai.documents.xlsx import table_xlsx
from prongsai.thai.dates import be_year, format_be_date, thai_month_name
from prongsai.thai.digits import to_thai_digits
from prongsai.thai.fiscal import month_end

from . import access as plan_access
from . import selectors
from .models import Activity, MemoSettings, Plan, ProgressStatus, ReviewState

PLAN_FORMATS = ("pdf", "docx", "xlsx", "csv", "json")
MONTHLY_FORMATS = ("pdf", "docx")

APPENDIX = "ภาคผนวก"
# An activity under no indicator (written in the back office without one). The importer's rows without an
# indicator are placed by the coordinator before the plan is published, and no official output says
# "ไม่ทราบตัวชี้วัด" (the back office's word for them).
OTHER_ACTIVITIES = "กิจกรรมอื่นตามแผน"
ALL_DEPARTMENTS = "ทุกฝ่าย"

# The paper plan's columns, in its words and proportions: activities and issues need the room, dates little.
PLAN_COLUMNS = (
    Column("indicator", "ตัวชี้วัด", 1.0),
    Column("focus", "ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ", 1.5),
    Column("name", "กิจกรรมที่จะดำเนินการ", 1.7),
    Column("output", "ผลผลิต", 1.2),
    Column("channels", "วิธีการสร้างการรับรู้", 1.2),
    # A date column: "๓๐ มี.ค. ๖๖" in BE with Thai digits, kept on one line, and a real date in a spreadsheet.
    Column("due", "ระยะเวลาแล้วเสร็จ", 0.8),
    Column("departments", "ผู้รับผิดชอบ", 1.1),
    Column("monitoring", "ระยะเวลากำกับติดตาม", 0.8, align="center"),
)
# Spreadsheets add the date the system reads from the due cell, as a real date to sort and filter by.
DUE_DATE_COLUMN = Column("due_date", "กำหนดแล้วเสร็จ (วันที่)", 0.8, kind="date")


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
    content = _rendered(plan_table(plan, flat=fmt in ("xlsx", "csv", "json")), fmt, docx_font(agency))
    return file_response(content, filename=f"แผนมาตรการ-{agency.slug}-{plan.fiscal_year}.{fmt}", kind=fmt)


_RENDERERS = {"pdf": table_pdf, "docx": table_docx, "xlsx": table_xlsx, "csv": table_csv, "json": table_json}


def docx_font(agency) -> str | None:
    """The agency's Word font (MemoSettings), else the setting's (documents.docx.look_of)."""
    memo = MemoSettings.objects.filter(agency=agency).only("font").first()
    return memo.font if memo else None


def _rendered(table: Table, fmt: str, font: str | None = None) -> bytes:
    """The file for ``table``, from the cache when the same table was rendered before.

    A plan's PDF takes seconds of CPU to lay out, and anyone may ask for it; a plan changes a few times a
    year. The key is the table's own content, so a changed plan is never served from an old file."""
    key = "plans.export." + hashlib.sha256(f"{fmt}\x1f{font}\x1f{table!r}".encode()).hexdigest()
    content = cache.get(key)
    if content is None:
        content = table_docx(table, font=font) if fmt == "docx" else _RENDERERS[fmt](table)
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
        if flat:
            row["due_date"] = activity.due_date
    return Table(
        title=plan.title,
        subtitle=[f"ปีงบประมาณ พ.ศ. {to_thai_digits(plan.fiscal_year)}"],
        columns=(*PLAN_COLUMNS, DUE_DATE_COLUMN) if flat else PLAN_COLUMNS,
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
            top, sub = OTHER_ACTIVITIES, None
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
    """The row as the document wrote it: each cell's original text (channels as listed, departments in
    their order and words, the due cell with its words); what the system read only where the activity was
    written in the back office and has no document text."""
    cells = activity.cells or {}
    return {
        "focus": cells.get("focus") or activity.focus,
        "name": cells.get("name") or activity.name,
        "output": cells.get("output") or activity.output,
        "channels": cells.get("channel") or "\n".join(activity.channels),
        "due": cells.get("due") or _due_text(activity),
        "departments": cells.get("departments") or _departments(activity),
        "monitoring": cells.get("monitoring") or _monitoring(activity),
    }


def _due_text(activity: Activity) -> str:
    if activity.due_date:
        return format_be_date(activity.due_date, "short", digits="thai")
    return activity.due_text


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

# The one rule by which the report counts, printed in it: every number comes from the same reports.
COUNTING_RULE = (
    "หลักการนับ: รายงานประจำเดือนของกิจกรรมนับเมื่อผู้ประสานงานรับรองแล้วเท่านั้น และนับครั้งเดียว "
    "รายงานที่รอตรวจหรือส่งกลับแก้ไขยังไม่นับ ความคืบหน้าคือร้อยละในรายงานที่รับรองล่าสุด "
    "และกิจกรรมที่แล้วเสร็จหรือยกเลิกแล้วไม่ต้องรายงานในเดือนต่อไป"
)
COORDINATOR = "ผู้ประสานงานมาตรการส่งเสริมคุณธรรมและความโปร่งใส"


@dataclass(frozen=True)
class _Count:
    """One activity in the month's report, by COUNTING_RULE."""

    state: selectors.ActivityState
    shown: object  # the accepted report the row shows: this month's, else the latest before it
    owes: bool  # no accepted report for the month, and not finished or cancelled before it
    missing: int  # earlier months of the plan without an accepted report, until it was finished
    pending: str  # "รอตรวจ" / "ส่งกลับแก้ไข" when the month has a report not (yet) accepted


def _count(state: selectors.ActivityState, period: date, months: list[date]) -> _Count:
    accepted = {m: r for m, r in state.reports.items() if r.review_state == ReviewState.ACCEPTED}
    finished = min(
        (m for m, r in accepted.items() if r.status in (ProgressStatus.DONE, ProgressStatus.CANCELLED)),
        default=None,
    )
    earlier = [m for m in months if m < period and (finished is None or m < finished)]
    this_month = state.reports.get(period)
    shown = accepted.get(period) or max(
        (r for m, r in accepted.items() if m < period), key=lambda r: r.period, default=None
    )
    return _Count(
        state=state,
        shown=shown,
        owes=period not in accepted and (finished is None or finished >= period),
        missing=sum(1 for m in earlier if m not in accepted),
        pending=this_month.get_review_state_display()
        if this_month is not None and this_month.review_state != ReviewState.ACCEPTED
        else "",
    )


@dataclass(frozen=True)
class _Totals:
    label: str
    counts: list[_Count]

    @property
    def activities(self) -> int:
        return len(self.counts)

    @property
    def percent(self) -> int:
        shown = [c.shown.percent if c.shown else 0 for c in self.counts]
        return round(sum(shown) / len(shown)) if shown else 0

    @property
    def done(self) -> int:
        return sum(c.state.done for c in self.counts)

    @property
    def overdue(self) -> int:
        return sum(c.state.overdue for c in self.counts)

    @property
    def owed(self) -> int:
        return sum(c.owes for c in self.counts)

    @property
    def missing(self) -> int:
        return sum(c.missing for c in self.counts)


@dataclass(frozen=True)
class MonthlyReport:
    """The monthly report to the director (item O30), as an internal memo (บันทึกข้อความ) with the
    indicator and activity tables as its attachment."""

    plan: Plan
    period: date  # first day of the month
    as_of: date  # last day of the month
    title: str
    total: _Totals
    rollup_table: Table
    activity_table: Table
    director: str  # "ผู้อำนวยการเขตปทุมวัน"
    office: str  # ส่วนราชการ
    number: str  # ที่
    dated: date  # วันที่
    signer_name: str
    signer_position: str
    emblem: bytes | None = None
    emblem_type: str = ""

    @property
    def missing_this_month(self) -> int:
        return self.total.owed

    @property
    def month_label(self) -> str:
        return f"{thai_month_name(self.period.month)} {to_thai_digits(be_year(self.period))}"

    @property
    def as_of_label(self) -> str:
        return format_be_date(self.as_of, "long", digits="thai")

    @property
    def date_label(self) -> str:
        return format_be_date(self.dated, "long", digits="thai")

    @property
    def subject(self) -> str:
        return f"รายงานผลการดำเนินการตาม{self.plan.title} ประจำเดือน {self.month_label}"

    @property
    def intro(self) -> str:
        return (
            f"ตามที่{self.plan.agency.name}ได้จัดทำ{self.plan.title} ประจำปีงบประมาณ พ.ศ. "
            f"{to_thai_digits(self.plan.fiscal_year)} นั้น ขอรายงานผลการดำเนินการประจำเดือน {self.month_label} "
            f"ข้อมูล ณ วันที่ {self.as_of_label} ดังนี้"
        )

    rollup_note = COUNTING_RULE
    attachment_note = "รายละเอียดรายตัวชี้วัดและรายกิจกรรมตามสิ่งที่ส่งมาด้วย"
    closing = "จึงเรียนมาเพื่อโปรดทราบ"

    @property
    def figures(self) -> list[tuple[str, str]]:
        """The summary in the memo: (what, how many), the same numbers as the attachment's total row."""
        total = self.total
        return [
            ("กิจกรรมทั้งหมด", f"{to_thai_digits(total.activities)} กิจกรรม"),
            ("ความคืบหน้าเฉลี่ย", f"ร้อยละ {to_thai_digits(total.percent)}"),
            ("ดำเนินการแล้วเสร็จ", f"{to_thai_digits(total.done)} กิจกรรม"),
            ("เลยกำหนดแล้วเสร็จ", f"{to_thai_digits(total.overdue)} กิจกรรม"),
            ("ยังไม่มีรายงานที่รับรองของเดือนนี้", f"{to_thai_digits(total.owed)} กิจกรรม"),
            ("รายงานที่ขาดในเดือนก่อนหน้า", f"{to_thai_digits(total.missing)} รายงาน"),
        ]

    @property
    def paragraphs(self) -> list[str]:
        lines = [f"{to_thai_digits(i)}. {label} {value}" for i, (label, value) in enumerate(self.figures, 1)]
        return [self.intro, *lines, COUNTING_RULE, self.attachment_note, self.closing]


ROLLUP_COLUMNS = (
    Column("label", "ตัวชี้วัด", 3.2),
    Column("count", "กิจกรรม", 0.8, kind="number"),
    Column("percent", "ความคืบหน้าเฉลี่ย (ร้อยละ)", 1.1, kind="number"),
    Column("done", "แล้วเสร็จ", 0.8, kind="number"),
    Column("overdue", "เลยกำหนด", 0.8, kind="number"),
    Column("missing", "รายงานที่ขาด (เดือนก่อนหน้า)", 1.1, kind="number"),
    Column("owed", "ยังไม่มีรายงานที่รับรองของเดือนนี้", 1.1, kind="number"),
)

ACTIVITY_COLUMNS = (
    Column("no", "ที่", 0.4, kind="number", align="center"),
    Column("activity", "กิจกรรม", 2.5),
    Column("departments", "ผู้รับผิดชอบ", 1.0),
    Column("due", "กำหนดแล้วเสร็จ", 0.8),
    Column("status", "สถานะ", 1.5),
    Column("percent", "ร้อยละ", 0.5, kind="number"),
    Column("narrative", "ผลการดำเนินงาน", 2.4),
)

NO_REPORT = "ไม่มีรายงาน"


def monthly_report(plan: Plan, period: date, *, dated: date | None = None) -> MonthlyReport:
    """The report of ``period``'s month, as things stood on its last day, every number by COUNTING_RULE."""
    as_of = month_end(period)
    states = selectors.activity_states(
        plan,
        as_of=as_of,
        activities=plan.activities.current()
        .select_related("indicator__parent")
        .order_by("appendix", "order"),
    )
    months = selectors.plan_months(plan, as_of)
    counts = {state.activity.pk: _count(state, period, months) for state in states}
    rows: list[dict | GroupRow] = []
    groups: dict[str, list[_Count]] = {}
    for number, (activity, headings) in enumerate(_with_headings([s.activity for s in states]), start=1):
        rows.extend(GroupRow(h.label) for h in headings)
        groups.setdefault(_top_label(activity), []).append(counts[activity.pk])
        rows.append({"no": number, **_monthly_row(counts[activity.pk], period)})
    title = (
        f"รายงานผลการดำเนินการตาม{plan.title} ประจำเดือน "
        f"{thai_month_name(period.month)} {to_thai_digits(be_year(period))}"
    )
    subtitle = [plan.agency.name, f"ปีงบประมาณ พ.ศ. {to_thai_digits(plan.fiscal_year)}"]
    total = _Totals("รวม", list(counts.values()))
    memo = MemoSettings.objects.filter(agency=plan.agency).first()
    emblem, emblem_type = None, ""
    if memo and memo.emblem:
        with memo.emblem.open("rb") as handle:
            emblem = handle.read()
        emblem_type = "image/png" if emblem.startswith(b"\x89PNG") else "image/jpeg"
    return MonthlyReport(
        plan=plan,
        period=period,
        as_of=as_of,
        title=title,
        total=total,
        rollup_table=Table(
            title="ผลการดำเนินการรายตัวชี้วัด",
            columns=ROLLUP_COLUMNS,
            rows=[_rollup_row(_Totals(name, members)) for name, members in groups.items()],
            total={**_rollup_row(total), "label": "รวม"} if groups else None,
            notes=[COUNTING_RULE],
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
        office=(memo.office if memo and memo.office else plan.agency.name),
        number=f"ที่ {memo.number_prefix if memo else ''}".strip(),
        dated=dated or timezone.localdate(),
        signer_name=memo.signer_name if memo else "",
        signer_position=(memo.signer_position if memo and memo.signer_position else COORDINATOR),
        emblem=emblem,
        emblem_type=emblem_type,
    )


def _top_label(activity: Activity) -> str:
    """The indicator row of the roll-up: "๑) การปฏิบัติหน้าที่", the appendix, or the other activities."""
    if activity.appendix:
        return APPENDIX
    indicator = activity.indicator
    if indicator is None:
        return OTHER_ACTIVITIES
    top = indicator.parent if indicator.parent_id else indicator
    return f"{to_thai_digits(top.number)}) {top.title}".strip()


def _rollup_row(totals: _Totals) -> dict:
    return {
        "label": totals.label,
        "count": totals.activities,
        "percent": totals.percent,
        "done": totals.done,
        "overdue": totals.overdue,
        "missing": totals.missing,
        "owed": totals.owed,
    }


def _monthly_row(count: _Count, period: date) -> dict:
    """One activity's line, by COUNTING_RULE: the month's accepted report, else the latest accepted one
    before it; a report waiting for review or returned is named, not counted."""
    state = count.state
    activity = state.activity
    shown = count.shown
    if shown is None:
        status = "ยังไม่เริ่ม"
    else:
        status = shown.get_status_display()
        if shown.period != period:
            status += f" (รายงานเดือน {_short_month(shown.period)})"
    if count.pending:
        status += f" · รายงานเดือนนี้{count.pending}"
    if state.overdue:
        status += " · เลยกำหนด"
    if shown is not None and shown.period == period:
        narrative = shown.narrative or "-"
    elif not count.owes:
        narrative = "-"  # finished or cancelled earlier: nothing more to report
    else:
        narrative = NO_REPORT
    code = _item_code(activity)
    return {
        # An OIT item is known by its title ("O๓๐ มาตรการส่งเสริมคุณธรรม..."), an activity by what is done.
        "activity": f"{code} {activity.focus or activity.name}" if code else activity.title,
        "departments": _departments(activity),
        "due": _due_text(activity),
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
    emblem = None
    if report.emblem:
        emblem = f"data:{report.emblem_type};base64,{base64.b64encode(report.emblem).decode()}"
    return render_to_string(
        "plans/exports/monthly_report.html",
        {
            "report": report,
            "emblem": emblem,
            "rollup": table_context(report.rollup_table),
            "activities": table_context(report.activity_table),
        },
    )


def monthly_report_pdf(report: MonthlyReport) -> bytes:
    return html_to_pdf(monthly_report_html(report))


def monthly_report_docx(report: MonthlyReport) -> bytes:
    """The same memo in Word, for the coordinator to edit before signing (documents.docx.memo_docx)."""
    memo = Memo(
        office=report.office,
        number=report.number,
        date=report.date_label,
        subject=report.subject,
        to=report.director,
        paragraphs=report.paragraphs,
        signer_name=report.signer_name,
        signer_position=report.signer_position,
        emblem=report.emblem,
    )
    return memo_docx(
        memo, attachments=[report.rollup_table, report.activity_table], font=docx_font(report.plan.agency)
    )
