"""The one tabular reader and the container check: what every importer and the file-text reader rely on."""

import io
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from prongsai.documents.extract import UnsafeContainer, check_container, extract_text
from prongsai.documents.tabular import TabularError, read_rows


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bomb(size_mb: int = 1024) -> bytes:
    """A ZIP holding ``size_mb`` MB of zeros (a few MB on disk... compressed to about 1 MB per GB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size_mb):
                member.write(chunk)
    return out.getvalue()


def test_rows_come_with_the_numbers_excel_shows_and_blank_rows_are_skipped():
    rows = read_rows(_xlsx([["ชื่อ", "จำนวน"], [None, None], ["ก", 1]]), "xlsx")
    assert rows == [(1, ["ชื่อ", "จำนวน"]), (3, ["ก", 1])]


def test_a_workbook_without_sheets_is_an_error_in_thai_not_a_crash():
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(TabularError, match="Excel"):
        read_rows(book.getvalue(), "xlsx")


def test_thai_csv_files_are_read_in_every_encoding_offices_save_them_in():
    text = "ชื่อ;จำนวน\nสำนักงานเขต;๓\n"
    for data in (text.encode("utf-8-sig"), text.encode("utf-8"), text.encode("cp874"), text.encode("utf-16")):
        assert read_rows(data, "csv") == [(1, ["ชื่อ", "จำนวน"]), (2, ["สำนักงานเขต", "๓"])]


def test_a_huge_csv_field_is_refused_with_its_row():
    data = ("a,b\n1," + "x" * 200_000 + "\n").encode()
    with pytest.raises(TabularError, match="2"):
        read_rows(data, "csv")


def test_too_many_rows_are_refused_while_reading():
    data = ("n\n" + "\n".join(str(i) for i in range(500))).encode()
    with pytest.raises(TabularError, match="100"):
        read_rows(data, "csv", max_rows=100)
    assert len(read_rows(data, "csv", max_rows=500)) == 501  # the header and 500 rows


def test_a_decompression_bomb_is_refused_without_being_expanded():
    bomb = _bomb(1024)  # 1 GiB of zeros
    assert len(bomb) < 3 * 1024 * 1024
    tracemalloc.start()
    with pytest.raises(UnsafeContainer):
        check_container(bomb)
    with pytest.raises(TabularError):
        read_rows(bomb, "xlsx")
    with pytest.raises(UnsafeContainer):
        extract_text(bomb, "xlsx")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Only the ZIP directory was read: nothing near the gigabyte it would expand to was ever allocated.
    assert peak < 20 * 1024 * 1024, peak


def test_real_office_files_pass_the_container_check():
    size = check_container(_xlsx([["สถิติ", i] for i in range(1000)]))
    assert size.members > 3 and size.uncompressed < 10 * 1024 * 1024


def test_an_upload_that_would_expand_too_far_is_refused_at_the_door(db):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from prongsai.agencies.uploads import XLSX, validate_upload

    with pytest.raises(ValidationError) as refused:
        validate_upload(SimpleUploadedFile("สถิติ.xlsx", _bomb(300)), (XLSX,))
    assert refused.value.code == "unsafe_container" and "MB" in refused.value.messages[0]
    assert validate_upload(SimpleUploadedFile("สถิติ.xlsx", _xlsx([["ก", 1]])), (XLSX,)) == XLSX
