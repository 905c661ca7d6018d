"""Money of an agency: the year's budget (lines per expense category, transfers, disbursement snapshots "as
of" a date, community subsidies) and its procurements (bids, the winner, the contract, the documents).

Only what people enter is stored: what remains, the rates and every total are computed (``selectors``). A
table printed in a document (the budget report inside the integrity plan, an imported report) is kept as it
was printed in ``Budget.printed``, beside the records, so that every difference can be shown.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, AgencyScopedQuerySet, Department

MONEY = {"max_digits": 15, "decimal_places": 2}
ZERO = Decimal("0.00")


class Category(models.TextChoices):
    PERSONNEL = "personnel", _("งบบุคลากร")
    OPERATIONS = "operations", _("งบดำเนินงาน")
    INVESTMENT = "investment", _("งบลงทุน")
    SUBSIDIES = "subsidies", _("งบเงินอุดหนุน")
    OTHER = "other", _("งบรายจ่ายอื่น")


CATEGORY_ORDER = {value: index for index, value in enumerate(Category.values)}


class BudgetQuerySet(AgencyScopedQuerySet):
    def published(self):
        return self.filter(is_published=True)


class Budget(models.Model):
    """One fiscal year's budget of an agency (Buddhist-era year)."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("บันทึกในระบบ")
        PLAN = "plan", _("ตารางในแผนส่งเสริมคุณธรรม")
        IMPORT = "import", _("นำเข้าจากไฟล์")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="budgets")
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    title = models.CharField(_("ชื่อรายงาน"), max_length=300, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    # The table as the document printed it: {"title", "as_of", "rows": [{category, allocated, disbursed,
    # remaining, rate}], "total": {...}, "mismatches": [...]}; strings, exactly as typed.
    printed = models.JSONField(null=True, blank=True)
    ordinance = models.FileField(_("ข้อบัญญัติงบประมาณ"), upload_to="finance/ordinance/", blank=True)
    ordinance_token = models.CharField(max_length=32, blank=True)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year"], name="finance_budget_year")]
        ordering = ["-fiscal_year"]

    def __str__(self):
        return f"{self.agency.slug} {self.fiscal_year}"


class BudgetLine(models.Model):
    """A line of the budget: an expense category or a sub-line under one (``parent``)."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="lines")
    category = models.CharField(_("หมวดรายจ่าย"), max_length=12, choices=Category.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("รายการ"), max_length=300)
    amount = models.DecimalField(_("งบประมาณตามข้อบัญญัติ"), **MONEY, validators=[MinValueValidator(ZERO)])
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class BudgetTransfer(models.Model):
    """Money moved from one line to another (โอนงบประมาณ); either side may be outside the agency (blank)."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="transfers")
    from_line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers_out"
    )
    to_line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers_in"
    )
    amount = models.DecimalField(_("จำนวนเงิน"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    transferred_on = models.DateField(_("วันที่โอน"))
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)

    class Meta:
        ordering = ["transferred_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_line__isnull=False) | Q(to_line__isnull=False), name="finance_transfer_side"
            )
        ]

    def __str__(self):
        return f"{self.amount} {self.transferred_on}"


class DisbursementSnapshot(models.Model):
    """What had been disbursed on each line by a date (cumulative, as the finance report states it)."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="snapshots")
    as_of = models.DateField(_("ข้อมูล ณ วันที่"))
    note = models.CharField(_("หมายเหตุ"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["as_of"]
        constraints = [models.UniqueConstraint(fields=["budget", "as_of"], name="finance_snapshot_day")]

    def __str__(self):
        return str(self.as_of)


class Disbursement(models.Model):
    snapshot = models.ForeignKey(DisbursementSnapshot, on_delete=models.PROTECT, related_name="amounts")
    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="disbursements")
    amount = models.DecimalField(_("เบิกจ่ายทั้งสิ้น"), **MONEY, validators=[MinValueValidator(ZERO)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["snapshot", "line"], name="finance_disbursement_line")]

    def __str__(self):
        return f"{self.line_id}: {self.amount}"


class PlannedSpending(models.Model):
    """The spending plan (แผนการใช้จ่ายงบประมาณ): what a category is planned to disburse in a month."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="planned")
    category = models.CharField(_("หมวดรายจ่าย"), max_length=12, choices=Category.choices)
    month = models.DateField(_("เดือน"))  # the first day of the month
    amount = models.DecimalField(_("แผนการเบิกจ่าย"), **MONEY, validators=[MinValueValidator(ZERO)])

    class Meta:
        ordering = ["month", "category"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "category", "month"], name="finance_planned_month")
        ]

    def __str__(self):
        return f"{self.category} {self.month:%Y-%m}: {self.amount}"


class Subsidy(models.Model):
    """A community subsidy (เงินอุดหนุนชุมชน): who received it, for what, how much."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="subsidies")
    community = models.CharField(_("ชุมชนผู้รับเงินอุดหนุน"), max_length=200)
    purpose = models.CharField(_("วัตถุประสงค์"), max_length=400)
    amount = models.DecimalField(_("จำนวนเงิน"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    paid_on = models.DateField(_("วันที่จ่าย"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    # --- procurement -----------------------------------------------------------------------------------------

    def __str__(self):
        return self.community


class Method(models.TextChoices):
    """Methods of the Public Procurement Act B.E. 2560, with the e-GP names Thai offices print."""

    SPECIFIC = "specific", _("เฉพาะเจาะจง")
    SELECTION = "selection", _("คัดเลือก")
    E_MARKET = "e_market", _("ตลาดอิเล็กทรอนิกส์ (e-market)")
    E_BIDDING = "e_bidding", _("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)")


class ProcurementQuerySet(AgencyScopedQuerySet):
    def public(self):
        return self.exclude(status=Procurement.Status.DRAFT)


class Procurement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("ร่าง (ยังไม่เผยแพร่)")
        ANNOUNCED = "announced", _("ประกาศเชิญชวนแล้ว")
        AWARDED = "awarded", _("ประกาศผู้ชนะแล้ว")
        CONTRACTED = "contracted", _("ลงนามสัญญาแล้ว")
        COMPLETED = "completed", _("ส่งมอบและตรวจรับแล้ว")
        CANCELLED = "cancelled", _("ยกเลิก")

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="procurements")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="procurements"
    )
    code = models.CharField(max_length=16, unique=True)  # random, for public addresses
    fiscal_year = models.PositiveSmallIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    title = models.CharField(_("งานที่จัดซื้อหรือจัดจ้าง"), max_length=500)
    budget_amount = models.DecimalField(
        _("วงเงินที่จะซื้อหรือจ้าง"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    reference_price = models.DecimalField(
        _("ราคากลาง"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    method = models.CharField(_("วิธีซื้อหรือจ้าง"), max_length=12, choices=Method.choices)
    winner = models.CharField(_("ผู้ได้รับการคัดเลือก"), max_length=300, blank=True)
    agreed_price = models.DecimalField(
        _("ราคาที่ตกลงซื้อหรือจ้าง"), **MONEY, null=True, blank=True, validators=[MinValueValidator(ZERO)]
    )
    reason = models.CharField(_("เหตุผลที่คัดเลือกโดยสรุป"), max_length=500, blank=True)
    contract_number = models.CharField(_("เลขที่สัญญาหรือข้อตกลง"), max_length=100, blank=True)
    contract_date = models.DateField(_("วันที่ของสัญญาหรือข้อตกลง"), null=True, blank=True)
    egp_number = models.CharField(
        _("เลขที่โครงการ e-GP"),
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^\d{11}$", _("เลขที่โครงการ e-GP มี ๑๑ หลัก"))],
    )
    # The month of the SKR-1 summary this procurement is reported in (the day the result was decided).
    decided_on = models.DateField(_("วันที่ได้ผลการจัดซื้อจัดจ้าง"))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    ocid = models.CharField(_("OCID"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcurementQuerySet.as_manager()

    class Meta:
        ordering = ["decided_on", "pk"]
        indexes = [models.Index(fields=["agency", "fiscal_year", "decided_on"])]

    def __str__(self):
        return self.title


class Bid(models.Model):
    procurement = models.ForeignKey(Procurement, on_delete=models.PROTECT, related_name="bids")
    bidder = models.CharField(_("ผู้เสนอราคา"), max_length=300)
    price = models.DecimalField(_("ราคาที่เสนอ"), **MONEY, validators=[MinValueValidator(ZERO)])
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.bidder


class ProcurementDocument(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", _("แผนการจัดซื้อจัดจ้าง")
        INVITATION = "invitation", _("ประกาศเชิญชวน")
        ANNOUNCEMENT = "announcement", _("ประกาศ")
        RESULT = "result", _("ประกาศผู้ชนะการเสนอราคา")
        CONTRACT = "contract", _("สัญญาหรือข้อตกลง")

    procurement = models.ForeignKey(Procurement, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    title = models.CharField(_("ชื่อเอกสาร"), max_length=300)
    dated = models.DateField(_("วันที่"))
    file = models.FileField(upload_to="finance/procurement/", blank=True)
    token = models.CharField(max_length=32, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["dated", "pk"]

    def __str__(self):
        return self.title
