"""What the property module gives the public read side (``disclosure/providers.py``).

Topic ``measures`` (item o29 of the Bangkok district catalogue, "การจัดการทรัพย์สินของทางราชการ และการจัดเก็บ
ของกลาง"; the NACC's 2566 list has no counterpart): the measures page and its PDF, the borrowing rules, the
donation list and the seized-goods statistics of the item's fiscal year. Entries exist once the agency keeps
its register here (an asset, a seized item, a donation or its own texts).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.disclosure.providers import (
    DcatDataset,
    Distribution,
    GeneratedEntry,
    PublicLink,
    SearchDocument,
)
from prongsai.thai.fiscal import fiscal_year, fiscal_year_bounds

from . import selectors
from .models import PropertySettings, SeizedItem


def _source() -> str:
    return _("ทะเบียนทรัพย์สิน ของบริจาค และของกลางในระบบของหน่วยงาน")


def _in_use(agency) -> bool:
    # The services write the agency's settings row with its first asset, donation or seized item.
    return PropertySettings.objects.filter(agency=agency).exists()


def measures(agency, item) -> list[GeneratedEntry]:
    current = PropertySettings.objects.filter(agency=agency).only("updated_at").first()
    if current is None:
        return []
    updated_at = current.updated_at
    year = item.catalogue.year
    start, end = fiscal_year_bounds(year)
    slug = {"agency": agency.slug}
    title = _("มาตรการจัดการทรัพย์สินของราชการ ของบริจาค และการจัดเก็บของกลาง")
    out = [
        GeneratedEntry(
            title,
            reverse("property_public:index", kwargs=slug),
            frozenset({"page"}),
            None,
            None,
            updated_at,
            _source(),
        ),
        GeneratedEntry(
            f"{title} (PDF)",
            reverse("property_public:measures_pdf", kwargs=slug),
            frozenset({"pdf"}),
            None,
            None,
            updated_at,
            _source(),
        ),
        GeneratedEntry(
            _("วิธีการยืม คืน และการใช้ทรัพย์สินของราชการ"),
            reverse("property_public:rules", kwargs=slug),
            frozenset({"page"}),
            None,
            None,
            updated_at,
            _source(),
        ),
    ]
    if selectors.donations_of_year(agency, year).exists():
        out.append(
            GeneratedEntry(
                _("รายการของบริจาค ปีงบประมาณ %(year)s") % {"year": year},
                reverse("property_public:donations", kwargs={**slug, "year": year}),
                frozenset({"page"}),
                start,
                end,
                None,
                _source(),
            )
        )
    if SeizedItem.objects.for_agency(agency).filter(seized_on__lte=end).exists():
        out.append(
            GeneratedEntry(
                _("สถิติของกลางรายเดือน ปีงบประมาณ %(year)s") % {"year": year},
                reverse("property_public:seized", kwargs={**slug, "year": year}),
                frozenset({"page"}),
                start,
                min(end, timezone.localdate()),
                None,
                _source(),
            )
        )
    return out


ITEMS = {"measures": measures}


def search_documents(agency):
    if not _in_use(agency):
        return
    measures_text, rules_text, _updated_at = selectors.texts(agency)
    slug = {"agency": agency.slug}
    yield SearchDocument(
        key="measures",
        kind="oit",
        title=_("มาตรการจัดการทรัพย์สินของราชการ ของบริจาค และการจัดเก็บของกลาง"),
        text=measures_text,
        url=reverse("property_public:index", kwargs=slug),
        also="o29 ของกลาง ทรัพย์สิน",
    )
    yield SearchDocument(
        key="rules",
        kind="oit",
        title=_("วิธีการยืม คืน และการใช้ทรัพย์สินของราชการ"),
        text=rules_text,
        url=reverse("property_public:rules", kwargs=slug),
        also="ยืม คืน",
    )
    for asset in selectors.lendable_assets(agency):
        yield SearchDocument(
            key=f"asset:{asset.pk}",
            kind="service",  # borrowing is a service to the public
            title=_("ขอยืม: %(name)s") % {"name": asset.name},
            text=f"{asset.name} {asset.description} {asset.department.name}",
            url=reverse("property_public:borrow", kwargs={**slug, "code": asset.public_code}),
        )


def _distributions(absolute, page: str, name: str, kwargs: dict) -> list[Distribution]:
    out = [Distribution(absolute(reverse(page, kwargs=kwargs)), _("หน้าเว็บ"), "html", download=False)]
    for fmt in ("csv", "xlsx", "json", "pdf"):
        out.append(Distribution(absolute(reverse(name, kwargs={**kwargs, "fmt": fmt})), fmt.upper(), fmt))
    return out


def dcat_datasets(agency, absolute) -> list[DcatDataset]:
    if not _in_use(agency):
        return []
    today = timezone.localdate()
    year = fiscal_year(today)
    start, end = fiscal_year_bounds(year)
    slug = {"agency": agency.slug}
    out = []
    if SeizedItem.objects.for_agency(agency).exists():
        kwargs = {**slug, "year": year}
        out.append(
            DcatDataset(
                identifier=f"{agency.slug}-seized-goods-{year}",
                title=_("สถิติของกลางรายเดือน ปีงบประมาณ %(year)s") % {"year": year},
                description=_("จำนวนของกลางที่รับเข้า คืนเจ้าของ ส่งมอบ ขายทอดตลาดหรือทำลาย และคงเก็บรักษา รายเดือน"),
                landing=absolute(reverse("property_public:seized", kwargs=kwargs)),
                keywords=["ของกลาง", "เทศกิจ", "สถิติ"],
                distributions=_distributions(
                    absolute, "property_public:seized", "property_public:seized_download", kwargs
                ),
                data_type="ข้อมูลสถิติ",
                frequency="เดือน",
                issued=start,
                modified=today,
                temporal=(start, min(end, today)),
            )
        )
    if selectors.donations_of_year(agency, year).exists():
        kwargs = {**slug, "year": year}
        out.append(
            DcatDataset(
                identifier=f"{agency.slug}-donations-{year}",
                title=_("รายการของบริจาค ปีงบประมาณ %(year)s") % {"year": year},
                description=_("ของบริจาคที่หน่วยงานได้รับ มูลค่า วัตถุประสงค์ และการนำไปใช้ (ไม่มีข้อมูลส่วนบุคคลของผู้บริจาค)"),
                landing=absolute(reverse("property_public:donations", kwargs=kwargs)),
                keywords=["ของบริจาค", "ทรัพย์สิน"],
                distributions=_distributions(
                    absolute, "property_public:donations", "property_public:donations_download", kwargs
                ),
                data_type="ข้อมูลระเบียน",
                frequency="ปี",
                issued=start,
                modified=today,
                temporal=(start, end),
            )
        )
    return out


def public_links(agency) -> list[PublicLink]:
    if not _in_use(agency):
        return []
    return [
        PublicLink(reverse("property_public:index", kwargs={"agency": agency.slug}), _("ทรัพย์สินและของกลาง"))
    ]
