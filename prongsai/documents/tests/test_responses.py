from urllib.parse import quote

import pytest

from prongsai.documents.responses import file_response


def test_a_thai_file_name_survives_in_an_rfc_5987_attachment_header():
    response = file_response(b"%PDF-1.7", filename="แผน ITA ๒๕๖๖.pdf", kind="pdf")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('แผน ITA ๒๕๖๖.pdf')}" in disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b"%PDF-1.7"


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("csv", "text/csv; charset=utf-8"),
        ("json", "application/json"),
        ("png", "image/png"),
        ("jpeg", "image/jpeg"),
    ],
)
def test_each_kind_has_its_content_type_and_extension(kind, content_type):
    response = file_response(b"x", filename="report", kind=kind)
    assert response["Content-Type"] == content_type
    assert f'filename="report.{kind}"' in response["Content-Disposition"]


def test_path_separators_and_line_breaks_cannot_reach_the_header():
    response = file_response(b"x", filename="../../etc/passwd\r\nSet-Cookie: a=b", kind="csv")
    disposition = response["Content-Disposition"]
    assert "\n" not in disposition and "/" not in disposition.split("filename", 1)[1]


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        file_response(b"<svg/>", filename="x.svg", kind="svg")


def test_a_photo_named_jpg_keeps_its_name():
    assert "photo.jpg" in file_response(b"x", filename="photo.jpg", kind="jpeg")["Content-Disposition"]
    assert "scan.jpeg" in file_response(b"x", filename="scan", kind="jpeg")["Content-Disposition"]
