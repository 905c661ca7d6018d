"""Reads of the content app: the about page, the organisation chart, laws by group, the schools table, news."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Department
from prongsai.documents.tables import Column, GroupRow, Table

from .models import (
    AgencyProfile,
    Executive,
    Law,
    NewsPost,
    PolicyLink,
    School,
    SchoolYear,
    Staffing,
    SubDistrict,
)


@dataclass
class DepartmentBox:
    department: Department
    head: Executive | None
    staffing: Staffing | None


@dataclass
class Structure:
    director: Executive | None
    deputies: list[Executive]
    departments: list[DepartmentBox]
    bma: list[Executive] = field(default_factory=list)
    council: list[Executive] = field(default_factory=list)

    @property
    def staffing_total(self) -> tuple[int, int]:
        rows = [b.staffing for b in self.departments if b.staffing]
        return sum(s.positions for s in rows), sum(s.filled for s in rows)

    @property
    def has_data(self) -> bool:
        return bool(self.director or self.deputies or any(b.head or b.staffing for b in self.departments))


def structure(agency: Agency) -> Structure:
    """Read fresh on every request: a change of head shows on the next page load (nothing is cached)."""
    executives = list(Executive.objects.for_agency(agency).filter(is_active=True).order_by("order", "pk"))
    heads = {e.department_id: e for e in executives if e.kind == Executive.Kind.HEAD}
    staffing = {s.department_id: s for s in Staffing.objects.for_agency(agency)}
    departments = Department.objects.for_agency(agency).filter(is_active=True).order_by("order", "name")
    of_kind = lambda kind: [e for e in executives if e.kind == kind]  # noqa: E731
    directors = of_kind(Executive.Kind.DIRECTOR)
    return Structure(
        director=directors[0] if directors else None,
        deputies=of_kind(Executive.Kind.DEPUTY),
        departments=[DepartmentBox(d, heads.get(d.pk), staffing.get(d.pk)) for d in departments],
        bma=of_kind(Executive.Kind.BMA),
        council=of_kind(Executive.Kind.COUNCIL),
    )


# --- the organisation chart as SVG ---------------------------------------------------------------------


def _wrap(text: str, limit: int, max_lines: int = 3) -> list[str]:
    """Lines of at most about `limit` characters, broken between Thai words."""
    from prongsai.documents.wrapping import thai_words_of

    lines, current = [], ""
    for word in thai_words_of(text):
        if current and len(current) + len(word) > limit:
            lines.append(current.strip())
            current = ""
        current += word
    if current.strip():
        lines.append(current.strip())
    return lines[:max_lines] or [""]


@dataclass
class ChartBox:
    x: int
    y: int
    w: int
    h: int
    title: list[str]
    name: list[str]
    top: bool = False

    @property
    def texts(self) -> list[tuple[int, int, str, bool]]:
        """(x, y, text, is_title): titles from the top of the box, names from the bottom."""
        centre = self.x + self.w // 2
        out = [(centre, self.y + 22 + 17 * i, line, True) for i, line in enumerate(self.title)]
        first_name = self.y + 22 + 17 * len(self.title) + 10
        out += [(centre, first_name + 16 * i, line, False) for i, line in enumerate(self.name)]
        return out


@dataclass
class Chart:
    width: int
    height: int
    boxes: list[ChartBox]
    lines: list[tuple[int, int, int, int]]


def org_chart(data: Structure, *, per_row: int = 5) -> Chart:
    """Boxes and connecting lines; the template draws them. Director, deputies, then departments in rows."""
    width, box_w, box_h, gap = 1000, 180, 118, 20
    boxes: list[ChartBox] = []
    lines: list[tuple[int, int, int, int]] = []
    vacant = _("(ว่าง)")
    director_title = data.director.position if data.director else _("ผู้อำนวยการ")
    top = ChartBox(
        (width - 260) // 2,
        10,
        260,
        box_h,
        _wrap(director_title, 30, 2),
        _wrap(data.director.name if data.director else vacant, 30),
        top=True,
    )
    boxes.append(top)
    trunk_x = width // 2
    y = top.y + box_h + 40
    buses: list[int] = []

    def place_row(items: list[tuple[str, str]]) -> None:
        nonlocal y
        n = len(items)
        x0 = (width - (n * box_w + (n - 1) * gap)) // 2
        centres = []
        for i, (title, name) in enumerate(items):
            x = x0 + i * (box_w + gap)
            boxes.append(ChartBox(x, y, box_w, box_h, _wrap(title, 22, 2), _wrap(name, 22)))
            centres.append(x + box_w // 2)
        bus = y - 20
        buses.append(bus)
        lines.append((min(*centres, trunk_x), bus, max(*centres, trunk_x), bus))
        lines.extend((c, bus, c, y) for c in centres)
        y += box_h + 40

    if data.deputies:
        place_row([(d.position, d.name) for d in data.deputies])
    for i in range(0, len(data.departments), per_row):
        place_row(
            [
                (b.department.display_name, b.head.name if b.head else vacant)
                for b in data.departments[i : i + per_row]
            ]
        )
    if buses:
        # The trunk is drawn first, so the boxes of the rows it passes cover it.
        lines.insert(0, (trunk_x, top.y + box_h, trunk_x, max(buses)))
    return Chart(width=width, height=y - 30, boxes=boxes, lines=lines)


# --- area, laws, schools, news -------------------------------------------------------------------------


def profile(agency: Agency) -> AgencyProfile | None:
    return AgencyProfile.objects.filter(agency=agency).first()


def subdistricts(agency: Agency):
    return SubDistrict.objects.for_agency(agency)


def policy_links(agency: Agency):
    return PolicyLink.objects.for_agency(agency)


def laws_by_group(agency: Agency) -> list[tuple[str, list[Law]]]:
    groups: dict[str, list[Law]] = {}
    laws = Law.objects.for_agency(agency).filter(is_active=True).select_related("department")
    for law in laws.order_by("department__order", "category", "order", "title"):
        groups.setdefault(law.category, []).append(law)
    return list(groups.items())


def school_years(agency: Agency, year: int | None = None):
    rows = SchoolYear.objects.filter(school__agency=agency).select_related("school")
    if year is not None:
        rows = rows.filter(year=year)
    return rows.order_by("-year", "school__order", "school__name")


def school_years_available(agency: Agency) -> list[int]:
    return list(
        SchoolYear.objects.filter(school__agency=agency)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def schools_table(agency: Agency, year: int | None = None) -> Table:
    rows: list[dict | GroupRow] = []
    current = None
    totals = {"teachers": 0, "students": 0, "subsidy": Decimal("0")}
    for record in school_years(agency, year):
        if record.year != current:
            current = record.year
            rows.append(GroupRow(_("ปีงบประมาณ %(year)s") % {"year": record.year}))
        rows.append(
            {
                "school": record.school.name,
                "year": record.year,
                "teachers": record.teachers,
                "students": record.students,
                "subsidy": record.subsidy,
            }
        )
        if year is not None:
            for key in totals:
                totals[key] += getattr(record, key)
    return Table(
        title=_("โรงเรียนสังกัดกรุงเทพมหานครในพื้นที่ %(agency)s") % {"agency": agency.name},
        subtitle=(_("จำนวนครู นักเรียน และเงินอุดหนุน รายปี"),),
        columns=(
            Column("school", _("โรงเรียน"), width=4),
            Column("year", _("ปี"), width=1, align="center"),
            Column("teachers", _("ครู (คน)"), width=1.3, kind="number"),
            Column("students", _("นักเรียน (คน)"), width=1.5, kind="number"),
            Column("subsidy", _("เงินอุดหนุน (บาท)"), width=2, kind="money"),
        ),
        rows=rows,
        total={"school": _("รวม"), **totals} if year is not None and rows else None,
        notes=(_("ข้อมูล ณ วันที่ %(date)s") % {"date": timezone.localdate().isoformat()},),
        digits="arabic",
    )


def schools_summary(agency: Agency):
    return (
        SchoolYear.objects.filter(school__agency=agency)
        .values("year")
        .annotate(teachers=Sum("teachers"), students=Sum("students"), subsidy=Sum("subsidy"))
        .order_by("-year")
    )


def public_news(agency: Agency, now=None):
    return NewsPost.objects.for_agency(agency).published(now).prefetch_related(Prefetch("photos"))


def news_latest_publication(agency: Agency):
    return (
        NewsPost.objects.for_agency(agency)
        .published()
        .order_by("-publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )


def staff_news(agency: Agency):
    return NewsPost.objects.for_agency(agency).order_by("-created_at")


def schools_of(agency: Agency):
    return School.objects.for_agency(agency).prefetch_related("years")
