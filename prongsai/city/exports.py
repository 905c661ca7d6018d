"""The city dashboard as a file (CSV, XLSX) through the documents' one table renderer."""

from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.documents.data import table_csv
from prongsai.documents.tables import Column, Table
from prongsai.documents.xlsx import table_xlsx

from .selectors import Dashboard


def dashboard_table(board: Dashboard) -> Table:
    columns = [
        Column("slug", _("รหัสหน่วยงาน"), 2),
        Column("name", _("หน่วยงาน"), 4),
        Column("ready", _("OIT พร้อม"), 1, kind="number"),
        Column("total", _("OIT ทั้งหมด"), 1, kind="number"),
        Column("computed", _("คำนวณความพร้อมเมื่อ"), 2, kind="date", date_style="medium"),
    ]
    columns += [
        Column(f"m{i}", f"{module.title}: {column.label}", 1, kind="number")
        for i, (module, column) in enumerate(board.columns)
    ]
    rows = []
    for row in board.rows:
        out = {
            "slug": row.agency.slug,
            "name": row.agency.name,
            "ready": row.readiness.ready if row.readiness else None,
            "total": row.readiness.total if row.readiness else None,
            "computed": timezone.localtime(row.readiness.computed_at).date() if row.readiness else None,
        }
        out.update({f"m{i}": value for i, value in enumerate(row.cells)})
        rows.append(out)
    return Table(
        title=_("เปรียบเทียบหน่วยงานในสังกัด %(parent)s ปีงบประมาณ %(year)s")
        % {"parent": board.parent.name, "year": board.year},
        subtitle=[board.scheme],
        columns=columns,
        rows=rows,
        digits="arabic",
        landscape=True,
        notes=[_("จำนวนเท่านั้น ไม่มีเนื้อหาเรื่องร้องเรียนหรือข้อมูลส่วนบุคคล")],
    )


def dashboard_file(board: Dashboard, fmt: str) -> bytes:
    table = dashboard_table(board)
    return table_csv(table) if fmt == "csv" else table_xlsx(table)
