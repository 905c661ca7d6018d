"""The disclosure API: the OIT index of a year for everyone; readiness and approval for staff."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema
from pydantic import BaseModel, ConfigDict, model_validator

from prongsai.agencies import access
from prongsai.api.auth import agency_member_auth

from . import readiness, selectors, services
from .models import Publication

router = Router(tags=["disclosure"])


# The OIT index's items and entries are dicts the view builds: plain pydantic models validate them in
# pydantic-core. ninja's Schema would wrap every dict in its Django getter and look each field up in Python
# first (for reading models), which took 60% of the most read API call (issue 17).


class EntryOut(BaseModel):
    title: str
    kind: str
    url: str
    period_start: str | None
    period_end: str | None


class ItemOut(BaseModel):
    code: str
    sub_indicator: str
    title: str
    url: str
    entries: list[EntryOut]


class CheckOut(Schema):
    code: str
    passed: bool
    message: str


class ItemReadinessOut(Schema):
    code: str
    ready: bool
    checks: list[CheckOut]


class ReviewIn(Schema):
    """Approve, or return with a reason: returning without one is refused (422), and the schema says so."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"approve": {"const": False}}},
            "then": {"required": ["comment"], "properties": {"comment": {"minLength": 1, "pattern": r"\S"}}},
        }
    )

    approve: bool
    comment: str = Field("", description="required when approve is false: why the entry goes back")

    @model_validator(mode="after")
    def _reason_to_return(self):
        if not self.approve and not self.comment.strip():
            raise ValueError("comment is required when approve is false")
        return self


def _entry(agency, year, item, publication) -> dict:
    version = publication.live_version
    if publication.kind == Publication.Kind.FILE:
        url = selectors.file_address(agency.slug, year, item.code, publication.token)
    elif publication.kind == Publication.Kind.LINK:
        url = version.url
    else:
        url = selectors.item_address(agency.slug, year, item.code)
    return {
        "title": publication.title,
        "kind": publication.kind,
        "url": url,
        "period_start": publication.period_start.isoformat() if publication.period_start else None,
        "period_end": publication.period_end.isoformat() if publication.period_end else None,
    }


@router.get("/agencies/{slug}/oit/{year}", response=list[ItemOut])
def oit_index(request, slug: str, year: int):
    agency = access.public_agency(slug)
    catalogue = selectors.primary_catalogue(agency, year)
    if catalogue is None:
        raise Http404
    out = []
    for view in selectors.public_item_views(agency, catalogue):
        entries = [_entry(agency, year, view.item, p) for p in view.publications]
        entries += [
            {"title": g.title, "kind": "generated", "url": g.url, "period_start": None, "period_end": None}
            for g in view.generated
        ]
        out.append(
            {
                "code": view.item.code,
                "sub_indicator": view.item.sub_indicator.code,
                "title": view.item.title,
                "url": selectors.item_address(agency.slug, year, view.item.code),
                "entries": entries,
            }
        )
    return out


@router.get("/agencies/{slug}/oit/{year}/readiness", response=list[ItemReadinessOut], auth=agency_member_auth)
def oit_readiness(request, slug: str, year: int):
    agency = access.staff_agency(request.user, slug, "disclosure.view")
    result = readiness.agency_readiness(agency, year, now=timezone.now())
    return [
        {
            "code": item.item.code,
            "ready": item.ready,
            "checks": [{"code": c.code, "passed": c.passed, "message": c.message} for c in item.checks],
        }
        for catalogue_result in result.catalogues
        for item in catalogue_result.items
    ]


@router.post("/agencies/{slug}/oit/publications/{id}/review", response={200: dict}, auth=agency_member_auth)
def publication_review(request, slug: str, id: int, data: ReviewIn):
    agency = access.staff_agency(request.user, slug, "disclosure.approve")
    publication = get_object_or_404(Publication, pk=id, agency=agency)
    publication = services.publication_review(
        actor=request.user, publication=publication, approve=data.approve, comment=data.comment
    )
    return {"id": publication.pk, "state": publication.state}
