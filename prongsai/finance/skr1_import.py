"""Reading an SKR-1 (สขร.๑) sheet in its standard layout back into procurement records (pure but for the
tabular reader): the title gives the month, the header row the columns, each row a procurement. Every row
that cannot be read is reported with its row number and nothing is taken."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from prongsai.documents.tabular import TabularError, read_rows
from prongsai.thai.dates import ThaiDateError, parse_be_date, thai_month_name
from prongsai.thai.digits import to_arabic_digits
from prongsai.thai.fiscal import month_end
from prongsai.thai.money import MoneyError, parse_baht

from .models import Method, Procurement

COLUMN_WORDS = (
    ("number", "ลำดับ"),
    ("title", "งานที่จัดซื้อ"),
    ("budget", "วงเงิน"),
    ("reference", "ราคากลาง"),
    ("method", "วิธีซื้อ"),
    ("bidders", "ผู้เสนอราคา"),
    ("winner", "ผู้ได้รับการคัดเลือก"),
    ("reason", "เหตุผล"),
    ("contract_number", "เลขที่"),
)
_PRICED = re.compile(r"^(?P<name>.*?)\s*(?:ราคา|/|:)\s*(?P<price>[\d๐-๙,\.]+)\s*(?:บาท)?\s*$")


class Skr1Error(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems[:5]))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def method_of(text: str) -> str | None:
    cleaned = to_arabic_digits(text).lower()
    if "e-bidding" in cleaned or "ประกวดราคา" in cleaned:
        return Method.E_BIDDING
    if "e-market" in cleaned or "ตลาดอิเล็กทรอนิกส์" in cleaned:
        return Method.E_MARKET
    if "คัดเลือก" in cleaned:
        return Method.SELECTION
    if "เฉพาะเจาะจง" in cleaned or "ตกลงราคา" in cleaned:
        return Method.SPECIFIC
    return None


def _priced(text: str) -> tuple[str, Decimal] | None:
    match = _PRICED.match(" ".join(text.split()))
    if not match or not match.group("name"):
        return None
    return match.group("name").strip(), parse_baht(match.group("price"))


def _month_of(title: str) -> datetime.date | None:
    arabic = to_arabic_digits(title)
    for number in range(1, 13):
        name = thai_month_name(number)
        if name in arabic:
            year = re.search(name + r"\s*(?:พ\.ศ\.)?\s*(\d{4})", arabic)
            if year:
                return datetime.date(int(year.group(1)) - 543, number, 1)
    return None


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return parse_be_date(str(value))


def procurements_from_sheet(upload, fmt: str) -> list[tuple[dict, list[tuple[str, Decimal]]]]:
    try:
        rows = read_rows(upload, fmt, max_rows=2000, header=False)
    except TabularError as exc:
        raise Skr1Error([str(exc)]) from None
    month = None
    columns: dict[str, int] | None = None
    problems: list[str] = []
    out = []
    for number, cells in rows:
        texts = [_text(c) for c in cells]
        joined = " ".join(t for t in texts if t)
        if columns is None:
            if month is None and "ในรอบเดือน" in joined:
                month = _month_of(joined)
            found: dict[str, int] = {}
            for index, text in enumerate(texts):
                for key, word in COLUMN_WORDS:
                    if word in text and key not in found:
                        found[key] = index
                        break
            if {"title", "budget", "method"} <= found.keys():
                columns = found
                # "เลขที่และวันที่ของสัญญา" spans two cells: the number, then the date
                if "contract_number" in found:
                    columns["contract_date"] = found["contract_number"] + 1
            continue
        if texts[:1] == [""] and any(t in ("เลขที่", "วันที่") for t in texts):
            continue  # the second header row
        if "ไม่มีการจัดซื้อจัดจ้าง" in joined:
            continue
        cell = {key: cells[i] if i < len(cells) else None for key, i in columns.items()}
        where = f"แถวที่ {number}"
        try:
            method = method_of(_text(cell.get("method")))
            if method is None:
                raise ValueError(f"ไม่รู้จักวิธีซื้อหรือจ้าง “{_text(cell.get('method'))}”")
            bids = []
            for line in _text(cell.get("bidders")).splitlines():
                if line.strip():
                    priced = _priced(line)
                    if priced is None:
                        raise ValueError(f"อ่านผู้เสนอราคา “{line}” ไม่ได้ (ชื่อ ราคา ... บาท)")
                    bids.append(priced)
            winner, agreed = "", None
            if _text(cell.get("winner")):
                priced = _priced(_text(cell.get("winner")))
                if priced is None:
                    raise ValueError(f"อ่านผู้ได้รับการคัดเลือก “{_text(cell.get('winner'))}” ไม่ได้")
                winner, agreed = priced
            contract_date = _date(cell.get("contract_date"))
            if month is None:
                raise ValueError("ไม่พบเดือนในชื่อแบบ (สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ...)")
            decided = (
                contract_date if contract_date and contract_date.replace(day=1) == month else month_end(month)
            )
            values = {
                "title": _text(cell.get("title"))[:500],
                "budget_amount": parse_baht(cell.get("budget")),
                "reference_price": parse_baht(cell["reference"]) if _text(cell.get("reference")) else None,
                "method": method,
                "winner": winner,
                "agreed_price": agreed,
                "reason": _text(cell.get("reason"))[:500],
                "contract_number": _text(cell.get("contract_number"))[:100],
                "contract_date": contract_date,
                "decided_on": decided,
                "status": Procurement.Status.CONTRACTED if contract_date else Procurement.Status.AWARDED,
            }
            if not values["title"]:
                raise ValueError("ไม่มีชื่องานที่จัดซื้อหรือจัดจ้าง")
        except (ValueError, MoneyError, ThaiDateError) as exc:
            problems.append(f"{where}: {exc}")
            continue
        out.append((values, bids))
    if columns is None:
        problems.append("ไม่พบหัวตารางแบบ สขร.๑ (ลำดับที่ งานที่จัดซื้อหรือจัดจ้าง วงเงิน ... )")
    if problems:
        raise Skr1Error(problems)
    return out
