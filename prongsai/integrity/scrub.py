"""Evidence files without the metadata that could name the complainant: camera, GPS position, author.

Images are decoded and written again from their pixels only (Pillow), which drops EXIF (with GPS), XMP,
ICC comments and text chunks; the photo is turned upright first, since its orientation lived in EXIF.
PDFs lose their document information and XMP metadata (pypdf). Word and Excel files lose their core
properties: author, last editor, title, comments, dates (python-docx, openpyxl). What a file says in its
body is the complainant's to decide; the form tells them so.
"""

from __future__ import annotations

import datetime
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from prongsai.agencies import uploads

EVIDENCE_KINDS = (uploads.PDF, uploads.DOCX, uploads.XLSX, uploads.JPEG, uploads.PNG)
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; anything larger is refused rather than decoded
_EPOCH = datetime.datetime(2000, 1, 1)


def _broken(name: str) -> ValidationError:
    return ValidationError(_("เปิดไฟล์ %(name)s ไม่ได้ ไฟล์อาจเสียหาย") % {"name": name}, code="broken")


def _image(data: bytes, fmt: str, name: str) -> bytes:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as source:
            if source.width * source.height > MAX_PIXELS:
                raise ValidationError(_("รูป %(name)s ใหญ่เกินไป") % {"name": name}, code="too_large")
            upright = ImageOps.exif_transpose(source)
            mode = "RGB" if fmt == "JPEG" else ("RGBA" if "A" in upright.getbands() else "RGB")
            # A new image from the pixels alone: nothing of the source's info dictionary comes along.
            clean = Image.new(mode, upright.size)
            clean.paste(upright.convert(mode))
    except ValidationError:
        raise
    except Exception as exc:  # Pillow raises many kinds for damaged files
        raise _broken(name) from exc
    out = io.BytesIO()
    clean.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


def _pdf(data: bytes, name: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                _("ไฟล์ %(name)s มีรหัสผ่าน โปรดส่งไฟล์ที่ไม่ได้ตั้งรหัสผ่าน") % {"name": name}, code="encrypted"
            )
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        writer._root_object.pop(NameObject("/Metadata"), None)
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except Exception as exc:
        raise _broken(name) from exc
    return out.getvalue()


def _docx(data: bytes, name: str) -> bytes:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        props = document.core_properties
        for field in (
            "author", "category", "comments", "content_status", "identifier", "keywords",
            "language", "last_modified_by", "subject", "title", "version",
        ):  # fmt: skip
            setattr(props, field, "")
        props.revision = 1
        props.created = props.modified = props.last_printed = _EPOCH
        out = io.BytesIO()
        document.save(out)
    except Exception as exc:
        raise _broken(name) from exc
    return out.getvalue()


def _xlsx(data: bytes, name: str) -> bytes:
    import openpyxl
    from openpyxl.packaging.core import DocumentProperties

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        workbook.properties = DocumentProperties(
            creator="", lastModifiedBy="", created=_EPOCH, modified=_EPOCH
        )
        out = io.BytesIO()
        workbook.save(out)
    except Exception as exc:
        raise _broken(name) from exc
    return out.getvalue()


def clean_upload(upload) -> tuple[uploads.FileKind, bytes]:
    """The kind of an uploaded evidence file and its bytes without metadata; ValidationError in Thai."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("ไฟล์ %(name)s ใหญ่เกิน %(limit)d MB")
            % {"name": upload.name, "limit": MAX_EVIDENCE_BYTES // 2**20},
            code="too_large",
        )
    kind = uploads.validate_upload(upload, EVIDENCE_KINDS)
    upload.seek(0)
    data = upload.read()
    if kind is uploads.JPEG:
        return kind, _image(data, "JPEG", upload.name)
    if kind is uploads.PNG:
        return kind, _image(data, "PNG", upload.name)
    if kind is uploads.PDF:
        return kind, _pdf(data, upload.name)
    if kind is uploads.DOCX:
        return kind, _docx(data, upload.name)
    return kind, _xlsx(data, upload.name)
