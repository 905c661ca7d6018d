"""Safe uploads: the type is decided from the content, only an allowlist is accepted, sizes are limited,
and stored names are random (the original name is kept for downloads only)."""

from __future__ import annotations

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from prongsai.documents.extract import UnsafeContainer, check_container

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    name: str
    extensions: tuple[str, ...]
    content_type: str


PDF = FileKind("pdf", (".pdf",), "application/pdf")
DOCX = FileKind("docx", (".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("xlsx", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
CSV = FileKind("csv", (".csv",), "text/csv")
JPEG = FileKind("jpeg", (".jpg", ".jpeg"), "image/jpeg")
PNG = FileKind("png", (".png",), "image/png")
ALL_KINDS = (PDF, DOCX, XLSX, CSV, JPEG, PNG)


def _sniff(head: bytes, upload: UploadedFile) -> FileKind | None:
    # Written by hand: the allowlist is six formats with unambiguous signatures, and python-magic would
    # bring a C library for less certainty about OOXML, which it reports as plain ZIP.
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        upload.seek(0)
        try:
            names = set(zipfile.ZipFile(upload).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
        return None
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A cut in the middle of a multi-byte character at the end of the sample is not an error.
        try:
            text = head[:-3].decode("utf-8-sig")
        except UnicodeDecodeError:
            return None
    lowered = text.lstrip().lower()
    if lowered.startswith(("<", "{")) or "<script" in lowered or "<html" in lowered:
        return None
    return CSV


def validate_upload(upload: UploadedFile, allowed: tuple[FileKind, ...] = ALL_KINDS) -> FileKind:
    """The kind of an uploaded file, or a ValidationError in the user's language."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("ไฟล์ %(name)s ใหญ่เกิน %(limit)d MB") % {"name": upload.name, "limit": MAX_UPLOAD_BYTES // 2**20},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = _sniff(head, upload)
    upload.seek(0)
    extension = PurePath(upload.name or "").suffix.lower()
    if kind is None or kind not in allowed:
        raise ValidationError(
            _("ไฟล์ %(name)s ไม่ใช่ชนิดที่รับได้ (รับ %(kinds)s) ระบบตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์")
            % {"name": upload.name, "kinds": ", ".join(k.name.upper() for k in allowed)},
            code="bad_type",
        )
    if extension not in kind.extensions:
        raise ValidationError(
            _("ชื่อไฟล์ %(name)s ไม่ตรงกับเนื้อไฟล์ซึ่งเป็น %(kind)s")
            % {"name": upload.name, "kind": kind.name.upper()},
            code="bad_extension",
        )
    if kind in (DOCX, XLSX):
        # A ZIP container: what it expands to is checked before any library opens it (decompression bombs).
        try:
            check_container(upload)
        except UnsafeContainer as exc:
            raise ValidationError(
                _("ไฟล์ %(name)s: %(why)s") % {"name": upload.name, "why": exc}, code="unsafe_container"
            ) from None
        finally:
            upload.seek(0)
    return kind


def random_name(kind: FileKind) -> str:
    return secrets.token_urlsafe(16) + kind.extensions[0]
