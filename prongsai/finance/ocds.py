"""Open Contracting (OCDS 1.1) release packages: export of the procurements, import of what a city already
publishes (Bangkok: prefix ``ocds-bq4ldt``), validated against the official release-package schema.

The schema files in ``data/`` are the Open Contracting Partnership's OCDS 1.1.5 release-package and release
schemas (Apache 2.0), as shipped inside PyPI packages of the OCP (``ocdskit`` 1.7.0 and
``ocdsextensionregistry`` 0.7.0, their test fixtures): no maintained package ships them for use, and
``lib-cove-ocds`` fetches them over the internet at run time, which a government server may not do.
Validation is ``jsonschema`` (Draft 4, with format checks) over those files, never a hand-written check.

Bidders and their prices travel in the OCDS Bids extension's ``bids.details`` (allowed by the core schema,
declared in ``extensions``); the reference price (ราคากลาง) is ``tender.value``, the budget (วงเงิน)
``planning.budget.amount``, the Thai method ``tender.procurementMethodDetails``.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

from .models import Method, Procurement, ProcurementDocument

DATA = Path(__file__).resolve().parent / "data"
PACKAGE_SCHEMA = DATA / "release-package-schema-1__1__5.json"
RELEASE_SCHEMA = DATA / "release-schema-1__1__5.json"
BIDS_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"
)
OCID_PREFIX = "ocds-bq4ldt"  # Bangkok's registered prefix (ITA.md)
BANGKOK = ZoneInfo("Asia/Bangkok")
MAX_RELEASES = 5000

METHOD_TO_OCDS = {
    Method.SPECIFIC: "limited",
    Method.SELECTION: "selective",
    Method.E_MARKET: "open",
    Method.E_BIDDING: "open",
}
DOCUMENT_TYPES = {
    ProcurementDocument.Kind.PLAN: "procurementPlan",
    ProcurementDocument.Kind.INVITATION: "tenderNotice",
    ProcurementDocument.Kind.ANNOUNCEMENT: "tenderNotice",
    ProcurementDocument.Kind.RESULT: "awardNotice",
    ProcurementDocument.Kind.CONTRACT: "contractSigned",
}
STATUS_TAGS = {
    Procurement.Status.ANNOUNCED: "tender",
    Procurement.Status.AWARDED: "award",
    Procurement.Status.CONTRACTED: "contract",
    Procurement.Status.COMPLETED: "contract",
    Procurement.Status.CANCELLED: "tenderCancellation",
}


class OcdsError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems[:5]))


@cache
def _validator():
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4
    from rfc3339_validator import validate_rfc3339

    package = json.loads(PACKAGE_SCHEMA.read_text())
    release = json.loads(RELEASE_SCHEMA.read_text())
    resource = Resource.from_contents(release, default_specification=DRAFT4)
    registry = Registry().with_resources(
        [(release["id"], resource), (release["id"].replace("https://", "http://"), resource)]
    )
    checker = FormatChecker()
    # OCDS dates are RFC 3339 date-times; the check is explicit, not left to whichever optional checker
    # jsonschema happens to find installed.
    checker.checks("date-time")(lambda value: not isinstance(value, str) or validate_rfc3339(value))
    return Draft4Validator(package, registry=registry, format_checker=checker)


def validate(package: dict) -> list[str]:
    """Every schema error of a release package, each with where it is ("releases/0/tender/value/amount")."""
    errors = sorted(_validator().iter_errors(package), key=lambda e: list(map(str, e.absolute_path)))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(package)'}: {e.message}" for e in errors]


def _money(value) -> dict | None:
    return {"amount": float(value), "currency": "THB"} if value is not None else None


def _when(day: datetime.date | None) -> str | None:
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=BANGKOK).isoformat()


def _clean(data):
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def ocid_of(procurement: Procurement) -> str:
    return procurement.ocid or f"{OCID_PREFIX}-{procurement.egp_number or procurement.code}"


def release(agency, p: Procurement, base: str) -> dict:
    ocid = ocid_of(p)
    buyer = {"id": f"TH-AGENCY-{agency.slug}", "name": agency.name}
    bidders = [{"id": f"bidder-{i + 1}", "name": b.bidder} for i, b in enumerate(p.bids.all())]
    ids = {b["name"]: b["id"] for b in bidders}
    supplier = {"id": ids.get(p.winner, "supplier-1"), "name": p.winner} if p.winner else None
    parties = [{**buyer, "roles": ["buyer", "procuringEntity"]}]
    for bidder in bidders:
        roles = ["tenderer"] + (["supplier"] if supplier and bidder["name"] == p.winner else [])
        parties.append({**bidder, "roles": roles})
    if supplier and p.winner not in ids:
        parties.append({**supplier, "roles": ["supplier"]})
    documents = [
        {
            "id": d.token,
            "documentType": DOCUMENT_TYPES[d.kind],
            "title": d.title,
            "datePublished": _when(d.dated),
            "url": f"{base.rstrip('/')}/{agency.slug}/procurement/documents/{d.token}/" if d.file else None,
            "format": "application/pdf" if d.file else None,
        }
        for d in p.documents.all()
    ]
    award_id = f"{p.code}-award"
    data = {
        "ocid": ocid,
        "id": f"{ocid}-{timezone.localtime(p.updated_at).strftime('%Y%m%d%H%M%S')}",
        "date": timezone.localtime(p.updated_at).isoformat(),
        "tag": [STATUS_TAGS.get(p.status, "planning")],
        "initiationType": "tender",
        "language": "th",
        "parties": parties,
        "buyer": buyer,
        "planning": {"budget": {"amount": _money(p.budget_amount)}},
        "tender": {
            "id": p.egp_number or p.code,
            "title": p.title,
            "status": "cancelled"
            if p.status == Procurement.Status.CANCELLED
            else "complete"
            if p.winner
            else "active",
            "value": _money(p.reference_price),
            "procurementMethod": METHOD_TO_OCDS[p.method],
            "procurementMethodDetails": str(Method(p.method).label),
            "tenderers": bidders,
            "numberOfTenderers": len(bidders),
            # Before an award, the day the result is due (the month of the SKR-1 it will be in).
            "tenderPeriod": {"endDate": _when(p.decided_on)} if not p.winner else None,
            "documents": documents,
        },
        "bids": {
            "details": [
                {"id": f"bid-{i + 1}", "value": _money(b.price), "tenderers": [bidders[i]]}
                for i, b in enumerate(p.bids.all())
            ]
        },
        "awards": [
            {
                "id": award_id,
                "status": "active",
                "date": _when(p.decided_on),
                "description": p.reason,
                "value": _money(p.agreed_price),
                "suppliers": [supplier] if supplier else [],
            }
        ]
        if p.winner
        else [],
        "contracts": [
            {
                "id": p.contract_number or f"{p.code}-contract",
                "awardID": award_id,
                "title": p.title,
                "value": _money(p.agreed_price),
                "dateSigned": _when(p.contract_date),
                "status": "active",
            }
        ]
        if p.winner and p.contract_number
        else [],
    }
    return _clean(data)


def release_package(agency, procurements: list[Procurement], *, base: str) -> dict:
    now = timezone.localtime()
    return {
        "uri": f"{base.rstrip('/')}/{agency.slug}/procurement/ocds.json",
        "version": "1.1",
        "extensions": [BIDS_EXTENSION],
        "publishedDate": now.isoformat(),
        "publisher": {"name": agency.name},
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "releases": [release(agency, p, base) for p in procurements],
    }


def dumps(package: dict) -> bytes:
    return json.dumps(package, ensure_ascii=False, indent=1).encode()


# --- import ------------------------------------------------------------------------------------------

_OCDS_TO_METHOD = {"limited": Method.SPECIFIC, "direct": Method.SPECIFIC, "selective": Method.SELECTION}


def _method_of(tender: dict) -> str:
    details = tender.get("procurementMethodDetails") or ""
    for value, label in Method.choices:
        if details and (details == label or details in str(label)):
            return value
    if "e-market" in details.lower() or "ตลาดอิเล็กทรอนิกส์" in details:
        return Method.E_MARKET
    return _OCDS_TO_METHOD.get(tender.get("procurementMethod"), Method.E_BIDDING)


def _amount(value: dict | None) -> Decimal | None:
    if not value or value.get("amount") is None:
        return None
    return Decimal(str(value["amount"])).quantize(Decimal("0.01"))


def _date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(BANGKOK).date()


def procurements_from(package: dict) -> list[tuple[dict, list[tuple[str, Decimal]]]]:
    """The (values, bids) of each release of a valid package, the latest release of each ocid; raises
    ``OcdsError`` with every schema error, or every release that lacks what a procurement record needs."""
    problems = validate(package)
    if problems:
        raise OcdsError(problems)
    releases = package.get("releases") or []
    if len(releases) > MAX_RELEASES:
        raise OcdsError([f"more than {MAX_RELEASES} releases"])
    latest: dict[str, dict] = {}
    for r in releases:
        if r["ocid"] not in latest or r.get("date", "") >= latest[r["ocid"]].get("date", ""):
            latest[r["ocid"]] = r
    out = []
    for index, r in enumerate(latest.values()):
        tender = r.get("tender") or {}
        award = (r.get("awards") or [{}])[0]
        contract = (r.get("contracts") or [{}])[0]
        budget = _amount((r.get("planning") or {}).get("budget", {}).get("amount")) or _amount(
            tender.get("value")
        )
        decided = (
            _date(award.get("date"))
            or _date((tender.get("tenderPeriod") or {}).get("endDate"))
            or _date(contract.get("dateSigned"))
            or _date(r.get("date"))
        )
        where = f"releases/{index} ({r['ocid']})"
        if not tender.get("title") or budget is None or decided is None:
            problems.append(f"{where}: ต้องมี tender.title, planning.budget.amount หรือ tender.value และวันที่")
            continue
        names = {t["id"]: t.get("name", "") for t in tender.get("tenderers") or () if "id" in t}
        bids = []
        for detail in (r.get("bids") or {}).get("details") or ():
            who = (detail.get("tenderers") or [{}])[0]
            price = _amount(detail.get("value"))
            if price is not None:
                bids.append((who.get("name") or names.get(who.get("id"), ""), price))
        suppliers = award.get("suppliers") or []
        tender_id = str(tender.get("id") or "")
        status = (
            Procurement.Status.CANCELLED
            if tender.get("status") == "cancelled"
            else Procurement.Status.CONTRACTED
            if contract
            else Procurement.Status.AWARDED
            if suppliers
            else Procurement.Status.ANNOUNCED
        )
        values = {
            "ocid": r["ocid"],
            "title": tender["title"][:500],
            "budget_amount": budget,
            "reference_price": _amount(tender.get("value")),
            "method": _method_of(tender),
            "winner": (suppliers[0].get("name") if suppliers else "")[:300],
            "agreed_price": _amount(award.get("value")),
            "reason": (award.get("description") or "")[:500],
            "contract_number": (contract.get("id") or "")[:100]
            if not str(contract.get("id", "")).endswith("-contract")
            else "",
            "contract_date": _date(contract.get("dateSigned")),
            "egp_number": tender_id if tender_id.isdigit() and len(tender_id) == 11 else "",
            "decided_on": decided,
            "status": status,
        }
        out.append((values, bids))
    if problems:
        raise OcdsError(problems)
    return out
