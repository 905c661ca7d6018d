"""HTTP responses that deliver files: generated ones (bytes) and stored ones (uploads, streamed).

The one way the platform sends a file: always with its real type, ``nosniff`` so that no browser guesses
another, and a sandboxing Content-Security-Policy so that even a file opened directly runs nothing."""

import re

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "png": "image/png",
    "jpeg": "image/jpeg",
}
# Names that already end right: a photo called .jpg is not renamed .jpg.jpeg.
EXTENSIONS = {"jpeg": (".jpeg", ".jpg")}
# Path separators and control characters have no place in a file name someone saves.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def file_response(content: bytes, *, filename: str, kind: str) -> HttpResponse:
    """``content`` as an attachment named ``filename`` (Thai names survive: RFC 6266/5987 UTF-8 form).

    Always a download, never shown inline, and with ``nosniff`` so that no browser guesses another type.
    The extension of ``kind`` is added when the name lacks it.
    """
    if kind not in CONTENT_TYPES:
        raise ValueError(f"kind must be one of {', '.join(CONTENT_TYPES)}, not {kind!r}")
    name = _UNSAFE.sub("_", filename).strip() or "download"
    if not name.lower().endswith(EXTENSIONS.get(kind, (f".{kind}",))):
        name = f"{name}.{kind}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["Content-Length"] = str(len(content))
    return _sealed(response)


SANDBOX = "default-src 'none'; sandbox"


def _sealed(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    return response


def stored_file_response(field_file, *, content_type: str, filename: str = "", inline: bool = False):
    """A stored file (``FieldFile``), streamed. An attachment named ``filename`` unless ``inline`` (only for
    pictures the platform checked and re-encoded itself, shown in <img>). ``content_type`` is the type
    found from the content at upload, never the one the uploader's browser claimed."""
    name = _UNSAFE.sub("_", filename).strip() or None
    response = FileResponse(
        field_file.open("rb"), as_attachment=not inline, filename=name, content_type=content_type
    )
    return _sealed(response)
