"""Tables for the tests, taken from the seed plan of สำนักงานเขตปทุมวัน (2566) and an SKR-1 month."""

import datetime
import subprocess
import unicodedata
from decimal import Decimal

from prongsai.documents.tables import Column, GroupRow, HeaderGroup, Table

PLAN_COLUMNS = (
    Column("indicator", "ตัวชี้วัด", 1.1),
    Column("issue", "ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ", 1.5),
    Column("activity", "กิจกรรมที่จะดำเนินการ", 1.7),
    Column("output", "ผลผลิต", 1.2),
    Column("awareness", "วิธีการสร้างการรับรู้", 1.3),
    Column("due", "ระยะเวลาแล้วเสร็จ", 0.8, kind="date"),
    Column("owner", "ผู้รับผิดชอบ", 1.0),
    Column("follow_up", "ระยะเวลากำกับติดตาม", 0.8, align="center"),
)

PLAN_ROWS = [
    {
        "indicator": "๑) การปฏิบัติหน้าที่",
        "issue": "พัฒนาจุดบริการศูนย์ราชการฉับไว ใสสะอาด",
        "activity": "กิจกรรมสร้างวัฒนธรรมการให้บริการกับเจ้าหน้าที่ประจำจุด - บริการด้วยใจ ใสใจ ด้วยความยิ้มแย้ม"
        " - การพัฒนาบุคลิกภาพ - check list การปฏิบัติตามคู่มือและมาตรฐาน",
        "output": "๑ ครั้ง/เดือน",
        "awareness": "เขตยุคใหม่ ใสใจบริการ",
        "due": datetime.date(2023, 3, 30),
        "owner": "ฝ่ายทะเบียน ฝ่ายปกครอง",
        "follow_up": "ทุก ๑ เดือน",
    },
    {
        "issue": "เพิ่มจุดเผยแพร่ คู่มือ ขั้นตอนการให้บริการ และเผยแพร่ระบบ e-service",
        "activity": "- ประชาสัมพันธ์ คู่มือ checklist และ ขั้นตอนการให้บริการและระบบ e-service",
        "output": "- info graphic ๑ แผ่น จำนวน ๑ จุด",
        "awareness": "สื่อสารโดยสื่อประชาสัมพันธ์ info graphic ณ จุดบริการ",
        "due": datetime.date(2023, 3, 30),
        "owner": "ฝ่ายปกครอง",
        "follow_up": "ทุก ๑ เดือน",
    },
    {
        "issue": "เพิ่มช่องทางการให้บริการผู้ด้อยโอกาส กลุ่มเปราะบาง",
        "activity": "- เพิ่มช่องทางการให้บริการผู้ด้อยโอกาส กลุ่มเปราะบาง และกำหนดเจ้าหน้าที่ประจำจุด",
        "output": "- ป้ายสัญลักษณ์ติดตามจุดต่างๆ ของสำนักงานเขตปทุมวัน",
        "awareness": "สื่อสารสร้างการรับรู้ ความใสใจ การให้บริการต่อกลุ่มดังกล่าว ผ่าน facebook ผ่าน line group",
        "due": datetime.date(2023, 3, 30),
        "owner": "ฝ่ายทะเบียน ฝ่ายปกครอง",
        "follow_up": "ทุก ๑ เดือน",
    },
    {
        "issue": "เผยแพร่มาตรการป้องกันการรับสินบนและ No Gift Policy",
        "activity": "จัดทำสื่อเผยแพร่มาตรการป้องกันการรับสินบนและ No Gift Policy",
        "output": "- info graphic ๑ แผ่น - ติดบริเวณสำนักงานเขตปทุมวัน",
        "awareness": "สื่อสารสร้างการรับรู้ ความใส่ใจ การให้บริการต่อกลุ่มดังกล่าวผ่าน fb ผ่าน line group ต่าง ๆ",
        "due": datetime.date(2023, 3, 30),
        "owner": "ฝ่ายปกครอง",
        "follow_up": "ทุก ๑ เดือน",
    },
    GroupRow("ตัวชี้วัดที่ ๒ การใช้งบประมาณ"),
    {
        "indicator": "๒) การใช้งบประมาณ",
        "issue": "เผยแพร่ข้อมูลงบประมาณของสำนักงานเขต",
        "activity": "จัดทำ info graphic สรุปข้อมูลการใช้งบประมาณของสำนักงานเขต",
        "output": "- info graphic ๑ แผ่น",
        "awareness": "จัดประชุมทุกเดือน",
        "due": datetime.date(2023, 4, 5),
        "owner": "ฝ่ายการคลัง",
        "follow_up": "ทุก ๑ เดือน",
    },
]


def plan_table(rows=None, **kwargs) -> Table:
    return Table(
        title="มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของสำนักงานเขตปทุมวัน",
        subtitle=["ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"],
        columns=PLAN_COLUMNS,
        rows=PLAN_ROWS if rows is None else rows,
        **{"landscape": True, **kwargs},
    )


SKR1_COLUMNS = (
    Column("no", "ลำดับที่", 0.5, align="center"),
    Column("work", "งานที่จัดซื้อหรือจัดจ้าง", 2),
    Column("budget", "วงเงินที่จะซื้อหรือจ้าง", 1.1, kind="money"),
    Column("median", "ราคากลาง", 1.1, kind="money"),
    Column("method", "วิธีซื้อหรือจ้าง", 1),
    Column("bidders", "รายชื่อผู้เสนอราคาและราคาที่เสนอ", 1.6),
    Column("winner", "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง", 1.6),
    Column("reason", "เหตุผลที่คัดเลือกโดยสรุป", 1.2),
    Column("contract_no", "เลขที่", 0.8, align="center"),
    Column("contract_date", "วันที่", 0.9, kind="date"),
)


def skr1_table(rows=None, **kwargs) -> Table:
    rows = (
        [
            {
                "no": 1,
                "work": "จัดซื้อวัสดุสำนักงาน <b>กระดาษ</b> & หมึกพิมพ์",
                "budget": Decimal("12500.00"),
                "median": Decimal("12500"),
                "method": "เฉพาะเจาะจง",
                "bidders": "หจก.ปทุมวันเครื่องเขียน ๑๒,๔๐๐.๐๐ บาท",
                "winner": "หจก.ปทุมวันเครื่องเขียน ๑๒,๔๐๐.๐๐ บาท",
                "reason": "ราคาต่ำสุดและคุณสมบัติครบถ้วน",
                "contract_no": "๑๒/๒๕๖๖",
                "contract_date": datetime.date(2023, 3, 3),
            },
            {
                "no": 2,
                "work": "จ้างซ่อมแซมเครื่องปรับอากาศ สำนักงานเขตปทุมวัน",
                "budget": Decimal("1234567.5"),
                "median": Decimal("1200000.00"),
                "method": "e-bidding",
                "bidders": "บริษัท เย็นสบาย จำกัด ๑,๑๙๐,๐๐๐.๐๐ บาท",
                "winner": "บริษัท เย็นสบาย จำกัด ๑,๑๙๐,๐๐๐.๐๐ บาท",
                "reason": "ราคาต่ำสุด",
                "contract_no": "๑๓/๒๕๖๖",
                "contract_date": datetime.date(2023, 3, 20),
            },
        ]
        if rows is None
        else rows
    )
    return Table(
        title="สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนมีนาคม ๒๕๖๖",
        subtitle=["สำนักงานเขตปทุมวัน กรุงเทพมหานคร"],
        columns=SKR1_COLUMNS,
        header_groups=[
            HeaderGroup("เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง", ("contract_no", "contract_date"))
        ],
        rows=rows,
        total={"work": "รวม", "budget": sum((r["budget"] for r in rows), Decimal(0))} if rows else None,
        landscape=True,
        form_code="แบบ สขร.๑",
        empty_text="ไม่มีการจัดซื้อจัดจ้าง",
        notes=["ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๖"],
        **kwargs,
    )


def pdf_text(pdf: bytes, page: int | None = None) -> str:
    """Text of a PDF (or one page) in content order, as poppler extracts it for copy and search.

    ``-raw`` keeps the order of the content stream; the default layout mode of pdftotext puts raised
    Thai tone marks on a line of their own."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", *pages, "-", "-"], input=pdf, capture_output=True, check=True
    )
    return result.stdout.decode()


def comparable(text: str) -> str:
    """Text as our PDFs give it back: NFKC (ำ comes out as ํ + า) without zero-width spaces."""
    return unicodedata.normalize("NFKC", text).replace("\u200b", "")
