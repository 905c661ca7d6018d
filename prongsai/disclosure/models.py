"""Disclosure (OIT): catalogues of items an agency must publish for a scheme and year, the agency's
assignments, and what it publishes for each item (files, links, pages) with versions and approval."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyScopedQuerySet, Department, StatusEvent


class Period(models.TextChoices):
    FISCAL_YEAR = "fiscal_year", _("ปีงบประมาณ")
    CALENDAR_YEAR = "calendar_year", _("ปีปฏิทิน")
    FIRST_SIX_MONTHS = "first_six_months", _("๖ เดือนแรกของปีงบประมาณ (รายเดือน)")
    MONTHLY = "monthly", _("รายเดือน")
    MULTI_YEAR = "multi_year", _("หลายปี ครอบคลุมปีนี้")
    CURRENT = "current", _("เป็นปัจจุบัน")


class Catalogue(models.Model):
    """One list of items for a scheme and year, e.g. BANGKOK ITA district 2566 or NACC 2566; data, not code."""

    scheme = models.SlugField(_("ชุดเกณฑ์"), max_length=50)
    year = models.PositiveSmallIntegerField(_("ปี (พ.ศ.)"))
    title = models.CharField(_("ชื่อ"), max_length=300)
    title_en = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-year", "scheme"]
        verbose_name = _("รายการตรวจ OIT")
        verbose_name_plural = _("รายการตรวจ OIT")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "year"], name="catalogue_unique_scheme_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def display_title(self) -> str:
        """The English title when the reader chose English and the catalogue has one."""
        return self.title_en if get_language() == "en" and self.title_en else self.title


class SubIndicator(models.Model):
    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="sub_indicators")
    code = models.CharField(max_length=10)
    title = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["catalogue", "order"]
        constraints = [models.UniqueConstraint(fields=["catalogue", "code"], name="subindicator_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def display_title(self) -> str:
        """The English title when the reader chose English and the catalogue has one."""
        return self.title_en if get_language() == "en" and self.title_en else self.title


class CatalogueItem(models.Model):
    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="items")
    sub_indicator = models.ForeignKey(SubIndicator, on_delete=models.PROTECT, related_name="items")
    code = models.CharField(_("รหัส"), max_length=10)  # "o01", lower-case as in URLs
    number = models.PositiveSmallIntegerField()
    title = models.TextField(_("ชื่อรายการ"))
    title_en = models.TextField(blank=True)
    requirements = models.JSONField(_("สิ่งที่ต้องมี"), default=list, blank=True)
    # Each group must be met by at least one published entry of one of its formats: [["pdf"], ["xlsx", "docx"]].
    formats = models.JSONField(_("รูปแบบที่ต้องการ"), default=list, blank=True)
    period = models.CharField(_("ช่วงเวลาที่ต้องครอบคลุม"), max_length=20, choices=Period.choices)
    department_names = models.JSONField(default=list, blank=True)  # as the catalogue names them; "*" = all
    deadline = models.DateField(_("กำหนดเผยแพร่"), null=True, blank=True)
    # What the item's infographic draws ("structure", "budget", "plan_progress", "notice", ...; "" = none).
    infographic = models.CharField(max_length=30, blank=True)
    # The providers whose data answers the item ("content.laws", "eservice.manuals"): see providers.py.
    providers = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    linked = models.ManyToManyField("self", blank=True, symmetrical=True)  # the crosswalk to other catalogues

    class Meta:
        ordering = ["catalogue", "number"]
        verbose_name = _("รายการ OIT")
        verbose_name_plural = _("รายการ OIT")
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="catalogueitem_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code.upper()} {self.title[:80]}"

    @property
    def display_title(self) -> str:
        """The English title when the reader chose English and the catalogue has one."""
        return self.title_en if get_language() == "en" and self.title_en else self.title


class Adoption(models.Model):
    """An agency answers to a catalogue; its items are assigned to departments."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="adoptions")
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="adoptions")
    adopted_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "catalogue"], name="adoption_unique")]

    def __str__(self) -> str:
        return f"{self.agency.slug} · {self.catalogue}"


class Assignment(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="oit_assignments")
    item = models.ForeignKey(CatalogueItem, on_delete=models.CASCADE, related_name="assignments")
    departments = models.ManyToManyField(Department, blank=True, related_name="oit_assignments")
    all_departments = models.BooleanField(default=False)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "item"], name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.agency.slug} · {self.item.code}"


class PublicationQuerySet(AgencyScopedQuerySet):
    def public(self, now):
        """What the public sees: an approved version, due, not withdrawn (a newer version may await approval)."""
        return self.filter(live_version__isnull=False, publish_at__lte=now).exclude(
            state=Publication.State.WITHDRAWN
        )


class Publication(models.Model):
    """One entry published for an item: a file, a link or a page written in the back office."""

    class Kind(models.TextChoices):
        FILE = "file", _("ไฟล์")
        LINK = "link", _("ลิงก์")
        PAGE = "page", _("หน้าเว็บ")

    class State(models.TextChoices):
        DRAFT = "draft", _("ร่าง")
        SUBMITTED = "submitted", _("รออนุมัติ")
        APPROVED = "approved", _("อนุมัติแล้ว")
        RETURNED = "returned", _("ส่งกลับแก้ไข")
        WITHDRAWN = "withdrawn", _("ถอนแล้ว")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="publications")
    events = GenericRelation(StatusEvent)
    item = models.ForeignKey(CatalogueItem, on_delete=models.PROTECT, related_name="publications")
    token = models.CharField(max_length=32, unique=True, editable=False)  # in public file addresses
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(_("ชื่อเรื่อง"), max_length=300)
    period_start = models.DateField(_("ข้อมูลตั้งแต่"), null=True, blank=True)
    period_end = models.DateField(_("ถึง"), null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    publish_at = models.DateTimeField(_("เผยแพร่เมื่อ"), null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The version the public sees: the latest approved one. A newer version waits for approval meanwhile.
    live_version = models.ForeignKey(
        "PublicationVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["item", "created_at"]
        verbose_name = _("รายการที่เผยแพร่")
        verbose_name_plural = _("รายการที่เผยแพร่")

    def __str__(self) -> str:
        return self.title

    @property
    def latest_version(self):
        return self.versions.order_by("-number").first()

    @property
    def submitter_id(self) -> int | None:
        """Who sent the version that awaits review (read from the prefetched versions, in number order)."""
        versions = list(self.versions.all())
        return versions[-1].created_by_id if versions else None


class PublicationVersion(models.Model):
    """The content of an entry at one moment; a new file, link or text is a new version, the old ones stay."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to="oit/%Y/", blank=True)
    file_format = models.CharField(max_length=10, blank=True)  # pdf, docx, xlsx, csv, image
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(max_length=1000, blank=True)
    body = models.TextField(blank=True)  # a page written in the back office (plain text, shown escaped)
    # The text inside the file, read by the worker after the upload (search finds entries by it).
    file_text = models.TextField(blank=True, editable=False)
    file_text_state = models.CharField(max_length=12, blank=True, editable=False)  # pending, done, unreadable
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["publication", "number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="version_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.publication} v{self.number}"
