"""What the plans app gives the public read side (the provider interface, ``disclosure/providers.py``):
the plan items of the OIT catalogues (``plans.integrity``, ``plans.anti_corruption``,
``plans.service_efficiency``: the published plan of that kind and year with its files), the public menu,
and every activity of a published plan as a search document linking to its row on the plan page."""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.disclosure.providers import (
    DcatDataset,
    Distribution,
    GeneratedEntry,
    ItemAssignment,
    MonthStatus,
    PublicLink,
    Reference,
    ReferenceDetail,
    SearchDocument,
)
from prongsai.thai.fiscal import fiscal_year_bounds

from . import selectors
from .models import Activity, Plan, ProgressReport, ReviewState


def _plan_entries(agency, year: int, kind: str) -> list[GeneratedEntry]:
    plan = Plan.objects.published().filter(agency=agency, fiscal_year=year, kind=kind).first()
    if plan is None:
        return []
    start, end = fiscal_year_bounds(year)
    kwargs = {"agency": agency.slug, "year": plan.ref}
    source = _("ระบบติดตามแผน (%(plan)s)") % {"plan": plan.get_kind_display()}
    entries = [
        GeneratedEntry(
            plan.title,
            reverse("plans_public:plan", kwargs=kwargs),
            frozenset({"page", "link"}),
            start,
            end,
            plan.created_at,
            source,
        ),
    ]
    for fmt in ("pdf", "docx", "xlsx"):
        entries.append(
            GeneratedEntry(
                f"{plan.title} ({fmt.upper()})",
                reverse("plans_public:export", kwargs={**kwargs, "fmt": fmt}),
                frozenset({fmt}),
                start,
                end,
                plan.created_at,
                source,
            )
        )
    return entries


def _kind(kind: str):
    def entries(agency, item) -> list[GeneratedEntry]:
        return _plan_entries(agency, item.catalogue.year, kind)

    return entries


ITEMS = {kind: _kind(kind) for kind in Plan.Kind.values}


def public_links(agency) -> list[PublicLink]:
    return [PublicLink(link["url"], link["label"]) for link in selectors.public_plan_links(agency)]


def search_documents(agency):
    activities = (
        Activity.objects.current()
        .filter(plan__in=Plan.objects.published().filter(agency=agency))
        .select_related("plan", "indicator")
        .order_by("plan_id", "order", "pk")
    )
    for activity in activities:
        plan = activity.plan
        yield SearchDocument(
            key=f"activity:{activity.pk}",
            kind="activity",
            title=(activity.name or activity.focus)[:300],
            text=" ".join(filter(None, [activity.focus, activity.name, activity.output, plan.title])),
            url=activity_url(agency, activity),
            year=plan.fiscal_year,
            published_at=plan.created_at,
        )


def item_assignments(agency, year: int) -> dict[str, ItemAssignment]:
    """The integrity plan's OIT rows (indicators 9-10) name the departments of each item of its year."""
    plan = Plan.objects.filter(agency=agency, fiscal_year=year, kind=Plan.Kind.INTEGRITY).first()
    if plan is None:
        return {}
    activities = plan.activities.current().exclude(oit_code="").prefetch_related("departments")
    return {a.oit_code: ItemAssignment(tuple(a.departments.all()), a.all_departments) for a in activities}


def activity_url(agency, activity) -> str:
    return reverse("plans_public:plan", kwargs={"agency": agency.slug, "year": activity.plan.ref}) + (
        f"#activity-{activity.pk}"
    )


def _activities(agency) -> list[Reference]:
    activities = (
        Activity.objects.current()
        .filter(plan__agency=agency)
        .select_related("plan")
        .order_by("-plan__fiscal_year", "order", "pk")
    )
    return [
        Reference(
            f"plans.activity:{a.pk}",
            f"{a.plan.fiscal_year} · {(a.name or a.focus)[:90]}",
            activity_url(agency, a),
        )
        for a in activities
    ]


REFERENCES = {"activity": _activities}


def _resolve_activities(agency, keys) -> dict[str, ReferenceDetail]:
    """The activities the keys name, with their monthly reports (two queries however many)."""
    ids = {int(k.rsplit(":", 1)[1]) for k in keys if k.rsplit(":", 1)[1].isdigit()}
    activities = (
        Activity.objects.filter(plan__agency=agency, pk__in=ids)
        .select_related("plan")
        .prefetch_related(Prefetch("reports", queryset=ProgressReport.objects.order_by("period", "pk")))
    )
    return {
        f"plans.activity:{a.pk}": ReferenceDetail(
            f"plans.activity:{a.pk}",
            f"{a.plan.fiscal_year} · {(a.name or a.focus)[:90]}",
            activity_url(agency, a),
            tuple(
                MonthStatus(
                    r.period, r.get_status_display(), r.percent, r.review_state == ReviewState.ACCEPTED
                )
                for r in a.reports.all()
            ),
        )
        for a in activities
    }


RESOLVE = {"activity": _resolve_activities}


def dcat_datasets(agency, absolute) -> list[DcatDataset]:
    from .exports import PLAN_FORMATS

    datasets = []
    for plan in selectors.published_plans(agency).order_by("-fiscal_year", "kind"):
        kwargs = {"agency": agency.slug, "year": plan.ref}
        landing = absolute(reverse("plans_public:plan", kwargs=kwargs))
        distributions = [Distribution(landing, f"{plan.title} (หน้าเว็บ)", "html", download=False)]
        for fmt in PLAN_FORMATS:
            url = absolute(reverse("plans_public:export", kwargs={**kwargs, "fmt": fmt}))
            distributions.append(Distribution(url, f"{plan.title} ({fmt.upper()})", fmt))
        datasets.append(
            DcatDataset(
                identifier=f"{agency.slug}-plan-{plan.ref}",
                title=f"{plan.title} ปีงบประมาณ พ.ศ. {plan.fiscal_year}",
                description=(
                    f"{plan.get_kind_display()} ของ{agency.name} ปีงบประมาณ พ.ศ. {plan.fiscal_year}: "
                    "ตัวชี้วัด ประเด็น กิจกรรม ผลผลิต ผู้รับผิดชอบ และกำหนดแล้วเสร็จ"
                ),
                landing=landing,
                keywords=["คุณธรรมและความโปร่งใส", "ITA", plan.get_kind_display()],
                distributions=distributions,
                data_type="ข้อมูลระเบียน",
                frequency="ปี",
                issued=plan.created_at,
                modified=plan.updated_at,
                temporal=fiscal_year_bounds(plan.fiscal_year),
            )
        )
    return datasets


# --- infographics (portal/infographics.py draws them) ---------------------------------------------------

_OTHER_ACTIVITIES = "กิจกรรมอื่นตามแผน"


def _plan_of(agency, item, kind: str | None = None):
    if kind is None:
        kinds = [name.split(".", 1)[1] for name in item.providers or () if name.startswith("plans.")]
        kind = kinds[0] if kinds else Plan.Kind.INTEGRITY
    return Plan.objects.published().filter(agency=agency, fiscal_year=item.catalogue.year, kind=kind).first()


def _rollup_place(rollup) -> int:
    """Indicators in the plan's order, then activities the importer could not place, then the appendix (the
    roll-up lists groups in the order it meets them, and an unplaced activity may come in the middle)."""
    activity = rollup.states[0].activity
    return 2 if activity.appendix else 1 if activity.indicator_id is None else 0


def _rollup_label(rollup, plan) -> str:
    # "ไม่ทราบตัวชี้วัด" is right for the coordinator's dashboard; the public sheet says it plainly.
    if _rollup_place(rollup) == 1 and plan.kind == Plan.Kind.INTEGRITY:
        return _OTHER_ACTIVITIES
    return rollup.label


def _progress_figures(agency, item) -> dict | None:
    plan = _plan_of(agency, item)
    if plan is None:
        return None
    as_of = selectors.plan_as_of(plan)
    states = selectors.activity_states(plan, as_of=as_of)
    if not states:
        return None
    rollups = sorted(selectors.rollup_by_indicator(states), key=_rollup_place)
    return {
        "title": plan.title,
        "url": reverse("plans_public:plan", kwargs={"agency": agency.slug, "year": plan.ref}),
        "as_of": as_of,
        "overall": round(sum(s.percent for s in states) / len(states)),
        "activity_count": len(states),
        "done": sum(s.done for s in states),
        "overdue": sum(s.overdue for s in states),
        "in_progress": sum(1 for s in states if not s.done and s.percent > 0),
        "indicators": [
            {
                "label": _rollup_label(rollup, plan),
                "percent": rollup.percent,
                "done": rollup.done,
                "count": len(rollup.states),
            }
            for rollup in rollups
        ],
    }


# The budget summary is the finance module's (from its records; the plan import hands the table over).
INFOGRAPHICS = {"plan_progress": _progress_figures}
