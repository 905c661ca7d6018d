"""Services an agency offers (the manual the Licensing Facilitation Act requires), the requests people make,
their documents and their ratings.

A request's history is the platform's one status-event model (``agencies.StatusEvent``): every change of
state is a row with who, when and why, and the timeline, the due dates, "late" and the statistics are all
computed from those rows and the service's steps. ``received_at`` and ``closed_at`` are the times of the
first and the closing event, written in the same transaction as those events: kept on the row so that a
month of a fiscal year is one index range, not a scan of every event.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyScopedQuerySet, Department, StatusEvent

# Words of the public addresses under /<agency>/services/ that a service slug may not take.
RESERVED_SERVICE_SLUGS = frozenset({"statistics", "building-permits", "signboards", "new"})


def _not_reserved(value: str) -> None:
    from django.core.exceptions import ValidationError

    if value in RESERVED_SERVICE_SLUGS:
        raise ValidationError(_("ชื่อนี้ระบบใช้อยู่แล้ว โปรดเลือกชื่ออื่น"))


class ServiceKind(models.TextChoices):
    PERMIT = "permit", _("การขออนุญาต")
    REGISTRATION = "registration", _("งานทะเบียน")
    CARD = "card", _("บัตรและหนังสือรับรอง")
    TAX = "tax", _("ภาษีและค่าธรรมเนียม")
    COMPLAINT = "complaint", _("เรื่องร้องเรียนและแจ้งเหตุ")
    OTHER = "other", _("บริการอื่น")


class ReportGroup(models.TextChoices):
    """Which public register (OIT items 15 and 16) the approved requests of a service go into."""

    NONE = "", _("ไม่มี")
    BUILDING_PERMIT = "building_permit", _("ใบอนุญาตก่อสร้างอาคาร")
    SIGNBOARD = "signboard", _("ป้ายและภาษีป้าย")


class ServiceQuerySet(AgencyScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Service(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="services")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="services")
    slug = models.SlugField(
        _("ชื่อในที่อยู่เว็บ"),
        max_length=60,
        validators=[
            RegexValidator(r"^[a-z][a-z0-9-]*$", _("ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก ตัวเลข และขีด")),
            _not_reserved,
        ],
    )
    name = models.CharField(_("ชื่องานบริการ"), max_length=200)
    name_en = models.CharField(_("ชื่อภาษาอังกฤษ"), max_length=200, blank=True)
    kind = models.CharField(
        _("ประเภท"), max_length=20, choices=ServiceKind.choices, default=ServiceKind.OTHER
    )
    summary = models.TextField(_("คำอธิบายโดยย่อ"), blank=True)
    legal_basis = models.TextField(_("กฎหมายที่ให้อำนาจการอนุญาตหรือที่เกี่ยวข้อง"), blank=True)
    conditions = models.TextField(_("หลักเกณฑ์ วิธีการ เงื่อนไข"), blank=True)
    where = models.TextField(_("สถานที่และช่องทางการให้บริการ"), blank=True)
    hours = models.CharField(_("ระยะเวลาเปิดให้บริการ"), max_length=200, blank=True)
    complaint_channel = models.TextField(_("ช่องทางการร้องเรียน"), blank=True)
    accepts_online = models.BooleanField(_("ยื่นคำขอออนไลน์ได้"), default=True)
    asks_id_number = models.BooleanField(_("ต้องใช้เลขประจำตัวประชาชน"), default=False)
    report_group = models.CharField(
        _("ทะเบียนที่เผยแพร่"), max_length=30, choices=ReportGroup.choices, default="", blank=True
    )
    is_published = models.BooleanField(_("เผยแพร่"), default=True)
    order = models.PositiveSmallIntegerField(_("ลำดับ"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["agency", "department__order", "order", "name"]
        verbose_name = _("งานบริการ")
        verbose_name_plural = _("งานบริการ")
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="service_slug_unique_in_agency"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class ServiceStep(models.Model):
    """One step of the service's standard, with the working days it may take (the manual's table)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.CharField(_("ขั้นตอน"), max_length=300)
    description = models.TextField(_("รายละเอียด"), blank=True)
    working_days = models.PositiveSmallIntegerField(
        _("ระยะเวลา (วันทำการ)"), validators=[MinValueValidator(0), MaxValueValidator(365)]
    )
    # Where the request goes for this step; empty: the service's own department.
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่าย")
    )

    class Meta:
        ordering = ["service", "order"]
        constraints = [models.UniqueConstraint(fields=["service", "order"], name="service_step_order_unique")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class ServiceDocument(models.Model):
    """A document the applicant brings (or uploads when applying online)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    name = models.CharField(_("เอกสาร"), max_length=300)
    copies = models.CharField(_("จำนวน"), max_length=100, blank=True)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    required = models.BooleanField(_("ต้องมี"), default=True)

    class Meta:
        ordering = ["service", "order"]
        constraints = [
            models.UniqueConstraint(fields=["service", "order"], name="service_document_order_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    """What the officer checks before accepting (OIT item 13)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="checklist")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    text = models.CharField(_("รายการตรวจ"), max_length=400)

    class Meta:
        ordering = ["service", "order"]
        constraints = [models.UniqueConstraint(fields=["service", "order"], name="checklist_order_unique")]

    def __str__(self) -> str:
        return self.text


class ServiceFee(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="fees")
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    label = models.CharField(_("รายการค่าธรรมเนียม"), max_length=300)
    amount = models.DecimalField(_("จำนวนเงิน (บาท)"), max_digits=12, decimal_places=2)
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)

    class Meta:
        ordering = ["service", "order"]
        constraints = [
            models.UniqueConstraint(fields=["service", "order"], name="service_fee_order_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="service_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return self.label


class State(models.TextChoices):
    RECEIVED = "received", _("ได้รับคำขอแล้ว")
    NEEDS_DOCUMENTS = "needs_documents", _("รอเอกสารเพิ่มเติม")
    ACCEPTED = "accepted", _("รับเรื่องแล้ว")
    IN_STEP = "in_step", _("อยู่ระหว่างดำเนินการ")
    APPROVED = "approved", _("อนุมัติ/อนุญาตแล้ว")
    REFUSED = "refused", _("ไม่อนุมัติ")
    COMPLETED = "completed", _("เสร็จสิ้น")


OPEN_STATES = frozenset(
    {State.RECEIVED, State.NEEDS_DOCUMENTS, State.ACCEPTED, State.IN_STEP, State.APPROVED}
)
CLOSED_STATES = frozenset({State.REFUSED, State.COMPLETED})


class Channel(models.TextChoices):
    ONLINE = "online", _("ยื่นออนไลน์")
    COUNTER = "counter", _("ยื่นที่จุดบริการ")
    TRAFFY = "traffy", _("Traffy Fondue")
    BMA_PORTAL = "bma_portal", _("ระบบ e-Service ของกรุงเทพมหานคร")
    PAPER = "paper", _("หนังสือ/ไปรษณีย์")


class Request(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="service_requests")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="requests")
    # Public identifiers: random (agencies.codes), never the id. The receipt token opens the applicant's own
    # page (receipt, uploads); the rating token, printed on the receipt, allows one rating.
    code = models.CharField(_("รหัสติดตาม"), max_length=12, unique=True)
    receipt_token = models.CharField(max_length=32, unique=True)
    rating_token = models.CharField(max_length=32, unique=True)
    state = models.CharField(_("สถานะ"), max_length=20, choices=State.choices, default=State.RECEIVED)
    step = models.PositiveSmallIntegerField(_("ขั้นตอนปัจจุบัน"), null=True, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่ายที่ดำเนินการ")
    )
    channel = models.CharField(_("ช่องทาง"), max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    outside_reference = models.CharField(_("เลขอ้างอิงของช่องทางอื่น"), max_length=100, blank=True)
    # Personal data (PDPA): what the service needs, never on a public page.
    applicant_name = models.CharField(_("ชื่อ-นามสกุลผู้ยื่นคำขอ"), max_length=200)
    applicant_phone = models.CharField(_("โทรศัพท์"), max_length=30, blank=True)
    applicant_email = models.EmailField(_("อีเมล"), blank=True)
    applicant_id_number = models.CharField(_("เลขประจำตัวประชาชน"), max_length=13, blank=True)
    details = models.TextField(_("รายละเอียดคำขอ"), blank=True)
    received_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    # What the approval issued, for the public registers (OIT 15 and 16): no personal data in these.
    permit_number = models.CharField(_("เลขที่ใบอนุญาต"), max_length=50, blank=True)
    public_summary = models.CharField(_("สรุปที่เผยแพร่ได้ (ไม่มีข้อมูลส่วนบุคคล)"), max_length=300, blank=True)
    area_sqm = models.DecimalField(
        _("พื้นที่ (ตารางเมตร)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount = models.DecimalField(
        _("ค่าธรรมเนียม/ภาษีที่ชำระ (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    rating = models.PositiveSmallIntegerField(
        _("ความพึงพอใจ"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("ความคิดเห็น"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    events = GenericRelation(StatusEvent)
    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("คำขอรับบริการ")
        verbose_name_plural = _("คำขอรับบริการ")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="request_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="request_amount_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "received_at"]),
            models.Index(fields=["agency", "closed_at"]),
            models.Index(fields=["agency", "department", "state"]),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES


def document_path(instance, filename: str) -> str:
    # The stored name is random (uploads.random_name); the folder says nothing about the person.
    return f"eservice/requests/{filename}"


class RequestDocument(models.Model):
    """A file the applicant (or the officer, for a paper request) attached. Never public."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        ServiceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to=document_path)
    original_name = models.CharField(max_length=255)
    file_kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["request", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
