"""The agency's open-data catalogue in DCAT (JSON-LD) that a data catalogue can harvest, assembled from
every app's datasets through the provider interface (``dcat_datasets`` of each provider module).

The catalogue carries, besides DCAT, the fields of the Thai government data catalogue's dataset schema
(ckanext-thai_gdc, the CKAN extension agencies install for the GD Catalog), under the ``thgdc:`` prefix and
with the values that schema offers (its "choices"). Only what the platform knows is filled in; a field that
needs a person's decision (an e-mail address to contact, for one) is left out rather than guessed.

Nothing here names a person: publishers are agencies, and who uploaded or approved an entry is never shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone

from prongsai.agencies.models import Agency
from prongsai.disclosure import providers
from prongsai.disclosure.providers import DcatDataset, Distribution

Absolute = Callable[[str], str]  # a path made a full address: request.build_absolute_uri

# The dataset schema of ckanext-thai_gdc, whose field names the thgdc: terms are.
THAI_GDC_SCHEMA = (
    "https://gitlab.nectec.or.th/opend/ckanext-thai_gdc/-/blob/master/ckanext/thai_gdc/ckan_dataset.json#"
)
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "thgdc": THAI_GDC_SCHEMA,
}
# The platform's default licence for what agencies publish: the GD Catalog's name for it, and its address.
LICENCE_GDC = "Open Data Common"
LICENCE_URI = "https://creativecommons.org/licenses/by/4.0/"
THAI = "http://id.loc.gov/vocabulary/iso639-1/th"
PUBLIC_ACCESS = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
MEDIA_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html",
}
# thgdc:data_format offers XLS for spreadsheets and no Word format: DOCX goes under "อื่นๆ" (other).
GDC_FORMATS = {"csv": "CSV", "json": "JSON", "xlsx": "XLS", "pdf": "PDF", "html": "HTML"}
FREQUENCIES = {  # thgdc:update_frequency_unit -> dct:accrualPeriodicity
    "ไตรมาส": "http://purl.org/cld/freq/quarterly",
    "ปี": "http://purl.org/cld/freq/annual",
    "เดือน": "http://purl.org/cld/freq/monthly",
}


def _text(value: str) -> dict:
    return {"@value": value, "@language": "th"}


def _date(value: date | datetime | None) -> dict | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return {"@value": timezone.localtime(value).isoformat(timespec="seconds"), "@type": "xsd:dateTime"}
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _day(value: date | datetime | None) -> str:
    """ckanext-thai_gdc's date fields: YYYY-MM-DD."""
    if value is None:
        return ""
    return (timezone.localtime(value).date() if isinstance(value, datetime) else value).isoformat()


def _geo_coverage(agency: Agency) -> str:
    # A Bangkok district (เขต) is at the level of an amphoe; other agencies' areas are not recorded.
    return "อำเภอ" if agency.kind == Agency.Kind.DISTRICT_OFFICE else "ไม่ทราบ"


def _distribution(distribution: Distribution) -> dict:
    url, fmt = distribution.url, distribution.format
    node = {
        "@id": f"{url}#distribution",
        "@type": "dcat:Distribution",
        "dct:title": _text(distribution.title),
        "dcat:accessURL": {"@id": url},
        "dct:format": GDC_FORMATS.get(fmt, fmt.upper()),
        "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[fmt]}"},
        "dct:license": {"@id": LICENCE_URI},
    }
    if distribution.download:
        node["dcat:downloadURL"] = {"@id": url}
    if distribution.size:
        node["dcat:byteSize"] = {"@value": str(distribution.size), "@type": "xsd:nonNegativeInteger"}
    return node


def _dataset_node(agency: Agency, publisher: dict, dataset: DcatDataset) -> dict:
    distributions = [_distribution(d) for d in dataset.distributions]
    formats = sorted({d["dct:format"] for d in distributions})
    gdc_formats = [f for f in formats if f in GDC_FORMATS.values()]
    other_formats = [f for f in formats if f not in GDC_FORMATS.values()]
    node = {
        "@id": f"{dataset.landing}#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": dataset.identifier,
        "dct:title": _text(dataset.title),
        "dct:description": _text(dataset.description),
        "dcat:keyword": [_text(k) for k in dataset.keywords],
        "dct:publisher": {"@id": publisher["@id"]},
        "dcat:contactPoint": {"@type": "vcard:Organization", "vcard:fn": agency.name},
        "dct:language": {"@id": THAI},
        "dct:spatial": {"@type": "dct:Location", "skos:prefLabel": _text(agency.name)},
        "dct:license": {"@id": LICENCE_URI},
        "dct:accessRights": {"@id": PUBLIC_ACCESS},
        "dcat:landingPage": {"@id": dataset.landing},
        "dcat:distribution": distributions,
        # The fields ckanext-thai_gdc asks for, with the values its schema offers.
        "thgdc:name": dataset.identifier,
        "thgdc:data_type": dataset.data_type,
        "thgdc:objective": ["พันธกิจหน่วยงาน"],
        "thgdc:update_frequency_unit": dataset.frequency,
        "thgdc:update_frequency_interval": "1" if dataset.frequency in FREQUENCIES else "",
        "thgdc:geo_coverage": _geo_coverage(agency),
        "thgdc:data_source": agency.name,
        "thgdc:data_format": gdc_formats + (["อื่นๆ"] if other_formats else []),
        "thgdc:data_format_other": ", ".join(other_formats),
        "thgdc:data_category": "ข้อมูลสาธารณะ",
        "thgdc:license_id": LICENCE_GDC,
        "thgdc:accessible_condition": "เปิดเผยต่อสาธารณะ ดาวน์โหลดได้โดยไม่ต้องลงทะเบียน",
        "thgdc:data_language": ["ไทย"],
        "thgdc:maintainer": agency.name,
        "thgdc:tag_string": ",".join(dataset.keywords),
        "thgdc:url": dataset.landing,
        "thgdc:created_date": _day(dataset.issued),
        "thgdc:last_updated_date": _day(dataset.modified),
        # Publishing this catalogue is how the agency offers its datasets to the GD Catalog.
        "thgdc:allow_harvest": "True",
    }
    if dataset.frequency in FREQUENCIES:
        node["dct:accrualPeriodicity"] = {"@id": FREQUENCIES[dataset.frequency]}
    if dataset.issued:
        node["dct:issued"] = _date(dataset.issued)
    if dataset.modified:
        node["dct:modified"] = _date(dataset.modified)
    if dataset.temporal:
        start, end = dataset.temporal
        node["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": _date(start),
            "dcat:endDate": _date(end),
        }
    return node


def dcat_catalog(agency: Agency, absolute: Absolute) -> dict:
    """The agency's datasets as one DCAT catalogue (a JSON-LD document)."""
    home = absolute(reverse("portal:agency_home", kwargs={"agency": agency.slug}))
    publisher = {
        "@id": f"{home}#organization",
        "@type": "foaf:Organization",
        "foaf:name": _text(agency.name),
        "foaf:homepage": {"@id": home},
    }
    datasets = providers.dcat_datasets(agency, absolute)
    modified = [d.modified for d in datasets if isinstance(d.modified, datetime)]
    catalog = {
        "@context": CONTEXT,
        "@id": absolute(reverse("dcat", kwargs={"agency": agency.slug})),
        "@type": "dcat:Catalog",
        "dct:title": _text(f"บัญชีข้อมูลเปิดของ{agency.name}"),
        "dct:description": _text(
            f"ชุดข้อมูลที่{agency.name}เผยแพร่: แผนส่งเสริมคุณธรรมและความโปร่งใส "
            "ดัชนีการเปิดเผยข้อมูลสาธารณะ (OIT) และไฟล์ข้อมูลตารางที่เผยแพร่"
        ),
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": home},
        "dct:language": {"@id": THAI},
        "dct:license": {"@id": LICENCE_URI},
        "dcat:dataset": [_dataset_node(agency, publisher, d) for d in datasets],
    }
    if modified:
        catalog["dct:modified"] = _date(max(modified))
    return catalog


def dcat_json(catalog: dict) -> bytes:
    return json.dumps(catalog, ensure_ascii=False, indent=2).encode("utf-8")
