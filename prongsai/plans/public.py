"""What the plans app gives the public read side (the provider interface, ``disclosure/providers.py``):
the plan items of the OIT catalogues (``plans.integrity``, ``plans.anti_corruption``,
``plans.service_efficiency``: the published plan of that kind and year with its files), the public menu,
and every activity of a published plan as a search document linking to its row on the plan page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.disclosure.providers import (
    GeneratedEntry,
    ItemAssignment,
    PublicLink,
    Reference,
    SearchDocument,
)
from prongsai.thai.fiscal import fiscal_year_bounds

from . import selectors
from .models import Activity, Plan


def _plan_entries(agency, year: int, kind: str) -> list[GeneratedEntry]:
    plan = Plan.objects.filter(agency=agency, fiscal_year=year, kind=kind, is_published=True).first()
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
        .filter(plan__agency=agency, plan__is_published=True)
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
