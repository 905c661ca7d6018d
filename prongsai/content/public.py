"""What the content app gives the public read side (the provider interface, ``disclosure/providers.py``):
entries of the items of basic information (seed 01–07) generated from the agency's data, search documents,
and the public menu. An entry appears only when there is data behind it, so an empty page is never offered
as a disclosure.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.disclosure.providers import GeneratedEntry, PublicLink, SearchDocument
from prongsai.thai.fiscal import fiscal_year

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
from .selectors import structure


def _url(name: str, agency, fragment: str = "", **kwargs) -> str:
    return reverse(f"content_public:{name}", kwargs={"agency": agency.slug, **kwargs}) + fragment


def _latest(qs, field: str = "updated_at"):
    return qs.order_by(f"-{field}").values_list(field, flat=True).first()


def _structure(agency, source):
    executives = Executive.objects.for_agency(agency).filter(is_active=True)
    if not executives.exists() and not Staffing.objects.for_agency(agency).exists():
        return []
    return [
        GeneratedEntry(
            _("โครงสร้าง อัตรากำลัง และผู้บริหาร (แผนภูมิจากข้อมูลปัจจุบัน)"),
            _url("about", agency, "#structure"),
            frozenset({"page", "image"}),
            None,
            None,
            _latest(executives),
            source,
        )
    ]


def _executives(agency, source):
    executives = Executive.objects.for_agency(agency).filter(is_active=True)
    if not executives.exists():
        return []
    return [
        GeneratedEntry(
            _("ข้อมูลผู้บริหาร"),
            _url("about", agency, "#executives"),
            frozenset({"page"}),
            None,
            None,
            _latest(executives),
            source,
        )
    ]


def _powers(agency, source):
    profile = AgencyProfile.objects.filter(agency=agency).first()
    has_area = SubDistrict.objects.for_agency(agency).exists()
    if not ((profile and profile.powers) or has_area or PolicyLink.objects.for_agency(agency).exists()):
        return []
    return [
        GeneratedEntry(
            _("อำนาจหน้าที่ พื้นที่การปกครอง นโยบายและแผนพัฒนา"),
            _url("about", agency, "#powers"),
            frozenset({"page", "link"}),
            None,
            None,
            profile.updated_at if profile else None,
            source,
        )
    ]


def _area_plan(agency, source):
    profile = AgencyProfile.objects.filter(agency=agency).first()
    entries = []
    if profile and profile.area_plan_file:
        entries.append(
            GeneratedEntry(
                profile.area_plan_title or _("แผนพัฒนาเชิงพื้นที่"),
                _url("area_plan", agency),
                frozenset({"pdf"}),
                None,
                None,
                profile.updated_at,
                source,
            )
        )
    if (profile and profile.area_plan_url) or PolicyLink.objects.for_agency(agency).exists():
        entries.append(
            GeneratedEntry(
                _("แผนพัฒนาและนโยบาย (หน้าข้อมูลหน่วยงาน)"),
                _url("about", agency, "#plans"),
                frozenset({"page", "link"}),
                None,
                None,
                profile.updated_at if profile else None,
                source,
            )
        )
    return entries


def _laws(agency, source):
    laws = Law.objects.for_agency(agency).filter(is_active=True)
    if not laws.exists():
        return []
    return [
        GeneratedEntry(
            _("กฎหมายที่เกี่ยวข้อง จัดหมวดหมู่ตามฝ่าย"),
            _url("laws", agency),
            frozenset({"page", "link"}),
            None,
            None,
            _latest(laws),
            source,
        )
    ]


def _schools(agency, source):
    if not SchoolYear.objects.filter(school__agency=agency).exists():
        return []
    entries = [
        GeneratedEntry(
            _("โรงเรียนสังกัดกรุงเทพมหานครในพื้นที่ ครู นักเรียน และเงินอุดหนุน"),
            _url("schools", agency),
            frozenset({"page"}),
            None,
            None,
            None,
            source,
        )
    ]
    for fmt in ("pdf", "xlsx"):
        entries.append(
            GeneratedEntry(
                _("ข้อมูลโรงเรียน (%(fmt)s)") % {"fmt": fmt.upper()},
                _url("schools_download", agency, fmt=fmt),
                frozenset({fmt}),
                None,
                None,
                None,
                source,
            )
        )
    return entries


def _contact(agency, source):
    profile = AgencyProfile.objects.filter(agency=agency).first()
    if profile is None or not profile.has_contact:
        return []
    return [
        GeneratedEntry(
            _("ข้อมูลการติดต่อ และช่องทางการรับฟังความคิดเห็น"),
            _url("contact", agency),
            frozenset({"page", "link"}),
            None,
            None,
            profile.updated_at,
            source,
        )
    ]


def _qa(agency, source):
    profile = AgencyProfile.objects.filter(agency=agency).first()
    if profile is None or not profile.qa_url:
        return []
    return [
        GeneratedEntry(
            _("ถาม-ตอบ (Q&A)"),
            _url("contact", agency, "#participation"),
            frozenset({"page", "link"}),
            None,
            None,
            profile.updated_at,
            source,
        )
    ]


def _social(agency, source):
    profile = AgencyProfile.objects.filter(agency=agency).first()
    if profile is None or not (profile.facebook_url or profile.line_id or profile.social_lines):
        return []
    return [
        GeneratedEntry(
            _("ช่องทางสื่อสังคมออนไลน์"),
            _url("contact", agency, "#social"),
            frozenset({"page", "link"}),
            None,
            None,
            profile.updated_at,
            source,
        )
    ]


def _news(agency, source):
    latest = _latest(NewsPost.objects.for_agency(agency).published(), "publish_at")
    if latest is None:
        return []
    return [
        GeneratedEntry(
            _("ข่าวประชาสัมพันธ์และผลการดำเนินงาน"),
            _url("news", agency),
            frozenset({"page"}),
            None,
            None,
            latest,
            source,
        ),
        GeneratedEntry(
            _("ข่าวประชาสัมพันธ์ (RSS)"),
            _url("news_feed", agency),
            frozenset({"link"}),
            None,
            None,
            latest,
            source,
        ),
    ]


_BUILDERS = {
    "structure": _structure,
    "executives": _executives,
    "powers": _powers,
    "area_plan": _area_plan,
    "laws": _laws,
    "schools": _schools,
    "contact": _contact,
    "qa": _qa,
    "social": _social,
    "news": _news,
}


def _topic(builder):
    def entries(agency, item) -> list[GeneratedEntry]:
        return builder(agency, _("ข้อมูลพื้นฐานของหน่วยงานในระบบ"))

    return entries


# Topics a catalogue item names as "content.<topic>" (providers.py).
ITEMS = {name: _topic(builder) for name, builder in _BUILDERS.items()}


def public_links(agency) -> list[PublicLink]:
    kwargs = {"agency": agency.slug}
    return [
        PublicLink(reverse("content_public:about", kwargs=kwargs), _("เกี่ยวกับหน่วยงาน")),
        PublicLink(reverse("content_public:news", kwargs=kwargs), _("ข่าวประชาสัมพันธ์")),
        PublicLink(reverse("content_public:laws", kwargs=kwargs), _("กฎหมายที่เกี่ยวข้อง")),
        PublicLink(reverse("content_public:schools", kwargs=kwargs), _("โรงเรียน")),
        PublicLink(reverse("content_public:contact", kwargs=kwargs), _("ติดต่อเรา")),
    ]


def search_documents(agency):
    """News (published or scheduled: found from its date), laws in force, schools, serving executives."""
    for post in (
        NewsPost.objects.for_agency(agency).filter(status=NewsPost.Status.PUBLISHED).exclude(publish_at=None)
    ):
        yield SearchDocument(
            key=f"news:{post.pk}",
            kind="news",
            title=post.title,
            text=f"{post.summary}\n{post.body}",
            url=_url("news_detail", agency, slug=post.slug),
            year=fiscal_year(timezone.localdate(post.publish_at)),
            published_at=post.publish_at,
        )
    for law in Law.objects.for_agency(agency).filter(is_active=True).select_related("department"):
        yield SearchDocument(
            key=f"law:{law.pk}",
            kind="law",
            title=law.title,
            text=" ".join(filter(None, [law.category, law.department.name if law.department else ""])),
            url=_url("laws", agency, f"#law-{law.pk}"),
        )
    for school in School.objects.for_agency(agency):
        yield SearchDocument(
            key=f"school:{school.pk}",
            kind="school",
            title=school.name,
            text=school.address,
            url=_url("schools", agency, f"#school-{school.pk}"),
        )
    for person in Executive.objects.for_agency(agency).filter(is_active=True).select_related("department"):
        yield SearchDocument(
            key=f"executive:{person.pk}",
            kind="executive",
            title=person.name,
            text=" ".join(
                filter(None, [person.position, person.department.name if person.department else ""])
            ),
            url=_url("about", agency, f"#person-{person.pk}"),
        )


def _structure_figures(agency, item) -> dict:
    people = structure(agency)
    return {
        "director": people.director.name if people.director else "",
        "departments": [
            {
                "name": box.department.name,
                "name_en": box.department.name_en,
                "head": box.head.name if box.head else "",
            }
            for box in people.departments
        ],
    }


# The figures of the infographics this app draws (portal/infographics.py).
INFOGRAPHICS = {"structure": _structure_figures}
