"""Public property (indicator 4, item 29): the asset register, loans and bookings, donations, the custody of
seized goods (ของกลาง) and the periodic stock-take.

State changes of assets, loans and seized items are rows of ``agencies.StatusEvent`` (through
``status_change``). The custody chain of a seized item is append-only: an event and each of its two
signatures are rows that are never changed or deleted; the item's holder and place change only when an
event has its second signature (``services.custody_sign``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyScopedQuerySet, Department, StatusEvent


class Category(models.TextChoices):
    # The groups of ครุภัณฑ์ in the Comptroller General's classification, those a district office holds.
    OFFICE = "office", _("ครุภัณฑ์สำนักงาน")
    COMPUTER = "computer", _("ครุภัณฑ์คอมพิวเตอร์")
    VEHICLE = "vehicle", _("ครุภัณฑ์ยานพาหนะและขนส่ง")
    ELECTRICAL = "electrical", _("ครุภัณฑ์ไฟฟ้าและวิทยุ")
    ADVERTISING = "advertising", _("ครุภัณฑ์โฆษณาและเผยแพร่")
    CONSTRUCTION = "construction", _("ครุภัณฑ์ก่อสร้าง")
    HOUSEHOLD = "household", _("ครุภัณฑ์งานบ้านงานครัว")
    SPORTS = "sports", _("ครุภัณฑ์กีฬา")
    OTHER = "other", _("ครุภัณฑ์อื่น")


class Source(models.TextChoices):
    BUDGET = "budget", _("เงินงบประมาณ")
    DONATION = "donation", _("รับบริจาค")
    TRANSFER = "transfer", _("รับโอน")


class Condition(models.TextChoices):
    GOOD = "good", _("ดี")
    FAIR = "fair", _("พอใช้")
    DAMAGED = "damaged", _("ชำรุด")
    UNUSABLE = "unusable", _("ใช้การไม่ได้")


class AssetStatus(models.TextChoices):
    AVAILABLE = "available", _("พร้อมใช้งาน")
    ON_LOAN = "on_loan", _("ถูกยืม")
    IN_REPAIR = "in_repair", _("ส่งซ่อม")
    RETIRED = "retired", _("เลิกใช้งาน")
    DISPOSED = "disposed", _("จำหน่ายแล้ว")


class AssetQuerySet(AgencyScopedQuerySet):
    def publicly_lendable(self):
        return self.filter(lendable_to_public=True, status__in=[AssetStatus.AVAILABLE, AssetStatus.ON_LOAN])


class Asset(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("เลขที่ครุภัณฑ์"), max_length=60)
    category = models.CharField(_("ประเภท"), max_length=20, choices=Category.choices, default=Category.OTHER)
    name = models.CharField(_("ชื่อทรัพย์สิน"), max_length=300)
    description = models.TextField(_("รายละเอียด (ยี่ห้อ รุ่น ขนาด)"), blank=True)
    acquired_on = models.DateField(_("วันที่ได้มา"), null=True, blank=True)
    price = models.DecimalField(_("ราคาที่ได้มา (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("ที่มา"), max_length=20, choices=Source.choices, default=Source.BUDGET)
    location = models.CharField(_("สถานที่เก็บ/ติดตั้ง"), max_length=300, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่ายผู้ดูแล")
    )
    custodian_name = models.CharField(_("ผู้รับผิดชอบดูแล"), max_length=200, blank=True)
    condition = models.CharField(_("สภาพ"), max_length=20, choices=Condition.choices, default=Condition.GOOD)
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.AVAILABLE
    )
    lendable_to_public = models.BooleanField(_("ให้ประชาชนยืมได้ (เช่น เต็นท์ โต๊ะ เก้าอี้)"), default=False)
    # The address of a lendable asset's public page (never the integer id).
    public_code = models.CharField(max_length=12, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    events = GenericRelation(StatusEvent)

    objects = AssetQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("ทรัพย์สิน")
        verbose_name_plural = _("ทรัพย์สิน")
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="asset_number_unique_in_agency"),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="asset_price_positive"
            ),
        ]
        indexes = [models.Index(fields=["agency", "department", "status"])]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class LoanState(models.TextChoices):
    REQUESTED = "requested", _("รออนุมัติ")
    APPROVED = "approved", _("อนุมัติแล้ว (จองไว้)")
    REFUSED = "refused", _("ไม่อนุมัติ")
    CANCELLED = "cancelled", _("ยกเลิก")
    CHECKED_OUT = "checked_out", _("รับของไปแล้ว")
    RETURNED = "returned", _("คืนแล้ว")


# The states in which a loan holds its days: another loan of the same asset may not overlap them.
HOLDING_STATES = (LoanState.APPROVED, LoanState.CHECKED_OUT)
OPEN_STATES = (LoanState.REQUESTED, LoanState.APPROVED, LoanState.CHECKED_OUT)


class Loan(models.Model):
    class Borrower(models.TextChoices):
        STAFF = "staff", _("เจ้าหน้าที่")
        PUBLIC = "public", _("ประชาชน/ชุมชน")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="loans")
    code = models.CharField(_("รหัสติดตาม"), max_length=14, unique=True)
    borrower_kind = models.CharField(max_length=10, choices=Borrower.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Personal data of the borrower: shown to staff only, never on a public page.
    borrower_name = models.CharField(_("ชื่อผู้ยืม"), max_length=200)
    borrower_phone = models.CharField(_("เบอร์โทรศัพท์"), max_length=30, blank=True)
    borrower_email = models.EmailField(_("อีเมล"), blank=True)
    purpose = models.TextField(_("วัตถุประสงค์การใช้งาน"), max_length=2000)
    starts_on = models.DateField(_("วันที่ยืม"))
    ends_on = models.DateField(_("วันที่กำหนดคืน"))
    state = models.CharField(
        _("สถานะ"), max_length=20, choices=LoanState.choices, default=LoanState.REQUESTED
    )
    condition_out = models.CharField(_("สภาพเมื่อรับไป"), max_length=20, choices=Condition.choices, blank=True)
    condition_in = models.CharField(_("สภาพเมื่อคืน"), max_length=20, choices=Condition.choices, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    events = GenericRelation(StatusEvent)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("การยืมทรัพย์สิน")
        verbose_name_plural = _("การยืมทรัพย์สิน")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="loan_ends_after_start"),
        ]
        indexes = [
            models.Index(fields=["asset", "state", "starts_on"]),
            models.Index(fields=["agency", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.asset.number}"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.state == LoanState.CHECKED_OUT and self.ends_on < today


class LoanReminder(models.Model):
    """A reminder that was sent: the row is the claim, so a loan gets each reminder once per day at most."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("ใกล้ครบกำหนดคืน")
        OVERDUE = "overdue", _("เลยกำหนดคืน")

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    sent_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["loan", "kind", "sent_on"], name="loan_reminder_once")]

    def __str__(self) -> str:
        return f"{self.loan_id} {self.kind} {self.sent_on}"


class PropertySettings(models.Model):
    """The texts the agency publishes: its property-management measures and its rules for borrowing."""

    agency = models.OneToOneField(Agency, on_delete=models.PROTECT, related_name="+")
    measures = models.TextField(_("มาตรการจัดการทรัพย์สินของราชการ ของบริจาค และการจัดเก็บของกลาง"))
    borrowing_rules = models.TextField(_("วิธีการยืม คืน และการใช้ทรัพย์สินของราชการ"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ข้อความเผยแพร่เรื่องทรัพย์สิน")

    def __str__(self) -> str:
        return f"{self.agency_id}"


class Donation(models.Model):
    class DonorKind(models.TextChoices):
        PERSON = "person", _("บุคคล")
        ORGANISATION = "organisation", _("นิติบุคคล/องค์กร")

    class Disposition(models.TextChoices):
        PENDING = "pending", _("รอดำเนินการ")
        ASSET = "asset", _("ลงทะเบียนเป็นทรัพย์สินของราชการ")
        DISTRIBUTED = "distributed", _("แจกจ่ายแก่ผู้รับ")
        USED = "used", _("ใช้ในกิจกรรมของหน่วยงาน")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=12, unique=True)  # the row's anchor on the public list
    received_on = models.DateField(_("วันที่รับ"))
    donor_kind = models.CharField(_("ผู้บริจาคเป็น"), max_length=20, choices=DonorKind.choices)
    # A private person's name is personal data: never public. An organisation's is, unless it asked otherwise.
    donor_name = models.CharField(_("ชื่อผู้บริจาค"), max_length=200)
    donor_contact = models.CharField(_("ที่อยู่/เบอร์ติดต่อผู้บริจาค"), max_length=300, blank=True)
    anonymous = models.BooleanField(_("ไม่ประสงค์ออกนามต่อสาธารณะ"), default=False)
    description = models.CharField(_("สิ่งที่บริจาค"), max_length=300)
    quantity = models.PositiveIntegerField(_("จำนวน"), default=1)
    unit = models.CharField(_("หน่วยนับ"), max_length=30, default="รายการ")
    value = models.DecimalField(_("มูลค่า (บาท)"), max_digits=14, decimal_places=2)
    purpose = models.CharField(_("วัตถุประสงค์"), max_length=300)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่ายผู้รับ")
    )
    disposition = models.CharField(
        _("การนำไปใช้"), max_length=20, choices=Disposition.choices, default=Disposition.PENDING
    )
    disposition_note = models.CharField(_("รายละเอียดการนำไปใช้"), max_length=500, blank=True)
    asset = models.ForeignKey(
        Asset,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ทรัพย์สินที่ลงทะเบียน"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("ของบริจาค")
        verbose_name_plural = _("ของบริจาค")
        constraints = [models.CheckConstraint(condition=Q(value__gte=0), name="donation_value_positive")]

    def __str__(self) -> str:
        return f"{self.received_on} {self.description}"

    @property
    def public_donor(self) -> str:
        """What the public list says of the donor: an organisation's name, never a private person's."""
        if self.anonymous:
            return str(_("ผู้บริจาคไม่ประสงค์ออกนาม"))
        if self.donor_kind == self.DonorKind.PERSON:
            return str(_("บุคคลทั่วไป"))
        return self.donor_name


class HoldingRule(models.Model):
    """How long seized goods under one law are kept before they may be disposed of. Data, per agency: the
    figure and where it comes from are said on the record (``source``), and the agency's legal officer
    corrects them without a code change."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    law = models.CharField(_("กฎหมาย"), max_length=300)
    days = models.PositiveIntegerField(_("ระยะเวลาเก็บรักษา (วัน)"))
    source = models.CharField(_("ที่มาของระยะเวลา"), max_length=500)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["law"]
        verbose_name = _("ระยะเวลาเก็บรักษาของกลาง")
        constraints = [models.UniqueConstraint(fields=["agency", "law"], name="holding_rule_unique_law")]

    def __str__(self) -> str:
        return self.law


class SeizedState(models.TextChoices):
    IN_STORE = "in_store", _("เก็บรักษา")
    RETURNED = "returned", _("คืนเจ้าของแล้ว")
    HANDED_POLICE = "handed_police", _("ส่งมอบพนักงานสอบสวนแล้ว")
    HANDED_COURT = "handed_court", _("ส่งมอบศาลแล้ว")
    SOLD = "sold", _("ขายทอดตลาดแล้ว")
    DESTROYED = "destroyed", _("ทำลายแล้ว")


class SeizedItem(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("เลขทะเบียนของกลาง"), max_length=14, unique=True)
    seized_on = models.DateField(_("วันที่ยึด/รับของกลาง"))
    description = models.CharField(_("รายการของกลาง"), max_length=500)
    quantity = models.PositiveIntegerField(_("จำนวน"), default=1)
    unit = models.CharField(_("หน่วยนับ"), max_length=30, default="รายการ")
    seal_number = models.CharField(_("หมายเลขตราผนึก"), max_length=60, blank=True)
    rule = models.ForeignKey(
        HoldingRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("กฎหมาย")
    )
    case_reference = models.CharField(_("เลขที่บันทึกการจับกุม/คดี"), max_length=120)
    seized_by = models.CharField(_("เจ้าหน้าที่ผู้ยึด"), max_length=300)
    witnesses = models.CharField(_("พยาน"), max_length=500, blank=True)
    # Personal data: staff pages only.
    owner_name = models.CharField(_("ชื่อเจ้าของ/ผู้ครอบครอง"), max_length=200, blank=True)
    owner_contact = models.CharField(_("ที่อยู่/เบอร์ติดต่อเจ้าของ"), max_length=300, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่ายผู้เก็บรักษา")
    )
    place = models.CharField(_("สถานที่เก็บ"), max_length=300)
    holder = models.CharField(_("ผู้ครอบครองปัจจุบัน"), max_length=300)
    state = models.CharField(
        _("สถานะ"), max_length=20, choices=SeizedState.choices, default=SeizedState.IN_STORE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    events = GenericRelation(StatusEvent)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-seized_on", "-pk"]
        verbose_name = _("ของกลาง")
        verbose_name_plural = _("ของกลาง")
        indexes = [models.Index(fields=["agency", "state", "seized_on"])]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"

    @property
    def hold_until(self) -> datetime.date:
        return self.seized_on + datetime.timedelta(days=self.rule.days)

    def held_too_long(self, today: datetime.date) -> bool:
        return self.state == SeizedState.IN_STORE and today > self.hold_until


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("the custody chain is append-only")

    def delete(self):
        raise TypeError("the custody chain is append-only")


class AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("the custody chain is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("the custody chain is append-only")


class CustodyKind(models.TextChoices):
    MOVED = "moved", _("ย้ายสถานที่เก็บ")
    RETURNED_OWNER = "returned_owner", _("คืนเจ้าของ")
    TO_POLICE = "to_police", _("ส่งมอบพนักงานสอบสวน")
    TO_COURT = "to_court", _("ส่งมอบศาล")
    AUCTIONED = "auctioned", _("ขายทอดตลาด")
    DESTROYED = "destroyed", _("ทำลาย")


# The item's state once an event of that kind is confirmed.
STATE_AFTER = {
    CustodyKind.MOVED: SeizedState.IN_STORE,
    CustodyKind.RETURNED_OWNER: SeizedState.RETURNED,
    CustodyKind.TO_POLICE: SeizedState.HANDED_POLICE,
    CustodyKind.TO_COURT: SeizedState.HANDED_COURT,
    CustodyKind.AUCTIONED: SeizedState.SOLD,
    CustodyKind.DESTROYED: SeizedState.DESTROYED,
}
SIGNATURES_NEEDED = 2


class CustodyEvent(AppendOnly):
    """One movement of a seized item, recorded by one member of staff (the first signature) and confirmed
    by a second. Never changed: a mistaken event is answered by another event."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(SeizedItem, on_delete=models.PROTECT, related_name="custody_events")
    kind = models.CharField(_("การดำเนินการ"), max_length=20, choices=CustodyKind.choices)
    to_place = models.CharField(_("สถานที่ใหม่"), max_length=300, blank=True)
    to_holder = models.CharField(_("ผู้รับมอบ/ผู้ครอบครองใหม่"), max_length=300)
    occurred_on = models.DateField(_("วันที่ดำเนินการ"))
    note = models.TextField(_("รายละเอียด/เลขที่หนังสือ"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("การเคลื่อนไหวของกลาง")

    def __str__(self) -> str:
        return f"{self.item_id} {self.kind} {self.occurred_on}"


class CustodySignature(AppendOnly):
    event = models.ForeignKey(CustodyEvent, on_delete=models.PROTECT, related_name="signatures")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(max_length=150)
    signed_at = models.DateTimeField()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "signer"], name="custody_signature_once")]

    def __str__(self) -> str:
        return f"{self.event_id} {self.signer_name}"


class PropertyFile(models.Model):
    """A photo or document of an asset, a donation, a seized item or a custody event. Photos are stored with
    their EXIF removed; nothing is served inline."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("ภาพถ่าย")
        DOCUMENT = "document", _("เอกสาร")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    asset = models.ForeignKey(Asset, null=True, blank=True, on_delete=models.PROTECT, related_name="files")
    donation = models.ForeignKey(
        Donation, null=True, blank=True, on_delete=models.PROTECT, related_name="files"
    )
    item = models.ForeignKey(
        SeizedItem, null=True, blank=True, on_delete=models.PROTECT, related_name="files"
    )
    event = models.ForeignKey(
        CustodyEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="files"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    file = models.FileField(upload_to="property/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class StockTake(models.Model):
    """A department's periodic check of its assets: each one found, missing or damaged, with who and when."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("ฝ่าย")
    )
    checked_on = models.DateField(_("วันที่ตรวจนับ"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    checked_by_name = models.CharField(_("ผู้ตรวจนับ"), max_length=200)
    note = models.TextField(_("หมายเหตุ"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgencyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_on", "-pk"]
        verbose_name = _("การตรวจนับทรัพย์สิน")

    def __str__(self) -> str:
        return f"{self.department_id} {self.checked_on}"


class StockResult(models.TextChoices):
    FOUND = "found", _("พบ สภาพปกติ")
    DAMAGED = "damaged", _("พบ ชำรุด")
    MISSING = "missing", _("ไม่พบ")


class StockTakeLine(models.Model):
    stocktake = models.ForeignKey(StockTake, on_delete=models.PROTECT, related_name="lines")
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(max_length=10, choices=StockResult.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["stocktake", "asset"], name="stocktake_asset_once")]

    def __str__(self) -> str:
        return f"{self.asset_id} {self.result}"
