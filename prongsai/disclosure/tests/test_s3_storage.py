"""Files on S3-compatible object storage (PRONGSAI_S3_BUCKET): an OIT file uploaded through the back office
lands in the bucket, private, and goes out only through the app's own views, which keep their refusals."""

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from prongsai.agencies.tests import s3
from prongsai.disclosure import services
from prongsai.disclosure.models import Catalogue, Publication, PublicationVersion

s3_server, s3_storage = s3.s3_server, s3.s3_storage  # the fixtures

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PDF_V2 = b"%PDF-1.4\n% version two\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ITEM = "/staff/pathumwan/oit/2566/o04/"
PUBLIC = "/pathumwan/oit/2566/o04/files/{token}/"


@pytest.fixture
def district(world):
    services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    services.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    return catalogue


def _bytes(response) -> bytes:
    return b"".join(response.streaming_content)


def test_an_uploaded_file_lands_in_the_private_bucket_and_comes_back_only_through_the_app(
    world, district, login, client, settings, s3_storage
):
    officer = login(world.officer)
    response = officer.post(
        ITEM, {"kind": "file", "title": "กฎหมายฝ่ายปกครอง", "file": SimpleUploadedFile("กฎหมาย.pdf", PDF)}
    )
    assert response.status_code == 302
    version = PublicationVersion.objects.get()
    assert s3_storage.keys() == [version.file.name] and s3_storage.body(version.file.name) == PDF
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))  # nothing on the local disk
    # Private: no grant to everyone, and an unsigned request for the object is refused by the server.
    grants = s3_storage.client.get_object_acl(Bucket=s3_storage.bucket, Key=version.file.name)["Grants"]
    assert not any("AllUsers" in g["Grantee"].get("URI", "") for g in grants)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{s3_storage.endpoint}/{s3_storage.bucket}/{version.file.name}")  # noqa: S310
    assert refused.value.code == 403

    # The staff download reads it back from the bucket, byte for byte, under its original name.
    staff_url = f"/staff/pathumwan/oit/versions/{version.pk}/"
    download = officer.get(staff_url)
    assert download.status_code == 200 and _bytes(download) == PDF
    assert download["Content-Type"] == "application/pdf" and "attachment" in download["Content-Disposition"]
    # Refused: someone signed out, another agency's coordinator, and the public before approval.
    publication = Publication.objects.get()
    public_url = PUBLIC.format(token=publication.token)
    anonymous = client.__class__()
    assert anonymous.get(staff_url).status_code == 302  # to the sign-in page
    outsider = client.__class__()
    outsider.force_login(world.outsider)
    assert outsider.get(staff_url).status_code in (403, 404)
    assert outsider.get(f"/staff/nongchok/oit/versions/{version.pk}/").status_code == 404
    assert anonymous.get(public_url).status_code == 404

    login(world.coordinator).post(
        f"/staff/pathumwan/oit/publications/{publication.pk}/review/", {"decision": "approve"}
    )
    assert _bytes(anonymous.get(public_url)) == PDF


def test_replacing_a_file_keeps_the_approved_one_public_and_a_failed_upload_leaves_no_object(
    world, district, login, client, s3_storage, monkeypatch
):
    publication = services.publication_create(
        actor=world.officer,
        agency=world.agency,
        item=district.items.get(code="o04"),
        kind="file",
        title="กฎหมายที่เกี่ยวข้อง",
        upload=SimpleUploadedFile("กฎหมาย.pdf", PDF),
    )
    services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    public_url = PUBLIC.format(token=publication.token)

    response = login(world.officer).post(
        f"/staff/pathumwan/oit/publications/{publication.pk}/revise/",
        {"file": SimpleUploadedFile("กฎหมาย-แก้ไข.pdf", PDF_V2)},
    )
    assert response.status_code == 302
    first, second = publication.versions.order_by("number")
    assert s3_storage.keys() == sorted([first.file.name, second.file.name])  # the history keeps both
    assert _bytes(client.get(public_url)) == PDF  # until the new version is approved
    publication.refresh_from_db()
    services.publication_review(actor=world.coordinator, publication=publication, approve=True)
    assert _bytes(client.get(public_url)) == PDF_V2

    # A version whose record cannot be written removes the file it had already put into the bucket.
    def fail(*args, **kwargs):
        raise IntegrityError("the database refused the row")

    monkeypatch.setattr(PublicationVersion, "save", fail)
    with pytest.raises(IntegrityError):
        services.publication_revise(
            actor=world.officer, publication=publication, upload=SimpleUploadedFile("สาม.pdf", PDF)
        )
    assert s3_storage.keys() == sorted([first.file.name, second.file.name])

    # Withdrawn: the public gets nothing, the record's file stays for the history.
    monkeypatch.undo()
    services.publication_withdraw(actor=world.coordinator, publication=publication, reason="ข้อมูลเก่า")
    assert client.get(public_url).status_code == 404
    assert second.file.name in s3_storage.keys()
