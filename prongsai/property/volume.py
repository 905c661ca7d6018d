"""Load-test volume (`prongsai loadtest-data`): each agency's share of the asset register and of the loans of
its lendable assets (past loans returned, one after another per asset so that none overlaps, as the booking
rule requires; the latest few still out), in bulk. Codes are made as the services make them."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from prongsai.agencies.codes import new_code
from prongsai.agencies.volume import insert, share
from prongsai.thai.fiscal import fiscal_year_bounds

from .models import Asset, AssetStatus, Category, Condition, Loan, LoanState

BANGKOK = ZoneInfo("Asia/Bangkok")
BATCH = 5000
KINDS = [
    (Category.OFFICE, "โต๊ะทำงานเหล็ก", "7110-001"),
    (Category.OFFICE, "เก้าอี้พลาสติก", "7110-006"),
    (Category.COMPUTER, "เครื่องคอมพิวเตอร์ตั้งโต๊ะ", "7440-001"),
    (Category.COMPUTER, "เครื่องพิมพ์เลเซอร์", "7440-003"),
    (Category.ELECTRICAL, "เครื่องขยายเสียงพร้อมลำโพง", "5830-002"),
    (Category.HOUSEHOLD, "เต็นท์ผ้าใบ ขนาด ๔ x ๘ เมตร", "8340-001"),
    (Category.VEHICLE, "รถบรรทุกขยะ", "2320-004"),
    (Category.SPORTS, "โต๊ะพับอเนกประสงค์", "7105-002"),
]
LENDABLE = {"เต็นท์ผ้าใบ ขนาด ๔ x ๘ เมตร", "เก้าอี้พลาสติก", "โต๊ะพับอเนกประสงค์", "เครื่องขยายเสียงพร้อมลำโพง"}
BORROWERS = ["ชุมชนบ่อนไก่", "ชุมชนซอยพระเจน", "มัสยิดดารุ้ลอิห์ซาน", "วัดดวงแข", "โรงเรียนวัดปทุมวนาราม"]


def load(agencies, fiscal_years, counts, progress) -> dict[str, int]:
    rng = random.Random(2566)  # noqa: S311 (synthetic data, the same every run; codes come from secrets)
    start, _e = fiscal_year_bounds(fiscal_years[0])
    today = timezone.localdate()
    span = (today - start).days
    made = {"assets": 0, "loans": 0}
    with progress("assets and loans", counts["assets"] + counts["loans"]) as bar:
        for index, agency in enumerate(agencies):
            departments = list(agency.departments.values_list("pk", flat=True))
            want = share(counts["assets"], agencies, index)
            lendable = []
            for first in range(0, want, BATCH):
                assets = []
                for n in range(first, min(want, first + BATCH)):
                    category, name, prefix = rng.choice(KINDS)
                    acquired = start + datetime.timedelta(days=rng.randint(0, span))
                    assets.append(
                        Asset(
                            agency=agency,
                            number=f"{prefix}-{n + 1:06d}/{acquired.year + 543}",
                            category=category,
                            name=name,
                            acquired_on=acquired,
                            price=Decimal(rng.randint(500, 900_000)),
                            location=f"อาคารสำนักงานเขต ชั้น {rng.randint(1, 5)}",
                            department_id=rng.choice(departments),
                            condition=rng.choices(Condition.values, [70, 20, 8, 2])[0],
                            status=AssetStatus.AVAILABLE,
                            lendable_to_public=name in LENDABLE,
                            public_code=new_code(8),
                        )
                    )
                with transaction.atomic():
                    insert(Asset, assets, batch_size=1000)
                lendable += [a for a in assets if a.lendable_to_public]
                made["assets"] += len(assets)
                bar.update(len(assets))
            loans = share(counts["loans"], agencies, index)
            if not lendable:
                continue
            # Loans go round the lendable assets; each asset's loans follow one another in time.
            next_free = {a.pk: start for a in lendable}
            rows = []
            for n in range(loans):
                asset = lendable[n % len(lendable)]
                begins = next_free[asset.pk] + datetime.timedelta(days=rng.randint(1, 20))
                ends = begins + datetime.timedelta(days=rng.randint(0, 3))
                next_free[asset.pk] = ends
                returned = ends < today
                rows.append(
                    Loan(
                        agency=agency,
                        asset=asset,
                        code=new_code(10),
                        borrower_kind=Loan.Borrower.PUBLIC,
                        borrower_name=rng.choice(BORROWERS),
                        borrower_phone=f"08{rng.randint(10000000, 99999999)}",
                        purpose="จัดงานบุญประจำปีของชุมชน",
                        starts_on=begins,
                        ends_on=ends,
                        state=LoanState.RETURNED if returned else LoanState.APPROVED,
                        condition_out=Condition.GOOD,
                        condition_in=Condition.GOOD if returned else "",
                        checked_out_at=datetime.datetime.combine(begins, datetime.time(9), tzinfo=BANGKOK)
                        if returned
                        else None,
                        returned_at=datetime.datetime.combine(ends, datetime.time(16), tzinfo=BANGKOK)
                        if returned
                        else None,
                    )
                )
            with transaction.atomic():
                insert(Loan, rows, batch_size=2000)
            made["loans"] += len(rows)
            bar.update(len(rows))
    return made
