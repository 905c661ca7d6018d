"""Load-test volume (`prongsai loadtest-data`): each agency answers to the shipped catalogues (the Bangkok
district list and the NACC list, adopted through the service), copied to every fiscal year of the load as
``catalogue_copy_to_year`` does for a new year; then, for every item of the district list of each year, one or
two approved publications (a link or a page written in the back office, live and public), in bulk. No files:
the file store is not what the benchmark measures.

Only the first agency goes through the services (about 2,800 queries: each item's assignment is a
get_or_create); the others copy its adoptions and assignments in bulk, with their own departments."""

from __future__ import annotations

import datetime
import random
import secrets
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from prongsai.agencies.models import StatusEvent
from prongsai.agencies.volume import insert
from prongsai.thai.fiscal import fiscal_year_bounds

from . import services
from .models import Adoption, Assignment, Catalogue, Publication, PublicationVersion

BANGKOK = ZoneInfo("Asia/Bangkok")
SCHEMES = ("bangkok-district", "nacc")
BASE_YEAR = 2566  # the year of the shipped catalogues


def _catalogues(agency, fiscal_years) -> dict[int, Catalogue]:
    """The district catalogue of each year, adopted (with the NACC one) by the agency: the shipped year
    through ``catalogue_adopt``, the others copied from it as a coordinator starts a new year."""
    district = {}
    for scheme in SCHEMES:
        base = Catalogue.objects.get(scheme=scheme, year=BASE_YEAR)
        services.catalogue_adopt(actor=None, agency=agency, catalogue=base)
        for year in fiscal_years:
            catalogue = (
                base
                if year == BASE_YEAR
                else services.catalogue_copy_to_year(actor=None, agency=agency, catalogue=base, year=year)
            )
            if scheme == "bangkok-district":
                district[year] = catalogue
    return district


def _copy_adoptions(template, agency, fiscal_years) -> dict[int, Catalogue]:
    """The template agency's adoptions and assignments, for ``agency`` (departments matched by code)."""
    insert(
        Adoption,
        [
            Adoption(agency=agency, catalogue_id=a.catalogue_id)
            for a in Adoption.objects.filter(agency=template)
        ],
    )
    code_of = dict(template.departments.values_list("pk", "code"))
    mine = dict(agency.departments.values_list("code", "pk"))
    sources = list(Assignment.objects.filter(agency=template).prefetch_related("departments"))
    copies = [
        Assignment(agency=agency, item_id=a.item_id, all_departments=a.all_departments) for a in sources
    ]
    insert(Assignment, copies)
    through = Assignment.departments.through
    insert(
        through,
        [
            through(assignment_id=copy.pk, department_id=mine[code_of[d.pk]])
            for source, copy in zip(sources, copies, strict=True)
            for d in source.departments.all()
        ],
    )
    return {c.year: c for c in Catalogue.objects.filter(scheme=SCHEMES[0], year__in=fiscal_years)}


def load(agencies, fiscal_years, counts, progress) -> dict[str, int]:
    rng = random.Random(2566)  # noqa: S311 (synthetic data, the same every run; tokens come from secrets)
    services.catalogues_load_shipped()
    kind_of = ContentType.objects.get_for_model(Publication)
    made = {"adopted catalogues": 0, "publications": 0}
    with progress("OIT publications", len(agencies)) as bar:
        for agency in agencies:
            with transaction.atomic():
                if agency is agencies[0]:
                    district = _catalogues(agency, fiscal_years)
                else:
                    district = _copy_adoptions(agencies[0], agency, fiscal_years)
                made["adopted catalogues"] += len(district) * len(SCHEMES)
                publications, contents = [], []
                for year, catalogue in district.items():
                    start, end = fiscal_year_bounds(year)
                    for item in catalogue.items.all():
                        for n in range(rng.choice([1, 1, 2])):
                            day = start + datetime.timedelta(days=rng.randint(0, 120))
                            at = datetime.datetime.combine(day, datetime.time(9 + n, 30), tzinfo=BANGKOK)
                            link = rng.random() < 0.5
                            publications.append(
                                Publication(
                                    agency=agency,
                                    item=item,
                                    token=secrets.token_urlsafe(12),
                                    kind=Publication.Kind.LINK if link else Publication.Kind.PAGE,
                                    title=f"{item.title[:200]} ปีงบประมาณ พ.ศ. {year}"
                                    + (f" (ฉบับที่ {n + 1})" if n else ""),
                                    period_start=start,
                                    period_end=end,
                                    state=Publication.State.APPROVED,
                                    publish_at=at,
                                    first_published_at=at,
                                    created_at=at - datetime.timedelta(days=1),
                                )
                            )
                            contents.append(
                                {
                                    "url": f"https://www.bangkok.go.th/{agency.slug}/oit/{year}/{item.code}/{n + 1}"
                                }
                                if link
                                else {"body": f"{item.title}\nข้อมูลของ{agency.name} ปีงบประมาณ พ.ศ. {year}"}
                            )
                Publication.objects.bulk_create(publications, batch_size=1000)
                versions = PublicationVersion.objects.bulk_create(
                    [
                        PublicationVersion(publication=p, number=1, created_at=p.created_at, **content)
                        for p, content in zip(publications, contents, strict=True)
                    ],
                    batch_size=1000,
                )
                for publication, version in zip(publications, versions, strict=True):
                    publication.live_version = version
                Publication.objects.bulk_update(publications, ["live_version"], batch_size=1000)
                StatusEvent.objects.bulk_create(
                    [
                        StatusEvent(
                            agency=agency,
                            content_type=kind_of,
                            object_id=p.pk,
                            at=p.publish_at,
                            from_state=Publication.State.SUBMITTED,
                            to_state=Publication.State.APPROVED,
                        )
                        for p in publications
                    ],
                    batch_size=2000,
                )
                made["publications"] += len(publications)
            bar.update(1)
    return made
