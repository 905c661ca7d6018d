"""The register's documents in the Thai official style: the annual corruption-risk assessment (NACC O34,
seed item 25's first part) and the report of how the risks were handled (O35, its second part), each as
PDF (WeasyPrint + Sarabun, with the two heat maps and the written criteria) and DOCX (python-docx)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document

from prongsai.documents.docx import look_of, table_into
from prongsai.documents.pdf import html_to_pdf, table_context
from prongsai.documents.tables import Column, GroupRow, Table
from prongsai.thai.dates import format_be_date
from prongsai.thai.digits import to_thai_digits

from . import risks as rules
from .models import Risk, RiskReport


def _level_text(score: int) -> str:
    return f"{t(score)} ({rules.level_of(score).label})"


def t(value) -> str:
    """Thai digits, as the official style writes every figure of these reports."""
    return to_thai_digits(str(value))


def _levels_note() -> str:
    parts = []
    for level in rules.levels():
        low, high = rules.level_range(level)
        parts.append(f"{level.label} {t(low)}-{t(high)}")
    return "ระดับความเสี่ยง = โอกาส x ผลกระทบ: " + " · ".join(parts)


def assessment_table(agency, year: int, rows) -> Table:
    columns = (
        Column("no", "ลำดับ", 0.5, kind="number"),
        Column("process", "กระบวนงาน", 1.6),
        Column("title", "เหตุการณ์ความเสี่ยงการทุจริต", 2.6),
        Column("kind", "ประเภทความเสี่ยง", 1.6),
        Column("l", "โอกาส", 0.6, align="center"),
        Column("i", "ผลกระทบ", 0.7, align="center"),
        Column("score", "ระดับความเสี่ยง", 1.0, align="center"),
        Column("controls", "มาตรการควบคุมที่มีอยู่", 2.2),
        Column("residual", "ความเสี่ยงหลังควบคุม", 1.0, align="center"),
        Column("owner", "ผู้รับผิดชอบ", 1.2),
    )
    body: list = []
    department = None
    for n, row in enumerate(rows, 1):
        risk: Risk = row.risk
        if risk.department_id != department:
            department = risk.department_id
            body.append(GroupRow(risk.department.name))
        body.append(
            {
                "no": n, "process": risk.process, "title": risk.title, "kind": risk.get_kind_display(),
                "l": t(risk.likelihood), "i": t(risk.impact), "score": _level_text(risk.score),
                "controls": risk.controls or "-", "residual": _level_text(risk.residual_score), "owner": risk.owner,
            }
        )  # fmt: skip
    return Table(
        title=f"ผลการประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. {t(year)}",
        subtitle=(agency.name,),
        columns=columns,
        rows=body,
        notes=(_levels_note(), f"ข้อมูล ณ วันที่ {format_be_date(timezone.localdate(), 'long', digits='thai')}"),
        landscape=True,
    )


def handling_table(agency, year: int, rows) -> Table:
    columns = (
        Column("no", "ลำดับ", 0.5, kind="number"),
        Column("risk", "ความเสี่ยง (กระบวนงาน)", 2.4),
        Column("score", "ระดับความเสี่ยง", 0.9, align="center"),
        Column("treatment", "มาตรการ/แผนการจัดการความเสี่ยง", 2.4),
        Column("activities", "กิจกรรมตามแผนที่ดำเนินการ", 2.4),
        Column("progress", "ผลการดำเนินงานรายเดือนล่าสุด", 2.0),
        Column("state", "สถานะความเสี่ยง", 1.1),
        Column("residual", "ความเสี่ยงหลังควบคุม", 0.9, align="center"),
    )
    body: list = []
    department = None
    for n, row in enumerate(rows, 1):
        risk: Risk = row.risk
        if risk.department_id != department:
            department = risk.department_id
            body.append(GroupRow(risk.department.name))
        activities = "\n".join(a.label for a in row.activities) or "-"
        body.append(
            {
                "no": n, "risk": f"{risk.title} ({risk.process})", "score": _level_text(risk.score),
                "treatment": risk.treatment or "-", "activities": activities, "progress": t(row.latest_status or "-"),
                "state": risk.get_state_display(), "residual": _level_text(risk.residual_score),
            }
        )  # fmt: skip
    return Table(
        title=f"รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. {t(year)}",
        subtitle=(agency.name,),
        columns=columns,
        rows=body,
        notes=(
            "ผลการดำเนินงานอ่านจากรายงานความคืบหน้ารายเดือนของกิจกรรมตามแผนปฏิบัติการ",
            f"ข้อมูล ณ วันที่ {format_be_date(timezone.localdate(), 'long', digits='thai')}",
        ),
        landscape=True,
    )


def criteria_table(criteria) -> Table:
    body: list = []
    for dimension, label in (("likelihood", "โอกาสที่จะเกิด (Likelihood)"), ("impact", "ผลกระทบ (Impact)")):
        body.append(GroupRow(label))
        for c in criteria[dimension]:
            body.append({"level": t(c.level), "label": c.label, "description": c.description})
    return Table(
        title="เกณฑ์การประเมินโอกาสและผลกระทบ",
        columns=(
            Column("level", "ระดับ", 0.5, align="center"),
            Column("label", "ความหมาย", 1),
            Column("description", "เกณฑ์", 5),
        ),
        rows=body,
        notes=(_levels_note(),),
        landscape=True,
    )


def _table(agency, year, kind, rows) -> Table:
    return (assessment_table if kind == RiskReport.Kind.ASSESSMENT else handling_table)(agency, year, rows)


def report_pdf(agency, year: int, kind: str, rows) -> bytes:
    from .register import criteria_for

    table = _table(agency, year, kind, rows)
    inherent = rules.counts_grid((r.risk.likelihood, r.risk.impact) for r in rows)
    residual = rules.counts_grid((r.risk.residual_likelihood, r.risk.residual_impact) for r in rows)
    html = render_to_string(
        "integrity/risk_report_pdf.html",
        {
            **table_context(table),
            "agency": agency,
            "criteria": table_context(criteria_table(criteria_for(agency))),
            "heatmaps": [
                rules.heatmap_svg(inherent, title="ก่อนควบคุม (Inherent risk)"),
                rules.heatmap_svg(residual, title="หลังควบคุม (Residual risk)"),
            ],
            "show_criteria": kind == RiskReport.Kind.ASSESSMENT,
        },
    )
    return html_to_pdf(html)


def report_docx(agency, year: int, kind: str, rows) -> bytes:
    from .register import criteria_for

    document = Document()
    look = look_of()
    table_into(document, _table(agency, year, kind, rows), look=look)
    if kind == RiskReport.Kind.ASSESSMENT:
        document.add_page_break()
        table_into(document, criteria_table(criteria_for(agency)), look=look, page=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_files(agency, year: int, kind: str, rows) -> tuple[bytes, bytes]:
    return report_pdf(agency, year, kind, rows), report_docx(agency, year, kind, rows)
