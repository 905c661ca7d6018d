"""Agencies, their departments, who works where in which role, the audit log and holidays."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "officer", _("เจ้าหน้าที่ฝ่าย")
    COORDINATOR = "coordinator", _("ผู้ประสานงานคุณธรรมและความโปร่งใส")
    DIRECTOR = "director", _("ผู้อำนวยการ")
    COMPLAINT_HANDLER = "complaint_handler", _("ผู้รับผิดชอบเรื่องร้องเรียน")
    AUDITOR = "auditor", _("ผู้ตรวจสอบ")


# First path segments of the site's own pages: an agency may not take one of these as its slug.
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "i18n",
        "login",
        "logout",
        "media",
        "password-reset",
        "report",
        "search",
        "static",
        "staff",
    }
    | {"tokens", "track"}
    | {"healthz"}
)


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("ชื่อนี้ระบบใช้อยู่แล้ว โปรดเลือกชื่ออื่น"))


class BilingualName(models.Model):
    """A Thai name (official) and an English one (shown when the reader chose English)."""

    name = models.CharField(_("ชื่อ"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Agency(BilingualName):
    class Kind(models.TextChoices):
        DISTRICT_OFFICE = "district_office", _("สำนักงานเขต")
        BUREAU = "bureau", _("สำนัก")
        OTHER = "other", _("หน่วยงานอื่น")

    slug = models.SlugField(
        _("ชื่อย่อในที่อยู่เว็บ"),
        max_length=50,
        unique=True,
        validators=[
            RegexValidator(r"^[a-z][a-z0-9-]*$", _("ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และขีด")),
            validate_not_reserved,
        ],
    )
    kind = models.CharField(_("ประเภท"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    parent_name = models.CharField(_("สังกัด"), max_length=200, blank=True)
    # A city (the BMA) over its districts: the parent's coordinator sees every child's figures and pushes
    # catalogues and deadlines to them, but changes nothing else inside a child.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("หน่วยงานต้นสังกัด"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # A deployment may serve an agency's public site on its own host name (pathumwan.example.go.th).
    host = models.CharField(_("ชื่อโฮสต์ของเว็บไซต์"), max_length=253, blank=True)
    is_active = models.BooleanField(_("เปิดใช้งาน"), default=True)
    # How numbers read on the agency's web pages in Thai; official documents (PDF, Word) follow the official
    # style whatever this says, and English pages always use Arabic digits.
    web_digits = models.CharField(
        _("ตัวเลขบนหน้าเว็บ"),
        max_length=10,
        choices=[("arabic", _("เลขอารบิก (0-9)")), ("thai", _("เลขไทย (๐-๙)"))],
        default="arabic",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When anything of this agency that the public sees last changed (set on every announce_public_change):
    # the public pages' Last-Modified and ETag come from it, so a CDN or a browser may keep a page until then.
    public_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("หน่วยงาน")
        verbose_name_plural = _("หน่วยงาน")
        constraints = [
            models.UniqueConstraint(
                fields=["host"], condition=~Q(host=""), name="agency_host_unique_when_set"
            )
        ]


class AgencyScopedQuerySet(models.QuerySet):
    """Every record belongs to one agency; reads go through for_agency()."""

    def for_agency(self, agency):
        return self.filter(agency=agency)


class Department(BilingualName):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="departments")
    code = models.SlugField(_("รหัส"), max_length=50)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    is_active = models.BooleanField(_("เปิดใช้งาน"), default=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "order", "name"]
        verbose_name = _("ฝ่าย")
        verbose_name_plural = _("ฝ่าย")
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="department_code_unique_in_agency"),
            models.UniqueConstraint(fields=["agency", "name"], name="department_name_unique_in_agency"),
        ]


class Membership(models.Model):
    """One role of one person in one agency; an officer's role names the departments it covers."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("บทบาท"), max_length=30, choices=Role.choices)
    departments = models.ManyToManyField(Department, blank=True, related_name="memberships")
    is_active = models.BooleanField(_("ใช้งาน"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("บทบาทของเจ้าหน้าที่")
        verbose_name_plural = _("บทบาทของเจ้าหน้าที่")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency.slug} · {self.role}"


class StaffPreference(models.Model):
    """What a staff member chose for themselves: today whether the system e-mails them about their work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_preference"
    )
    email_notifications = models.BooleanField(
        _("รับอีเมลแจ้งเตือนงาน"),
        default=True,
        help_text=_("รายงานที่ถูกส่งกลับหรือรับรองแล้ว รายการที่รอคุณอนุมัติ และงานที่ใกล้ครบกำหนด"),
    )

    class Meta:
        verbose_name = _("การตั้งค่าของเจ้าหน้าที่")
        verbose_name_plural = _("การตั้งค่าของเจ้าหน้าที่")

    def __str__(self) -> str:
        return str(self.user)


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("the audit log is append-only")

    def delete(self):
        raise TypeError("the audit log is append-only")


class AuditEntry(models.Model):
    """One staff write. Entries of a chain (one per agency, plus the platform's) are linked by hashes,
    so that editing or removing an old entry is detected by `prongsai audit-verify`."""

    class Action(models.TextChoices):
        CREATE = "create", _("สร้าง")
        CHANGE = "change", _("แก้ไข")
        WITHDRAW = "withdraw", _("ถอน/ยกเลิก")
        LOGIN = "login", _("เข้าสู่ระบบ")
        OTHER = "other", _("อื่น ๆ")

    chain = models.CharField(max_length=40, editable=False)
    seq = models.PositiveBigIntegerField(editable=False)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # PROTECT: a person who has written to the log cannot be deleted (nulling the actor would break the
    # chain); the admin deactivates such accounts instead. ``actor_name`` keeps the name as it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField()
    action = models.CharField(max_length=20, choices=Action.choices)
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["chain", "seq"]
        verbose_name = _("บันทึกการตรวจสอบ")
        verbose_name_plural = _("บันทึกการตรวจสอบ")
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq_unique")]
        indexes = [models.Index(fields=["agency", "-at"])]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action} {self.model}"

    def save(self, *args, **kwargs):
        # Append-only is a property of the data, so it is enforced here and not left to callers.
        if not self._state.adding:
            raise TypeError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("the audit log is append-only")


class Holiday(models.Model):
    """A day off: national (no agency) or of one agency only. Working-day arithmetic reads these."""

    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="holidays"
    )
    date = models.DateField(_("วันที่"))
    name = models.CharField(_("ชื่อวันหยุด"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("วันหยุด")
        verbose_name_plural = _("วันหยุด")
        constraints = [
            models.UniqueConstraint(
                fields=["date"], condition=Q(agency__isnull=True), name="holiday_national_unique_date"
            ),
            models.UniqueConstraint(fields=["agency", "date"], name="holiday_agency_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class StatusEvent(models.Model):
    """Every change of state of any record of the platform is one row: who, when, from, to and why.

    One model for every module (progress reports, OIT entries, e-service requests, complaints, loans, ...):
    timelines, statistics and notifications are read from these rows, and a module adds no event table of
    its own. A record points at its events with ``GenericRelation(StatusEvent)``. The actor is kept twice: the
    account (which may later be deactivated) and the name as it was, so a timeline never loses who acted.
    """

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField()
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30)
    note = models.TextField(blank=True)
    # What else the module wants to remember of the moment (a report's percent, a request's step).
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("การเปลี่ยนสถานะ")
        verbose_name_plural = _("การเปลี่ยนสถานะ")
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.from_state} -> {self.to_state}"
