"""The agency's public site: structure and executives, area and powers, laws, schools, contacts and news.

Every record belongs to one agency. Names and contacts of executives are public by nature; no citizen's
personal data is kept here. Files (photos, attachments) go through the storage API under random names.
"""

from __future__ import annotations

import secrets

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyScopedQuerySet, Department


def new_token() -> str:
    return secrets.token_urlsafe(12)


def photo_path(instance, filename: str) -> str:
    # The service passes a random name (uploads.random_name); only the folder is decided here.
    return f"content/photos/{filename}"


def file_path(instance, filename: str) -> str:
    return f"content/files/{filename}"


class AgencyProfile(models.Model):
    """One per agency: legal powers, area facts, the area plan and the contact details (items 02, 03, 06)."""

    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="content_profile")
    powers = models.TextField(_("อำนาจหน้าที่"), blank=True)
    area_km2 = models.DecimalField(
        _("พื้นที่ (ตร.กม.)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    population = models.PositiveIntegerField(_("จำนวนประชากร"), null=True, blank=True)
    households = models.PositiveIntegerField(_("จำนวนบ้าน/ครัวเรือน"), null=True, blank=True)
    facts_as_of = models.DateField(_("ข้อมูล ณ วันที่"), null=True, blank=True)
    area_plan_title = models.CharField(_("ชื่อแผนพัฒนาเชิงพื้นที่"), max_length=300, blank=True)
    area_plan_file = models.FileField(_("ไฟล์แผนพัฒนาเชิงพื้นที่ (PDF)"), upload_to=file_path, blank=True)
    area_plan_url = models.URLField(_("ลิงก์แผนพัฒนาเชิงพื้นที่"), blank=True)
    address = models.TextField(_("ที่อยู่"), blank=True)
    map_url = models.URLField(_("ลิงก์แผนที่"), blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    fax = models.CharField(_("โทรสาร"), max_length=100, blank=True)
    email = models.EmailField(_("อีเมล"), blank=True)
    website = models.URLField(_("เว็บไซต์"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    line_id = models.CharField(_("LINE"), max_length=100, blank=True)
    other_social = models.TextField(_("ช่องทางสื่อสังคมอื่น (บรรทัดละหนึ่งช่องทาง)"), blank=True)
    opening_hours = models.TextField(_("วันและเวลาทำการ"), blank=True)
    qa_url = models.URLField(_("ลิงก์ถาม-ตอบ (Q&A)"), blank=True)
    feedback_url = models.URLField(_("ลิงก์รับฟังความคิดเห็น"), blank=True)
    complaints_url = models.URLField(_("ลิงก์ร้องเรียน"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ข้อมูลพื้นฐานของหน่วยงาน")
        verbose_name_plural = _("ข้อมูลพื้นฐานของหน่วยงาน")

    def __str__(self) -> str:
        return f"{self.agency.slug} profile"

    @property
    def has_contact(self) -> bool:
        return bool(self.address or self.phone or self.email)

    @property
    def social_lines(self) -> list[str]:
        return [line.strip() for line in self.other_social.splitlines() if line.strip()]


class Executive(models.Model):
    """A person in an official position: the director, a deputy, a department head, a BMA executive or a
    council member of the area. Only official contacts are stored."""

    class Kind(models.TextChoices):
        DIRECTOR = "director", _("ผู้อำนวยการ")
        DEPUTY = "deputy", _("ผู้ช่วย/รองผู้อำนวยการ")
        HEAD = "head", _("หัวหน้าฝ่าย")
        BMA = "bma", _("ผู้บริหารกรุงเทพมหานคร")
        COUNCIL = "council", _("สมาชิกสภากรุงเทพมหานคร (ส.ก.)")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="executives")
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices)
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="executives",
        verbose_name=_("ฝ่าย"),
    )
    name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200)
    position = models.CharField(_("ตำแหน่ง"), max_length=300)
    phone = models.CharField(_("โทรศัพท์ที่ทำงาน"), max_length=100, blank=True)
    email = models.EmailField(_("อีเมลที่ทำงาน"), blank=True)
    photo = models.FileField(_("ภาพถ่าย"), upload_to=photo_path, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    is_active = models.BooleanField(_("ดำรงตำแหน่งอยู่"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "kind", "order", "pk"]
        verbose_name = _("ผู้บริหาร")
        verbose_name_plural = _("ผู้บริหาร")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="head", department__isnull=False) | ~Q(kind="head"),
                name="executive_head_has_department",
            ),
            models.UniqueConstraint(
                fields=["agency", "department"],
                condition=Q(kind="head", is_active=True),
                name="executive_one_active_head_per_department",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.position})"

    @property
    def photo_name(self) -> str:
        return self.photo.name.rsplit("/", 1)[-1] if self.photo else ""


class Staffing(models.Model):
    """Staffing of one department: positions in the framework and positions filled."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="staffing")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="staffing")
    positions = models.PositiveIntegerField(_("อัตรากำลังตามกรอบ"))
    filled = models.PositiveIntegerField(_("มีคนครอง"))
    as_of = models.DateField(_("ข้อมูล ณ วันที่"), null=True, blank=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "department__order"]
        verbose_name = _("อัตรากำลัง")
        verbose_name_plural = _("อัตรากำลัง")
        constraints = [
            models.UniqueConstraint(fields=["agency", "department"], name="staffing_one_per_department"),
            models.CheckConstraint(
                condition=Q(filled__lte=models.F("positions")), name="staffing_filled_le_positions"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.filled}/{self.positions}"

    @property
    def vacant(self) -> int:
        return self.positions - self.filled


class SubDistrict(models.Model):
    """A แขวง of the area the agency governs."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="subdistricts")
    name = models.CharField(_("ชื่อแขวง"), max_length=200)
    area_km2 = models.DecimalField(
        _("พื้นที่ (ตร.กม.)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    communities = models.PositiveIntegerField(_("จำนวนชุมชน"), null=True, blank=True)
    population = models.PositiveIntegerField(_("จำนวนประชากร"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "order", "name"]
        verbose_name = _("แขวง")
        verbose_name_plural = _("แขวง")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="subdistrict_unique_name")]

    def __str__(self) -> str:
        return self.name


class PolicyLink(models.Model):
    """A link to a policy or a development plan of the city (the governor's policy, the 20-year plan)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="policy_links")
    title = models.CharField(_("ชื่อ"), max_length=300)
    url = models.URLField(_("ลิงก์"))
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "order", "pk"]
        verbose_name = _("ลิงก์นโยบายและแผน")
        verbose_name_plural = _("ลิงก์นโยบายและแผน")

    def __str__(self) -> str:
        return self.title


class Law(models.Model):
    """A law or regulation the agency applies, in a group named after the department that applies it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="laws")
    department = models.ForeignKey(
        Department,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="laws",
        verbose_name=_("ฝ่าย"),
    )
    category = models.CharField(_("หมวด"), max_length=200, help_text=_("เช่น กฎหมายส่วนการปกครอง"))
    title = models.CharField(_("ชื่อกฎหมาย/ระเบียบ"), max_length=500)
    issued_on = models.DateField(_("วันที่ประกาศ"), null=True, blank=True)
    url = models.URLField(_("ลิงก์"), blank=True)
    file = models.FileField(_("ไฟล์"), upload_to=file_path, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    is_active = models.BooleanField(_("ใช้บังคับอยู่"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "category", "order", "title"]
        verbose_name = _("กฎหมายที่เกี่ยวข้อง")
        verbose_name_plural = _("กฎหมายที่เกี่ยวข้อง")

    def __str__(self) -> str:
        return self.title


class School(models.Model):
    """A school under the city in the agency's area."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="schools")
    name = models.CharField(_("ชื่อโรงเรียน"), max_length=300)
    address = models.CharField(_("ที่ตั้ง"), max_length=500, blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "order", "name"]
        verbose_name = _("โรงเรียน")
        verbose_name_plural = _("โรงเรียน")
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="school_unique_name")]

    def __str__(self) -> str:
        return self.name


class SchoolYear(models.Model):
    """Teachers, students and subsidies of one school in one fiscal year (BE)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"), validators=[MinValueValidator(2500)])
    teachers = models.PositiveIntegerField(_("จำนวนครู"))
    students = models.PositiveIntegerField(_("จำนวนนักเรียน"))
    subsidy = models.DecimalField(
        _("เงินอุดหนุน (บาท)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["school__order", "school__name", "-year"]
        verbose_name = _("ข้อมูลโรงเรียนรายปี")
        verbose_name_plural = _("ข้อมูลโรงเรียนรายปี")
        constraints = [
            models.UniqueConstraint(fields=["school", "year"], name="schoolyear_one_per_year"),
            models.CheckConstraint(condition=Q(subsidy__gte=0), name="schoolyear_subsidy_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.year}"


class NewsQuerySet(AgencyScopedQuerySet):
    def published(self, now=None):
        """What the public sees: published, and due (a post scheduled for tomorrow is not seen today)."""
        return self.filter(status=NewsPost.Status.PUBLISHED, publish_at__lte=now or timezone.now())


class NewsPost(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("ฉบับร่าง")
        PUBLISHED = "published", _("เผยแพร่ (ตามวันเวลาที่กำหนด)")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="news")
    slug = models.SlugField(max_length=40, unique=True, editable=False)
    title = models.CharField(_("หัวข้อข่าว"), max_length=300)
    summary = models.TextField(_("สรุปย่อ"), blank=True)
    body = models.TextField(_("เนื้อหา"))
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(_("วันเวลาเผยแพร่"), null=True, blank=True)
    # The plan activity this news reports, as a provider reference ("plans.activity:12"): content does not
    # depend on the plans module; a reference whose activity is gone is simply not shown.
    activity_ref = models.CharField(_("กิจกรรมตามแผนที่ข่าวนี้รายงาน"), max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-created_at"]
        verbose_name = _("ข่าวประชาสัมพันธ์")
        verbose_name_plural = _("ข่าวประชาสัมพันธ์")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="news_published_has_date",
            )
        ]
        indexes = [models.Index(fields=["agency", "status", "-publish_at"])]

    def __str__(self) -> str:
        return self.title

    def state(self, now=None) -> str:
        """draft, scheduled or published: scheduled is computed, never stored."""
        if self.status == self.Status.DRAFT:
            return "draft"
        return "scheduled" if self.publish_at > (now or timezone.now()) else "published"


class NewsPhoto(models.Model):
    post = models.ForeignKey(NewsPost, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path)
    alt = models.CharField(_("คำอธิบายภาพ"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.alt

    @property
    def photo_name(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class NewsAttachment(models.Model):
    post = models.ForeignKey(NewsPost, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=file_path)
    title = models.CharField(_("ชื่อเอกสาร"), max_length=300)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title
