"""The seed's budget table as the plan document prints it, and small builders for tests."""

import datetime
from decimal import Decimal

from prongsai.finance import services
from prongsai.finance.models import Method, Procurement

SEED_ROWS = [
    ("งบบุคลากร", "189,051,600.00", "109,935,890.01", "79,115,709.99", "28.10"),
    ("งบดำเนินงาน", "88,341,370.00", "39,600,825.84", "48,740,544.16", "10.12"),
    ("งบลงทุน", "45,519,320.00", "1,539,849.00", "43,979,516.60", "0.39"),
    ("งบเงินอุดหนุน", "9,599,800.00", "3,549,849.00", "6,049,951.00", "0.91"),
    ("งบรายจ่ายอื่น", "58,723,590.00", "5,742,716.65", "52,980,873.35", "1.47"),
]
SEED_TOTAL = ("รวม", "391,235,680.00", "160,369,084.90", "230,866,595.10", "40.99")
KEYS = ("category", "allocated", "disbursed", "remaining", "rate")


def seed_table() -> dict:
    return {
        "title": "รายงานสรุปการใช้จ่ายงบประมาณสำนักงานเขตปทุมวัน ปีงบประมาณ 2566",
        "fiscal_year": 2566,
        "as_of": "2023-05-10",
        "rows": [{"line": 23 + i, **dict(zip(KEYS, row, strict=True))} for i, row in enumerate(SEED_ROWS)],
        "total": {"line": 28, **dict(zip(KEYS, SEED_TOTAL, strict=True))},
    }


def seed_budget(world, *, publish=True):
    result = services.budget_import_printed(
        actor=world.coordinator, agency=world.agency, fiscal_year=2566, table=seed_table()
    )
    if publish:
        services.budget_publish(actor=world.coordinator, budget=result.budget)
    return result


def procurement(world, *, title="จัดซื้อวัสดุสำนักงาน", day=datetime.date(2022, 11, 15), method=Method.SPECIFIC,
                budget="45000.00", reference="45000.00", winner="ร้านรุ่งเรืองพาณิชย์", agreed="44500.00",
                bids=(("ร้านรุ่งเรืองพาณิชย์", "44500.00"),), department=None, status=Procurement.Status.CONTRACTED,
                contract="ปท.12/2566", agency=None, actor=None):  # fmt: skip
    values = {
        "title": title,
        "department": department or world.administration,
        "budget_amount": Decimal(budget),
        "reference_price": Decimal(reference) if reference else None,
        "method": method,
        "winner": winner,
        "agreed_price": Decimal(agreed) if agreed else None,
        "reason": "เสนอราคาต่ำสุดและคุณสมบัติครบถ้วน" if winner else "",
        "contract_number": contract,
        "contract_date": day + datetime.timedelta(days=3) if contract else None,
        "egp_number": "",
        "decided_on": day,
        "status": status,
    }
    return services.procurement_save(
        actor=actor or world.coordinator,
        agency=agency or world.agency,
        values=values,
        bids=[(b, Decimal(p)) for b, p in bids],
    )
