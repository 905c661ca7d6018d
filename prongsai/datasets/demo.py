"""Demo: three datasets of item 12 of the seed (statistics of the first six months, FY2566), attached to O12,
with sample figures for October 2565 – March 2566. The figures are invented and say so."""

from __future__ import annotations

import datetime

from django.db import transaction

from . import services
from .models import Dataset
from .services import ColumnSpec

SAMPLE = "ตัวเลขในชุดข้อมูลนี้เป็นข้อมูลตัวอย่างสำหรับสาธิตระบบ ไม่ใช่ข้อมูลจริงของหน่วยงาน"
MONTHS = [datetime.date(2022, 10, 1), datetime.date(2022, 11, 1), datetime.date(2022, 12, 1)] + [
    datetime.date(2023, m, 1) for m in (1, 2, 3)
]

DATASETS = [
    {
        "department": "revenue",
        "slug_base": "revenue-fees",
        "title": "รายได้ ค่าธรรมเนียม และค่าใบอนุญาต รายเดือน",
        "description": "รายได้ที่ฝ่ายรายได้จัดเก็บ แยกตามประเภท ปีงบประมาณ พ.ศ. 2566",
        "chart_column": "amount",
        "columns": [
            ColumnSpec("kind", "ประเภทรายได้", "text", required=True),
            ColumnSpec("count", "จำนวนราย", "integer", "ราย"),
            ColumnSpec("amount", "จำนวนเงิน", "money", "บาท", required=True),
        ],
        "rows": lambda i: [
            {"kind": "ภาษีป้าย", "count": 40 + 3 * i, "amount": f"{182500 + 9350 * i}.00"},
            {"kind": "ค่าธรรมเนียมเก็บขนมูลฝอย", "count": 310 + 12 * i, "amount": f"{96420 + 2150 * i}.50"},
            {
                "kind": "ค่าใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ",
                "count": 18 + i,
                "amount": f"{27000 + 1500 * i}.00",
            },
        ],
    },
    {
        "department": "city-law",
        "slug_base": "motorcycle-taxi",
        "title": "จุดจอดรถจักรยานยนต์รับจ้าง (วิน) และการออกใบรับรอง",
        "description": "จำนวนวินที่ขึ้นทะเบียนและใบรับรองที่ออกให้ผู้ขับขี่รถจักรยานยนต์สาธารณะรายเดือน",
        "chart_column": "certificates",
        "columns": [
            ColumnSpec("area", "แขวง", "text", required=True),
            ColumnSpec("stands", "จำนวนวิน", "integer", "แห่ง", required=True),
            ColumnSpec("certificates", "ใบรับรองที่ออก", "integer", "ใบ", required=True),
        ],
        "rows": lambda i: [
            {"area": "แขวงรองเมือง", "stands": 21, "certificates": 9 + (i * 5) % 7},
            {"area": "แขวงวังใหม่", "stands": 34, "certificates": 14 + (i * 3) % 6},
            {"area": "แขวงปทุมวัน", "stands": 28, "certificates": 11 + (i * 4) % 5},
            {"area": "แขวงลุมพินี", "stands": 39, "certificates": 17 + (i * 2) % 8},
        ],
    },
    {
        "department": "registration",
        "slug_base": "foreign-worker-cards",
        "title": "การออกบัตรแรงงานต่างด้าว (บัตรสีชมพู)",
        "description": "จำนวนบัตรประจำตัวคนซึ่งไม่มีสัญชาติไทยที่ออกให้แรงงานต่างด้าว แยกตามสัญชาติ",
        "chart_column": "cards",
        "columns": [
            ColumnSpec("nationality", "สัญชาติ", "text", required=True),
            ColumnSpec("cards", "บัตรที่ออก", "integer", "ใบ", required=True),
        ],
        "rows": lambda i: [
            {"nationality": "เมียนมา", "cards": 120 + (i * 37) % 60},
            {"nationality": "กัมพูชา", "cards": 45 + (i * 17) % 25},
            {"nationality": "ลาว", "cards": 30 + (i * 11) % 20},
        ],
    },
]


@transaction.atomic
def load_demo(agency, *, stdout) -> None:
    for spec in DATASETS:
        if Dataset.objects.for_agency(agency).filter(title=spec["title"]).exists():
            stdout.write(f"kept dataset {spec['title']}")
            continue
        department = agency.departments.filter(code=spec["department"]).first()
        if department is None:
            stdout.write(f"skipped dataset {spec['title']}: no department {spec['department']}")
            continue
        dataset = services.dataset_create(
            actor=None,
            agency=agency,
            department=department,
            title=spec["title"],
            description=f"{spec['description']} ({SAMPLE})",
            columns=spec["columns"],
            frequency="monthly",
            disclosure_item_code="o12",
            chart_column=spec["chart_column"],
            slug_base=spec["slug_base"],
        )
        for index, month in enumerate(MONTHS):
            services.rows_replace(actor=None, dataset=dataset, period=month, rows=spec["rows"](index))
        services.dataset_publish(actor=None, dataset=dataset, publish=True)
        stdout.write(f"created dataset {dataset.title} ({len(MONTHS)} months)")
