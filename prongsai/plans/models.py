"""An agency's plans (the integrity measures of a fiscal year, and plans of the same shape such as the
anti-corruption action plan), their indicators, activities and the monthly progress reports with evidence."""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyScopedQuerySet, Department, StatusEvent


class PlanQuerySet(AgencyScopedQuerySet):
    def published(self):
        """What the public sees: plans marked published whose import review is finished (a plan with an
        open warning is in use inside the office, but nobody outside sees it yet)."""
        return self.filter(is_published=True).exclude(import_warnings__state=ImportWarning.State.OPEN)


class Plan(models.Model):
    class Kind(models.TextChoices):
        INTEGRITY = "integrity", _("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
        ANTI_CORRUPTION = "anti_corruption", _("แผนปฏิบัติการป้องกันการทุจริต")
        SERVICE_EFFICIENCY = "service_efficiency", _("แผนพัฒนาประสิทธิภาพการให้บริการ")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(_("ประเภทแผน"), max_length=30, choices=Kind.choices, default=Kind.INTEGRITY)
    fiscal_year = models.PositiveSmallIntegerField(
        _("ปีงบประมาณ (พ.ศ.)"), validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    title = models.CharField(_("ชื่อแผน"), max_length=500)
    source_name = models.CharField(_("ไฟล์ต้นฉบับ"), max_length=255, blank=True)
    # The budget table that the integrity plan embeds, kept as read until the finance module takes it over.
    budget_report = models.JSONField(null=True, blank=True)
    is_published = models.BooleanField(_("เผยแพร่ต่อสาธารณะ"), default=True)
    # The plan this one was started from ("start the FY2567 plan from FY2566").
    started_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-fiscal_year", "kind"]
        verbose_name = _("แผน")
        verbose_name_plural = _("แผน")
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "fiscal_year"], name="plan_unique_kind_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.fiscal_year})"

    @property
    def ref(self) -> str:
        """How addresses name the plan: "2566" for the integrity plan, "2566-anti-corruption" for the others."""
        if self.kind == self.Kind.INTEGRITY:
            return str(self.fiscal_year)
        return f"{self.fiscal_year}-{self.kind.replace('_', '-')}"

    @classmethod
    def parse_ref(cls, ref) -> tuple[int, str] | None:
        match = re.fullmatch(r"(\d{4})(?:-([a-z-]+))?", str(ref))
        if not match:
            return None
        kind = (match.group(2) or cls.Kind.INTEGRITY).replace("-", "_")
        return (int(match.group(1)), kind) if kind in cls.Kind.values else None


class Indicator(models.Model):
    """An indicator ("1".."10") or a sub-indicator ("9.1"), whose parent is the indicator."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    number = models.CharField(_("ตัวชี้วัดที่"), max_length=10)
    title = models.CharField(_("ตัวชี้วัด"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("ตัวชี้วัด")
        verbose_name_plural = _("ตัวชี้วัด")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="indicator_unique_number")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ActivityQuerySet(models.QuerySet):
    def for_agency(self, agency):
        return self.filter(plan__agency=agency)

    def current(self):
        return self.filter(withdrawn_at__isnull=True)

    def for_departments(self, department_ids):
        return self.filter(Q(all_departments=True) | Q(departments__in=department_ids)).distinct()


class Activity(models.Model):
    """One row of the plan: what is done, by whom, by when, and how it is made known."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    indicator = models.ForeignKey(
        Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    # The identity across re-imports: indicator, focus and activity text, normalised.
    key = models.CharField(max_length=64, editable=False)
    oit_code = models.CharField(_("รหัสรายการ OIT"), max_length=10, blank=True)
    focus = models.TextField(_("ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ"), blank=True)
    name = models.TextField(_("กิจกรรมที่จะดำเนินการ"), blank=True)
    output = models.TextField(_("ผลผลิต"), blank=True)
    target_count = models.PositiveIntegerField(_("เป้าหมาย (จำนวน)"), null=True, blank=True)
    target_unit = models.CharField(_("หน่วยนับ"), max_length=50, blank=True)
    target_per = models.CharField(_("ต่อ"), max_length=50, blank=True)
    channels = models.JSONField(_("วิธีการสร้างการรับรู้"), default=list, blank=True)
    due_date = models.DateField(_("ระยะเวลาแล้วเสร็จ"), null=True, blank=True)
    due_text = models.CharField(_("ระยะเวลาแล้วเสร็จ (ตามเอกสาร)"), max_length=300, blank=True)
    departments = models.ManyToManyField(Department, blank=True, related_name="activities")
    all_departments = models.BooleanField(_("ทุกฝ่าย"), default=False)
    monitoring_months = models.PositiveSmallIntegerField(_("กำกับติดตามทุก (เดือน)"), null=True, blank=True)
    monitoring_text = models.CharField(_("ระยะเวลากำกับติดตาม"), max_length=100, blank=True)
    # Every cell of the row as the document wrote it (keys: parser.COLUMNS). The official outputs print
    # these; the fields above are what the system computes with. Empty for activities written in the
    # back office, whose fields are their text.
    cells = models.JSONField(_("ข้อความตามเอกสาร"), default=dict, blank=True)
    appendix = models.BooleanField(_("ภาคผนวก"), default=False)
    order = models.PositiveIntegerField(default=0)
    source_line = models.PositiveIntegerField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("กิจกรรม")
        verbose_name_plural = _("กิจกรรม")
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="activity_unique_key")]

    def __str__(self) -> str:
        return (self.oit_code.upper() + " " if self.oit_code else "") + (self.name or self.focus)[:120]

    @property
    def title(self) -> str:
        return self.name or self.focus


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("ดำเนินการแล้วเสร็จ")
    DELAYED = "delayed", _("ล่าช้า")
    CANCELLED = "cancelled", _("ยกเลิก")


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", _("รอตรวจ")
    ACCEPTED = "accepted", _("รับรองแล้ว")
    RETURNED = "returned", _("ส่งกลับแก้ไข")


class ProgressReport(models.Model):
    """The report of one activity for one month (period = the first day of that month)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="reports")
    events = GenericRelation(StatusEvent)
    period = models.DateField(_("รอบเดือน"))
    status = models.CharField(_("สถานะ"), max_length=20, choices=ProgressStatus.choices)
    percent = models.PositiveSmallIntegerField(_("ร้อยละความคืบหน้า"), validators=[MaxValueValidator(100)])
    narrative = models.TextField(_("ผลการดำเนินงาน"), blank=True)
    review_state = models.CharField(max_length=20, choices=ReviewState.choices, default=ReviewState.SUBMITTED)
    review_comment = models.TextField(_("ความเห็นผู้ตรวจ"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["activity", "period"]
        verbose_name = _("รายงานความคืบหน้า")
        verbose_name_plural = _("รายงานความคืบหน้า")
        constraints = [
            models.UniqueConstraint(fields=["activity", "period"], name="report_unique_period"),
            models.CheckConstraint(condition=Q(percent__lte=100), name="report_percent_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} · {self.period:%Y-%m}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("ไฟล์")
        LINK = "link", _("ลิงก์")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(_("ชื่อหลักฐาน"), max_length=300)
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    url = models.URLField(_("ลิงก์"), max_length=1000, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["report", "uploaded_at"]
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")

    def __str__(self) -> str:
        return self.title


class ReminderSent(models.Model):
    """Which reminder went out, so that the daily run sends each one once."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    period = models.DateField()
    kind = models.CharField(max_length=20)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "period", "kind"], name="reminder_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.activity_id} {self.period}"


class ImportWarning(models.Model):
    """Something the importer could not read or that looks wrong, kept with the plan until the coordinator
    has resolved it. A plan with an open warning is not published."""

    class State(models.TextChoices):
        OPEN = "open", _("รอตรวจ")
        RESOLVED = "resolved", _("แก้ไขแล้ว")
        ACCEPTED = "accepted", _("ยืนยันตามเอกสาร")

    class Kind(models.TextChoices):
        ORPHAN = "orphan", _("แถวที่ไม่ทราบตัวชี้วัด")
        DEPARTMENT = "department", _("ผู้รับผิดชอบ")
        AGENCY = "agency", _("ชื่อหน่วยงานอื่น")
        BUDGET = "budget", _("รายงานงบประมาณ")
        DATE = "date", _("วันที่แล้วเสร็จ")
        TRUNCATED = "truncated", _("ไฟล์ไม่ครบ")
        OTHER = "other", _("อื่น ๆ")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="import_warnings")
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_warnings"
    )
    events = GenericRelation(StatusEvent)
    # The same warning in a later import of the file (kind, text, reason, subject; not the line, which moves
    # when rows are added above): its resolution is carried over and applied again.
    signature = models.CharField(max_length=64)
    line = models.PositiveIntegerField(_("บรรทัด"), default=0)
    kind = models.CharField(_("ประเภท"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    text = models.TextField(_("ข้อความ"), blank=True)
    reason = models.TextField(_("เหตุผล"))
    subject = models.CharField(max_length=300, blank=True)
    state = models.CharField(_("สถานะ"), max_length=20, choices=State.choices, default=State.OPEN)
    resolution = models.TextField(_("การแก้ไข"), blank=True)
    # What the resolution did, to be done again when the same file is imported again.
    data = models.JSONField(default=dict, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "line", "pk"]
        verbose_name = _("ข้อสังเกตจากการนำเข้า")
        verbose_name_plural = _("ข้อสังเกตจากการนำเข้า")

    def __str__(self) -> str:
        return f"{self.line}: {self.reason[:80]}"


class MemoSettings(models.Model):
    """How an agency's official memos (บันทึกข้อความ) are headed and signed, and the font of its Word files."""

    class Font(models.TextChoices):
        TH_SARABUN_NEW = "TH Sarabun New", "TH Sarabun New"
        TH_SARABUN_PSK = "TH SarabunPSK", "TH SarabunPSK"
        TH_SARABUN_IT9 = "TH SarabunIT๙", "TH SarabunIT๙"

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="memo_settings")
    office = models.CharField(
        _("ส่วนราชการ"),
        max_length=300,
        blank=True,
        help_text=_("เช่น ฝ่ายปกครอง สำนักงานเขตปทุมวัน โทร ๐ ๒๒๑๔ ๑๒๓๔"),
    )
    number_prefix = models.CharField(
        _("ที่ (เลขหนังสือ)"), max_length=100, blank=True, help_text=_("เช่น กท ๑๔๐๑/")
    )
    signer_name = models.CharField(_("ชื่อผู้ลงนาม"), max_length=200, blank=True)
    signer_position = models.CharField(_("ตำแหน่งผู้ลงนาม"), max_length=200, blank=True)
    font = models.CharField(
        _("แบบอักษรในไฟล์ Word"), max_length=30, choices=Font.choices, default=Font.TH_SARABUN_NEW
    )
    emblem = models.FileField(_("ตราครุฑ (PNG หรือ JPEG)"), upload_to="emblems/", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("การตั้งค่าบันทึกข้อความ")
        verbose_name_plural = _("การตั้งค่าบันทึกข้อความ")

    def __str__(self) -> str:
        return str(self.agency)
