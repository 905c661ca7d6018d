"""Reading what is inside uploaded documents, with limits on what they expand to.

DOCX and XLSX are ZIP containers: a small file can expand to gigabytes (a "decompression bomb"). Before any
library opens one, ``check_container`` reads the ZIP directory only (the sizes its members say they have)
and refuses too many members, too much in all, or a ratio no real office document has. The readers then
stop at a number of characters, rows and pages, so that extracting text takes bounded time and memory
whatever the file. Written here because python-docx and openpyxl trust the container they are given.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_MEMBERS = 2_000
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # in all, as the ZIP directory declares it
MAX_RATIO = 120  # real DOCX/XLSX compress 3-20x; zeros or repeated rows compress 1000x
MAX_MEMBER_RATIO_FLOOR = 1024 * 1024  # members smaller than this are not judged by their ratio
MAX_CHARS = 500_000
MAX_ROWS = 20_000
MAX_PAGES = 500


class UnsafeContainer(ValueError):
    """The file would expand to more than a document may (the message says how, in the reader's language)."""


@dataclass(frozen=True)
class ContainerSize:
    members: int
    compressed: int
    uncompressed: int


def check_container(data: bytes | io.BufferedIOBase) -> ContainerSize:
    """Refuse a ZIP container (DOCX, XLSX) that would expand too far; reads only its directory."""
    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeContainer(_("ไฟล์เสียหายหรือไม่ใช่ไฟล์ Office ที่อ่านได้")) from exc
    if len(members) > MAX_MEMBERS:
        raise UnsafeContainer(_("ไฟล์มีส่วนประกอบมากเกินไป (%(n)s ส่วน)") % {"n": len(members)})
    compressed = sum(m.compress_size for m in members)
    uncompressed = sum(m.file_size for m in members)
    if uncompressed > MAX_UNCOMPRESSED:
        raise UnsafeContainer(
            _("ไฟล์จะขยายเป็น %(mb)s MB เมื่อเปิด เกินที่รับได้ (%(max)s MB)")
            % {"mb": uncompressed // (1024 * 1024), "max": MAX_UNCOMPRESSED // (1024 * 1024)}
        )
    for member in members:
        if member.file_size > MAX_MEMBER_RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise UnsafeContainer(_("ไฟล์ถูกบีบอัดผิดปกติ (อาจเป็นไฟล์ที่ออกแบบมาให้ระบบค้าง)"))
    return ContainerSize(len(members), compressed, uncompressed)


def _bounded(parts, limit: int) -> str:
    out, size = [], 0
    for part in parts:
        if not part:
            continue
        out.append(part)
        size += len(part) + 1
        if size >= limit:
            break
    return "\n".join(out)[:limit]


def _pdf_text(data: bytes, limit: int) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return _bounded((page.extract_text() or "" for page in reader.pages[:MAX_PAGES]), limit)


def _docx_text(data: bytes, limit: int) -> str:
    from docx import Document

    check_container(data)
    document = Document(io.BytesIO(data))
    paragraphs = (p.text for p in document.paragraphs)
    cells = (c.text for t in document.tables for r in t.rows for c in r.cells)
    return _bounded((*paragraphs, *cells), limit)


def _xlsx_text(data: bytes, limit: int) -> str:
    from openpyxl import load_workbook

    check_container(data)
    # read_only streams the sheet: rows are read one at a time and we stop at the limits.
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:

        def rows():
            count = 0
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    count += 1
                    if count > MAX_ROWS:
                        return
                    yield " ".join(str(v) for v in row if v is not None)

        return _bounded(rows(), limit)
    finally:
        book.close()


def _csv_text(data: bytes, limit: int) -> str:
    head = data[: limit * 4]
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return head.decode(encoding)[:limit]
        except UnicodeDecodeError:
            continue
    return head.decode("utf-8", errors="replace")[:limit]


READERS = {"pdf": _pdf_text, "docx": _docx_text, "xlsx": _xlsx_text, "csv": _csv_text}


def extract_text(data: bytes, fmt: str, *, limit: int = MAX_CHARS) -> str:
    """The text of a PDF, DOCX, XLSX or CSV file, at most ``limit`` characters ("" for other formats).

    A file that cannot be read, or that would expand too far, raises (UnsafeContainer, or the reader's
    error): the caller records that the text could not be read; the file itself may still be published."""
    reader = READERS.get(fmt)
    return reader(data, limit) if reader else ""
