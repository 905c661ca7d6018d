"""Every write of the property module: keyword-only functions, atomic, audited.

Refusals are ``ValidationError`` with a Thai message and nothing saved: a loan overlapping one that holds
those days, a loan of an asset that is disposed (or retired, or in repair), a custody event's second
signature by the person who recorded it, an event on goods that are no longer in store.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.agencies.codes import new_code
from prongsai.agencies.services import (
    record_change,
    record_create,
    snapshot,
    status_change,
    status_event_record,
)
from prongsai.agencies.signals import announce_public_change
from prongsai.agencies.uploads import JPEG, PDF, PNG, validate_upload
from prongsai.documents.images import ImageRefused, clean_image
from prongsai.documents.tabular import TabularError, read_rows
from prongsai.thai.dates import ThaiDateError, parse_be_date
from prongsai.thai.money import MoneyError, parse_baht

from .models import (
    HOLDING_STATES,
    SIGNATURES_NEEDED,
    STATE_AFTER,
    Asset,
    AssetStatus,
    Category,
    Condition,
    CustodyEvent,
    CustodyKind,
    CustodySignature,
    Donation,
    HoldingRule,
    Loan,
    LoanState,
    PropertyFile,
    PropertySettings,
    SeizedItem,
    SeizedState,
    Source,
    StockResult,
    StockTake,
    StockTakeLine,
)

SOURCE = "property"
MAX_LOAN_DAYS = 60  # a longer use is a transfer of custody, not a loan
MAX_BOOKING_AHEAD_DAYS = 365

# Which status an asset may take from which (by hand; on_loan is set by check-out and check-in only).
ASSET_ALLOWED = {
    AssetStatus.AVAILABLE: {AssetStatus.IN_REPAIR, AssetStatus.RETIRED, AssetStatus.DISPOSED},
    AssetStatus.IN_REPAIR: {AssetStatus.AVAILABLE, AssetStatus.RETIRED, AssetStatus.DISPOSED},
    AssetStatus.RETIRED: {AssetStatus.DISPOSED, AssetStatus.AVAILABLE},
    AssetStatus.ON_LOAN: set(),
    AssetStatus.DISPOSED: set(),
}
LOAN_ALLOWED = {
    LoanState.REQUESTED: {LoanState.APPROVED, LoanState.REFUSED, LoanState.CANCELLED},
    LoanState.APPROVED: {LoanState.CHECKED_OUT, LoanState.CANCELLED},
    LoanState.CHECKED_OUT: {LoanState.RETURNED},
}
_CHECK_OUT = {AssetStatus.AVAILABLE: {AssetStatus.ON_LOAN}}
_CHECK_IN = {AssetStatus.ON_LOAN: {AssetStatus.AVAILABLE, AssetStatus.IN_REPAIR}}


def _unique_code(model, length: int = 10) -> str:
    while True:
        code = new_code(length)
        if not model.objects.filter(**{"public_code" if model is Asset else "code": code}).exists():
            return code


def _in_use_mark(agency) -> None:
    """The agency keeps its property here: its published texts start from the defaults (one row, which also
    tells the providers, in one query, that there is something to publish)."""
    from .texts import DEFAULT_BORROWING_RULES, DEFAULT_MEASURES

    PropertySettings.objects.get_or_create(
        agency=agency, defaults={"measures": DEFAULT_MEASURES, "borrowing_rules": DEFAULT_BORROWING_RULES}
    )


# --- files ----------------------------------------------------------------------------------------------


def file_attach(*, actor, agency, upload, kind: str, **owner) -> PropertyFile:
    """Attach a photo (JPEG/PNG, EXIF stripped) or a document (PDF, or a photo of one) to one record."""
    allowed = (JPEG, PNG) if kind == PropertyFile.Kind.PHOTO else (PDF, JPEG, PNG)
    file_kind = validate_upload(upload, allowed)
    upload.seek(0)
    data = upload.read()
    if file_kind in (JPEG, PNG):
        try:
            data = clean_image(data, file_kind.name)
        except ImageRefused as exc:
            raise ValidationError(str(exc)) from None
    from django.core.files.base import ContentFile

    from prongsai.agencies.uploads import random_name

    stored = PropertyFile(
        agency=agency,
        kind=kind,
        original_name=(upload.name or "file")[:255],
        content_type=file_kind.content_type,
        uploaded_by=actor,
        **owner,
    )
    stored.file.save(random_name(file_kind), ContentFile(data), save=False)
    record_create(actor=actor, agency=agency, instance=stored)
    return stored


# --- assets ---------------------------------------------------------------------------------------------

ASSET_FIELDS = (
    "number",
    "category",
    "name",
    "description",
    "acquired_on",
    "price",
    "source",
    "location",
    "department",
    "custodian_name",
    "condition",
    "lendable_to_public",
)


@transaction.atomic
def asset_create(*, actor, agency, photos=(), documents=(), **values) -> Asset:
    if Asset.objects.filter(agency=agency, number=values.get("number", "")).exists():
        raise ValidationError({"number": _("เลขที่ครุภัณฑ์นี้มีอยู่ในทะเบียนแล้ว")})
    asset = Asset(agency=agency, public_code=_unique_code(Asset, 8), **values)
    _in_use_mark(agency)
    record_create(actor=actor, agency=agency, instance=asset)
    status_event_record(actor=actor, agency=agency, instance=asset, from_state="", to_state=asset.status)
    for upload in photos:
        file_attach(actor=actor, agency=agency, upload=upload, kind=PropertyFile.Kind.PHOTO, asset=asset)
    for upload in documents:
        file_attach(actor=actor, agency=agency, upload=upload, kind=PropertyFile.Kind.DOCUMENT, asset=asset)
    if asset.lendable_to_public:
        announce_public_change(agency=agency, source=SOURCE)
    return asset


@transaction.atomic
def asset_update(*, actor, asset: Asset, **values) -> Asset:
    before = snapshot(asset)
    number = values.get("number", asset.number)
    if Asset.objects.filter(agency=asset.agency, number=number).exclude(pk=asset.pk).exists():
        raise ValidationError({"number": _("เลขที่ครุภัณฑ์นี้มีอยู่ในทะเบียนแล้ว")})
    was_public = asset.lendable_to_public
    for name, value in values.items():
        if name not in ASSET_FIELDS:
            raise TypeError(f"asset field {name!r} cannot be set here")
        setattr(asset, name, value)
    asset.full_clean()
    record_change(actor=actor, agency=asset.agency, instance=asset, before=before)
    if was_public or asset.lendable_to_public:
        announce_public_change(agency=asset.agency, source=SOURCE)
    return asset


def asset_status_set(*, actor, asset: Asset, to_state: str, note: str = "") -> Asset:
    with transaction.atomic():
        asset = Asset.objects.select_for_update().get(pk=asset.pk)
        if (
            to_state in (AssetStatus.DISPOSED, AssetStatus.RETIRED)
            and asset.loans.filter(state__in=HOLDING_STATES).exists()
        ):
            raise ValidationError(_("ทรัพย์สินนี้มีการจองหรือถูกยืมอยู่ โปรดยกเลิกการจองหรือรับคืนก่อนเปลี่ยนสถานะ"))
        status_change(
            actor=actor,
            agency=asset.agency,
            instance=asset,
            to_state=to_state,
            allowed=ASSET_ALLOWED,
            field="status",
            note=note,
        )
    if asset.lendable_to_public:
        announce_public_change(agency=asset.agency, source=SOURCE)
    return asset


# --- import ---------------------------------------------------------------------------------------------

# Column headings the import understands (Thai as in the register's own spreadsheet, or English).
IMPORT_COLUMNS = {
    "number": ("เลขที่ครุภัณฑ์", "number"),
    "name": ("ชื่อทรัพย์สิน", "name"),
    "category": ("ประเภท", "category"),
    "description": ("รายละเอียด", "description"),
    "acquired_on": ("วันที่ได้มา", "acquired_on"),
    "price": ("ราคา", "price"),
    "source": ("ที่มา", "source"),
    "location": ("สถานที่", "location"),
    "department": ("ฝ่าย", "department"),
    "custodian_name": ("ผู้รับผิดชอบ", "custodian_name"),
    "condition": ("สภาพ", "condition"),
}
REQUIRED_COLUMNS = ("number", "name", "department")


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number as in Excel, what is wrong)

    @property
    def ok(self) -> bool:
        return not self.errors


def _choice(text: str, choices) -> str | None:
    text = (text or "").strip()
    for value, label in choices:
        if text in (value, str(label)) or (text and str(label).endswith(text)):
            return value
    return None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def assets_import(*, actor, agency, upload, fmt: str, departments, dry_run: bool = False) -> ImportResult:
    """Read a register spreadsheet: every bad row is reported with its number, and a file with any bad row
    saves nothing. A number already in the register updates that asset (the same department rule as the
    form: an officer may only write rows of ``departments``)."""
    result = ImportResult()
    try:
        rows = read_rows(upload, fmt, max_rows=5000)
    except TabularError as exc:
        result.errors.append((0, str(exc)))
        return result
    header_number, header = rows[0]
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = _cell(cell)
        for key, names in IMPORT_COLUMNS.items():
            if text in names:
                positions[key] = index
    missing = [IMPORT_COLUMNS[k][0] for k in REQUIRED_COLUMNS if k not in positions]
    if missing:
        result.errors.append((header_number, _("ไม่พบคอลัมน์: %(columns)s") % {"columns": ", ".join(missing)}))
        return result
    by_name = {d.name: d for d in departments}
    existing = {a.number: a for a in Asset.objects.for_agency(agency)}
    seen: set[str] = set()
    parsed: list[tuple[int, dict]] = []
    for number, cells in rows[1:]:

        def get(key, cells=cells):
            index = positions.get(key)
            return _cell(cells[index]) if index is not None and index < len(cells) else ""

        problems = []
        values: dict = {"number": get("number"), "name": get("name")}
        if not values["number"]:
            problems.append(_("ไม่มีเลขที่ครุภัณฑ์"))
        elif values["number"] in seen:
            problems.append(_("เลขที่ครุภัณฑ์ %(number)s ซ้ำในไฟล์") % {"number": values["number"]})
        seen.add(values["number"])
        if not values["name"]:
            problems.append(_("ไม่มีชื่อทรัพย์สิน"))
        department = by_name.get(get("department"))
        if department is None:
            problems.append(_("ฝ่าย “%(name)s” ไม่ใช่ฝ่ายที่ท่านดูแล") % {"name": get("department")})
        values["department"] = department
        for key, choices, default in (
            ("category", Category.choices, Category.OTHER),
            ("source", Source.choices, Source.BUDGET),
            ("condition", Condition.choices, Condition.GOOD),
        ):
            text = get(key)
            value = _choice(text, choices) if text else default
            if value is None:
                problems.append(
                    _("“%(text)s” ไม่ใช่%(what)s ที่รู้จัก") % {"text": text, "what": IMPORT_COLUMNS[key][0]}
                )
            values[key] = value
        text = get("acquired_on")
        values["acquired_on"] = None
        if text:
            try:
                values["acquired_on"] = (
                    datetime.date.fromisoformat(text[:10])
                    if text[:4].isdigit() and int(text[:4]) < 2400
                    else parse_be_date(text)
                )
            except (ThaiDateError, ValueError):
                problems.append(_("อ่านวันที่ได้มา “%(text)s” ไม่ได้") % {"text": text})
        text = get("price")
        values["price"] = None
        if text:
            try:
                values["price"] = parse_baht(text)
            except MoneyError:
                problems.append(_("อ่านราคา “%(text)s” ไม่ได้") % {"text": text})
        for key in ("description", "location", "custodian_name"):
            values[key] = get(key)
        old = existing.get(values["number"])
        if old is not None and old.department_id not in {d.pk for d in departments}:
            problems.append(_("ทรัพย์สินเลขที่ %(number)s เป็นของฝ่ายอื่น") % {"number": values["number"]})
        if problems:
            result.errors.append((number, "; ".join(problems)))
        else:
            parsed.append((number, values))
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        for _number, values in parsed:
            old = existing.get(values["number"])
            if old is None:
                asset_create(actor=actor, agency=agency, **values)
                result.created.append(values["number"])
            else:
                changed = {k: v for k, v in values.items() if getattr(old, k) != v}
                if changed:
                    asset_update(actor=actor, asset=old, **changed)
                    result.updated.append(values["number"])
    return result


# --- loans and bookings ---------------------------------------------------------------------------------


def _conflicts(asset: Asset, starts_on, ends_on, exclude: Loan | None = None):
    overlapping = asset.loans.filter(state__in=HOLDING_STATES, starts_on__lte=ends_on, ends_on__gte=starts_on)
    if exclude is not None:
        overlapping = overlapping.exclude(pk=exclude.pk)
    return overlapping


def _refuse_unlendable(asset: Asset) -> None:
    if asset.status in (AssetStatus.DISPOSED, AssetStatus.RETIRED, AssetStatus.IN_REPAIR):
        raise ValidationError(
            _("ยืมไม่ได้: ทรัพย์สินนี้อยู่ในสถานะ “%(status)s”") % {"status": asset.get_status_display()},
            code="not_lendable",
        )


def _refuse_conflict(asset: Asset, starts_on, ends_on, exclude=None) -> None:
    clash = _conflicts(asset, starts_on, ends_on, exclude).order_by("starts_on").first()
    if clash is not None:
        from prongsai.thai.dates import format_be_date

        raise ValidationError(
            _("ช่วงวันที่นี้ทับกับการจองที่มีอยู่แล้ว (%(start)s – %(end)s) โปรดเลือกช่วงวันอื่น")
            % {
                "start": format_be_date(clash.starts_on, "medium"),
                "end": format_be_date(clash.ends_on, "medium"),
            },
            code="double_booking",
        )


@transaction.atomic
def loan_request(
    *,
    agency,
    asset: Asset,
    actor=None,
    borrower_name: str,
    borrower_phone: str = "",
    borrower_email: str = "",
    purpose: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    today: datetime.date | None = None,
) -> Loan:
    """A request for an asset over [starts_on, ends_on] (a booking when it starts later). From staff when
    ``actor`` is given, else from the public (only assets marked lendable to the public)."""
    today = today or timezone.localdate()
    # The asset row is locked: two requests for the same days cannot both pass the overlap check.
    asset = Asset.objects.select_for_update().get(pk=asset.pk)
    public = actor is None
    if public and not asset.lendable_to_public:
        raise ValidationError(_("ทรัพย์สินนี้ไม่เปิดให้ประชาชนยืม"), code="not_public")
    _refuse_unlendable(asset)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("วันที่กำหนดคืนต้องไม่ก่อนวันที่ยืม")})
    if starts_on < today:
        raise ValidationError({"starts_on": _("วันที่ยืมต้องไม่ใช่วันที่ผ่านมาแล้ว")})
    if (ends_on - starts_on).days + 1 > MAX_LOAN_DAYS:
        raise ValidationError({"ends_on": _("ยืมได้ครั้งละไม่เกิน %(days)s วัน") % {"days": MAX_LOAN_DAYS}})
    if (starts_on - today).days > MAX_BOOKING_AHEAD_DAYS:
        raise ValidationError({"starts_on": _("จองล่วงหน้าได้ไม่เกิน ๑ ปี")})
    _refuse_conflict(asset, starts_on, ends_on)
    loan = Loan(
        agency=agency,
        asset=asset,
        code=_unique_code(Loan),
        borrower_kind=Loan.Borrower.PUBLIC if public else Loan.Borrower.STAFF,
        requested_by=actor,
        borrower_name=borrower_name.strip(),
        borrower_phone=borrower_phone.strip(),
        borrower_email=borrower_email.strip(),
        purpose=purpose.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    record_create(actor=actor, agency=agency, instance=loan)
    status_event_record(actor=actor, agency=agency, instance=loan, from_state="", to_state=loan.state)
    if public:
        announce_public_change(agency=agency, source=SOURCE)
    return loan


def _loan_move(*, actor, loan: Loan, to_state: str, note: str = "") -> Loan:
    status_change(
        actor=actor, agency=loan.agency, instance=loan, to_state=to_state, allowed=LOAN_ALLOWED, note=note
    )
    if loan.borrower_kind == Loan.Borrower.PUBLIC or loan.asset.lendable_to_public:
        announce_public_change(agency=loan.agency, source=SOURCE)
    return loan


@transaction.atomic
def loan_approve(*, actor, loan: Loan, note: str = "") -> Loan:
    asset = Asset.objects.select_for_update().get(pk=loan.asset_id)
    _refuse_unlendable(asset)
    _refuse_conflict(asset, loan.starts_on, loan.ends_on, exclude=loan)
    loan.asset = asset
    return _loan_move(actor=actor, loan=loan, to_state=LoanState.APPROVED, note=note)


@transaction.atomic
def loan_refuse(*, actor, loan: Loan, note: str = "") -> Loan:
    if not note.strip():
        raise ValidationError({"note": _("โปรดระบุเหตุผลที่ไม่อนุมัติ")})
    return _loan_move(actor=actor, loan=loan, to_state=LoanState.REFUSED, note=note)


@transaction.atomic
def loan_cancel(*, actor, loan: Loan, note: str = "") -> Loan:
    return _loan_move(actor=actor, loan=loan, to_state=LoanState.CANCELLED, note=note)


@transaction.atomic
def loan_check_out(*, actor, loan: Loan, condition: str, note: str = "", today=None) -> Loan:
    today = today or timezone.localdate()
    asset = Asset.objects.select_for_update().get(pk=loan.asset_id)
    _refuse_unlendable(asset)
    if loan.state == LoanState.APPROVED and today < loan.starts_on:
        raise ValidationError(_("ยังไม่ถึงวันที่ยืมตามที่จองไว้"))
    if asset.status != AssetStatus.AVAILABLE and loan.state == LoanState.APPROVED:
        raise ValidationError(
            _("ทรัพย์สินยังไม่พร้อมให้ยืม (สถานะ “%(status)s”)") % {"status": asset.get_status_display()}
        )
    before = snapshot(loan)
    loan.condition_out = condition
    loan.checked_out_at = timezone.now()
    record_change(actor=actor, agency=loan.agency, instance=loan, before=before)
    status_change(
        actor=actor,
        agency=loan.agency,
        instance=asset,
        to_state=AssetStatus.ON_LOAN,
        allowed=_CHECK_OUT,
        field="status",
    )
    loan.asset = asset
    return _loan_move(actor=actor, loan=loan, to_state=LoanState.CHECKED_OUT, note=note)


@transaction.atomic
def loan_check_in(*, actor, loan: Loan, condition: str, note: str = "") -> Loan:
    asset = Asset.objects.select_for_update().get(pk=loan.asset_id)
    if loan.state != LoanState.CHECKED_OUT:
        raise ValidationError(_("รับคืนได้เฉพาะรายการที่รับของไปแล้ว"))
    before = snapshot(loan)
    loan.condition_in = condition
    loan.returned_at = timezone.now()
    record_change(actor=actor, agency=loan.agency, instance=loan, before=before)
    damaged = condition in (Condition.DAMAGED, Condition.UNUSABLE)
    if asset.condition != condition:
        asset_before = snapshot(asset)
        asset.condition = condition
        record_change(actor=actor, agency=asset.agency, instance=asset, before=asset_before)
    status_change(
        actor=actor,
        agency=asset.agency,
        instance=asset,
        to_state=AssetStatus.IN_REPAIR if damaged else AssetStatus.AVAILABLE,
        allowed=_CHECK_IN,
        field="status",
        note=note,
    )
    loan.asset = asset
    return _loan_move(actor=actor, loan=loan, to_state=LoanState.RETURNED, note=note)


# --- published texts ------------------------------------------------------------------------------------


@transaction.atomic
def settings_save(*, actor, agency, measures: str, borrowing_rules: str) -> PropertySettings:
    current = PropertySettings.objects.filter(agency=agency).first()
    if current is None:
        current = PropertySettings(agency=agency, measures=measures, borrowing_rules=borrowing_rules)
        record_create(actor=actor, agency=agency, instance=current)
    else:
        before = snapshot(current)
        current.measures, current.borrowing_rules = measures, borrowing_rules
        current.full_clean()
        record_change(actor=actor, agency=agency, instance=current, before=before)
    announce_public_change(agency=agency, source=SOURCE)
    return current


# --- donations ------------------------------------------------------------------------------------------

DONATION_FIELDS = (
    "received_on",
    "donor_kind",
    "donor_name",
    "donor_contact",
    "anonymous",
    "description",
    "quantity",
    "unit",
    "value",
    "purpose",
    "department",
    "disposition",
    "disposition_note",
    "asset",
)


def _check_donation(donation: Donation) -> None:
    if donation.asset is not None and donation.asset.agency_id != donation.agency_id:
        raise ValidationError({"asset": _("ทรัพย์สินนี้ไม่ใช่ของหน่วยงาน")})
    if donation.disposition == Donation.Disposition.ASSET and donation.asset is None:
        raise ValidationError({"asset": _("โปรดเลือกทรัพย์สินที่ลงทะเบียนจากของบริจาคนี้")})
    if donation.value is not None and donation.value != donation.value.quantize(Decimal("0.01")):
        raise ValidationError({"value": _("มูลค่าต้องมีทศนิยมไม่เกิน ๒ ตำแหน่ง")})


@transaction.atomic
def donation_record(*, actor, agency, documents=(), **values) -> Donation:
    donation = Donation(agency=agency, code=_unique_code(Donation, 8), **values)
    _in_use_mark(agency)
    _check_donation(donation)
    record_create(actor=actor, agency=agency, instance=donation)
    for upload in documents:
        file_attach(
            actor=actor, agency=agency, upload=upload, kind=PropertyFile.Kind.DOCUMENT, donation=donation
        )
    announce_public_change(agency=agency, source=SOURCE)
    return donation


@transaction.atomic
def donation_update(*, actor, donation: Donation, **values) -> Donation:
    before = snapshot(donation)
    for name, value in values.items():
        if name not in DONATION_FIELDS:
            raise TypeError(f"donation field {name!r} cannot be set here")
        setattr(donation, name, value)
    _check_donation(donation)
    donation.full_clean()
    record_change(actor=actor, agency=donation.agency, instance=donation, before=before)
    announce_public_change(agency=donation.agency, source=SOURCE)
    return donation


# --- seized goods ---------------------------------------------------------------------------------------

# The default holding periods, per law, created for an agency the first time it records seized goods. They
# are a configurable assumption, not legal advice: the source says so, and the agency corrects them.
DEFAULT_RULES = (
    (
        "พ.ร.บ.รักษาความสะอาดและความเป็นระเบียบเรียบร้อยของบ้านเมือง พ.ศ. ๒๕๓๕",
        30,
        "ค่าตั้งต้นของระบบ (สมมติฐานที่ปรับได้): ระยะเวลาที่เจ้าของมาขอรับคืนได้ก่อนจำหน่าย "
        "โปรดให้นิติกรของหน่วยงานตรวจสอบกับมาตราที่ใช้บังคับและแก้ไข",
    ),
    (
        "พ.ร.บ.การจราจรทางบก พ.ศ. ๒๕๒๒ (สิ่งของวางบนทางเท้า/ทางจราจร)",
        30,
        "ค่าตั้งต้นของระบบ (สมมติฐานที่ปรับได้) โปรดให้นิติกรของหน่วยงานตรวจสอบและแก้ไข",
    ),
)


def holding_rules_ensure(agency) -> list[HoldingRule]:
    rules = list(HoldingRule.objects.for_agency(agency))
    if not rules:
        for law, days, source in DEFAULT_RULES:
            HoldingRule.objects.create(agency=agency, law=law, days=days, source=source)
        rules = list(HoldingRule.objects.for_agency(agency))
    return rules


@transaction.atomic
def holding_rule_save(
    *, actor, agency, rule: HoldingRule | None = None, law: str, days: int, source: str
) -> HoldingRule:
    if rule is None:
        rule = HoldingRule(agency=agency, law=law, days=days, source=source)
        record_create(actor=actor, agency=agency, instance=rule)
        return rule
    before = snapshot(rule)
    rule.law, rule.days, rule.source = law, days, source
    rule.full_clean()
    record_change(actor=actor, agency=agency, instance=rule, before=before)
    return rule


@transaction.atomic
def seized_intake(*, actor, agency, photos=(), documents=(), **values) -> SeizedItem:
    if values.get("rule") is not None and values["rule"].agency_id != agency.pk:
        raise ValidationError({"rule": _("กฎหมายนี้ไม่ใช่ของหน่วยงาน")})
    item = SeizedItem(agency=agency, code=_unique_code(SeizedItem), created_by=actor, **values)
    _in_use_mark(agency)
    if not item.holder:
        item.holder = item.department.name
    record_create(actor=actor, agency=agency, instance=item)
    status_event_record(
        actor=actor,
        agency=agency,
        instance=item,
        from_state="",
        to_state=item.state,
        data={"place": item.place, "holder": item.holder},
    )
    for upload in photos:
        file_attach(actor=actor, agency=agency, upload=upload, kind=PropertyFile.Kind.PHOTO, item=item)
    for upload in documents:
        file_attach(actor=actor, agency=agency, upload=upload, kind=PropertyFile.Kind.DOCUMENT, item=item)
    announce_public_change(agency=agency, source=SOURCE)
    return item


def _signature(*, actor, event: CustodyEvent) -> CustodySignature:
    try:
        with transaction.atomic():
            return CustodySignature.objects.create(
                event=event, signer=actor, signer_name=actor.get_username(), signed_at=timezone.now()
            )
    except IntegrityError:
        raise ValidationError(_("ท่านลงนามรายการนี้แล้ว"), code="signed_twice") from None


def pending_event(item: SeizedItem) -> CustodyEvent | None:
    """The item's event still waiting for its second signature, if any."""
    for event in item.custody_events.prefetch_related("signatures"):
        if len(event.signatures.all()) < SIGNATURES_NEEDED:
            return event
    return None


@transaction.atomic
def custody_record(
    *,
    actor,
    item: SeizedItem,
    kind: str,
    to_holder: str,
    to_place: str = "",
    occurred_on,
    note: str = "",
    documents=(),
) -> CustodyEvent:
    """Record one movement of a seized item, signed by who records it. It changes nothing yet: the holder
    and the place change when a second member of staff signs (``custody_sign``)."""
    item = SeizedItem.objects.select_for_update().select_related("rule", "department").get(pk=item.pk)
    if item.state != SeizedState.IN_STORE:
        raise ValidationError(
            _("ของกลางนี้ไม่ได้อยู่ในความเก็บรักษาแล้ว (%(state)s)") % {"state": item.get_state_display()}
        )
    if pending_event(item) is not None:
        raise ValidationError(_("มีรายการเคลื่อนไหวที่รอลงนามคนที่สองอยู่ โปรดให้ลงนามหรือบันทึกหลังจากนั้น"))
    if kind not in CustodyKind.values:
        raise ValidationError({"kind": _("ไม่รู้จักการดำเนินการนี้")})
    if kind == CustodyKind.MOVED and not to_place.strip():
        raise ValidationError({"to_place": _("โปรดระบุสถานที่เก็บใหม่")})
    if not to_holder.strip():
        raise ValidationError({"to_holder": _("โปรดระบุผู้รับมอบ")})
    event = CustodyEvent(
        agency=item.agency,
        item=item,
        kind=kind,
        to_place=to_place.strip(),
        to_holder=to_holder.strip(),
        occurred_on=occurred_on,
        note=note.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    record_create(actor=actor, agency=item.agency, instance=event)
    _signature(actor=actor, event=event)
    for upload in documents:
        file_attach(
            actor=actor, agency=item.agency, upload=upload, kind=PropertyFile.Kind.DOCUMENT, event=event
        )
    return event


@transaction.atomic
def custody_sign(*, actor, event: CustodyEvent) -> CustodySignature:
    """The second signature: by another member of staff than the recorder. With it, the event takes effect:
    the item's place, holder and state change, and a status event says so."""
    item = SeizedItem.objects.select_for_update().get(pk=event.item_id)
    signers = set(event.signatures.values_list("signer_id", flat=True))
    if len(signers) >= SIGNATURES_NEEDED:
        raise ValidationError(_("รายการนี้ลงนามครบแล้ว"))
    if actor.pk == event.recorded_by_id or actor.pk in signers:
        raise ValidationError(
            _("ผู้บันทึกรายการลงนามเป็นผู้ลงนามคนที่สองไม่ได้ ต้องเป็นเจ้าหน้าที่อีกคนหนึ่ง"), code="same_signer"
        )
    signature = _signature(actor=actor, event=event)
    if len(signers) + 1 >= SIGNATURES_NEEDED:
        before = snapshot(item)
        from_state = item.state
        if event.to_place:
            item.place = event.to_place
        item.holder = event.to_holder
        item.state = STATE_AFTER[event.kind]
        record_change(actor=actor, agency=item.agency, instance=item, before=before)
        status_event_record(
            actor=actor,
            agency=item.agency,
            instance=item,
            from_state=from_state,
            to_state=item.state,
            note=event.get_kind_display(),
            data={"event": event.pk, "place": item.place, "holder": item.holder},
        )
        announce_public_change(agency=item.agency, source=SOURCE)
    return signature


# --- stock-take -----------------------------------------------------------------------------------------


@transaction.atomic
def stocktake_record(
    *, actor, agency, department, checked_on, results: dict[int, str], note: str = ""
) -> StockTake:
    """A department's check of its assets on ``checked_on``: every asset of the department in use must have a
    result. A damaged one's condition becomes "ชำรุด"; a missing one stays in the register, flagged by the
    stock-take, for the committee to investigate."""
    assets = list(
        Asset.objects.for_agency(agency).filter(department=department).exclude(status=AssetStatus.DISPOSED)
    )
    missing = [a.number for a in assets if a.pk not in results]
    if missing:
        raise ValidationError(_("ยังไม่ได้ระบุผลการตรวจนับ: %(numbers)s") % {"numbers": ", ".join(missing[:10])})
    if set(results) - {a.pk for a in assets}:
        raise ValidationError(_("มีรายการที่ไม่ใช่ทรัพย์สินของฝ่ายนี้"))
    if any(value not in StockResult.values for value in results.values()):
        raise ValidationError(_("ผลการตรวจนับไม่ถูกต้อง"))
    stocktake = StockTake(
        agency=agency,
        department=department,
        checked_on=checked_on,
        checked_by=actor,
        checked_by_name=actor.get_full_name() or actor.get_username(),
        note=note,
    )
    record_create(actor=actor, agency=agency, instance=stocktake)
    StockTakeLine.objects.bulk_create(
        [StockTakeLine(stocktake=stocktake, asset_id=a.pk, result=results[a.pk]) for a in assets]
    )
    for asset in assets:
        if results[asset.pk] == StockResult.DAMAGED and asset.condition not in (
            Condition.DAMAGED,
            Condition.UNUSABLE,
        ):
            asset_update(actor=actor, asset=asset, condition=Condition.DAMAGED)
    return stocktake
