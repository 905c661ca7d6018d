"""`prongsai backup` then `prongsai restore` into an empty database and file store gives back every row of
every table and every file, byte for byte; on SQLite and on PostgreSQL (the suite runs on both). The restore
runs as an operator would run it: the command, in its own process, pointed at the new database."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from prongsai.agencies import backup
from prongsai.agencies.checkpoints import checkpoint_write

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump sees only what is committed

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    from prongsai.integrity.tests.helpers import png_bytes

    return png_bytes()


@pytest.fixture
def records(world):
    """A few records of several modules, with files: an OIT file, an asset's photo, a complaint with its
    (encrypted) evidence, and an audit checkpoint (a file no model names)."""
    from prongsai.disclosure import services as disclosure
    from prongsai.disclosure.models import Catalogue
    from prongsai.integrity import services as integrity
    from prongsai.property.tests.helpers import make_asset

    disclosure.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    disclosure.catalogue_adopt(actor=world.coordinator, agency=world.agency, catalogue=catalogue)
    publication = disclosure.publication_create(
        actor=world.officer,
        agency=world.agency,
        item=catalogue.items.get(code="o04"),
        kind="file",
        title="กฎหมายที่เกี่ยวข้อง",
        upload=SimpleUploadedFile("กฎหมาย.pdf", PDF),
    )
    disclosure.publication_review(actor=world.coordinator, publication=publication, approve=True)
    make_asset(world, photos=[SimpleUploadedFile("เต็นท์.png", _png(), content_type="image/png")])
    integrity.complaint_submit(
        agency=world.agency,
        category="bribery",
        department=world.public_works,
        what="ผู้ควบคุมงานเรียกเงินก่อนตรวจรับงวดงาน",
        identity={"name": "นายกล้า ซื่อตรง", "phone": "0899999999"},
        files=[SimpleUploadedFile("หลักฐาน.png", _png(), content_type="image/png")],
    )
    checkpoint_write()
    return world


# --- the source and a fresh target -------------------------------------------------------------------------


def _raw_source():
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection
    import psycopg

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    return psycopg.connect(**params)


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the suite's engine: its URL and a raw connection opener."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        # Read as Django's own connection reads (the same column-type converters).
        types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path, detect_types=types)
        return
    import psycopg

    name = f"prongsai_deploy_{uuid.uuid4().hex[:10]}"
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    s = connection.settings_dict
    auth = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    url = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"
    try:
        yield url, lambda: psycopg.connect(**{**params, "dbname": name})
    finally:
        with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _prongsai(*args, database_url: str, media: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PRONGSAI_", "AWS_")) and k not in ("DATABASE_URL", "MEDIA_ROOT")
    }
    env = {
        **base,
        "DJANGO_ENV": "test",  # the suite's fixed keys: the backup was made under them
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "PRONGSAI_VAR_DIR": str(tmp_path / "var"),
    }
    command = [sys.executable, "-m", "prongsai.manage", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def _rows(raw, table: str) -> list[tuple]:
    cursor = raw.cursor()
    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 (introspected names)
    return sorted(cursor.fetchall(), key=repr)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- the round trip ----------------------------------------------------------------------------------------


def test_a_backup_restored_into_an_empty_database_and_file_store_gives_back_every_row_and_file(
    records, tmp_path, fresh_database, settings
):
    target_url, open_target = fresh_database
    folder = tmp_path / "backup"
    call_command("backup", str(folder), stdout=io.StringIO())

    manifest = json.loads((folder / "manifest.json").read_text())
    source = _raw_source()
    tables = sorted(connection.introspection.table_names())
    assert manifest["database"]["tables"] == {t: len(_rows(source, t)) for t in tables}
    stored = {}
    for name in backup.stored_names(default_storage):
        with default_storage.open(name) as handle:
            stored[name] = handle.read()
    assert {f["name"] for f in manifest["files"]} == set(stored)
    assert any(n.startswith("oit/") for n in stored) and any(n.startswith("integrity/") for n in stored)
    assert any(n.startswith("property/") for n in stored) and any(
        n.startswith("audit-checkpoints/") for n in stored
    )
    # The keys stay out of the backup: neither appears anywhere in it.
    for key in (settings.AUDIT_KEY, settings.COMPLAINT_KEY):
        import base64

        for path in folder.rglob("*"):
            if path.is_file():
                content = path.read_bytes()
                assert key not in content and base64.b64encode(key) not in content

    media = tmp_path / "restored-media"
    done = _prongsai("restore", str(folder), database_url=target_url, media=media, tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    target = open_target()
    try:
        for table in tables:
            assert _rows(target, table) == _rows(source, table), table
    finally:
        target.close()
        if connection.vendor != "sqlite":
            source.close()
    assert _files(media) == stored

    # The restored installation works with the keys kept apart: the audit chains and the checkpoint verify.
    verified = _prongsai("audit-verify", database_url=target_url, media=media, tmp_path=tmp_path)
    assert verified.returncode == 0, verified.stderr
    assert "intact" in verified.stdout and "checkpoint of" in verified.stdout


# --- refusals ----------------------------------------------------------------------------------------------


@pytest.fixture
def made(records, tmp_path):
    folder = tmp_path / "backup"
    backup.backup(folder, log=lambda _line: None)
    return folder


def test_a_restore_over_existing_data_is_refused_without_force_and_nothing_is_touched(made):
    from prongsai.agencies.models import AuditEntry

    before = AuditEntry.objects.count(), backup.stored_names(default_storage)
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(made, log=lambda _line: None)
    assert (AuditEntry.objects.count(), backup.stored_names(default_storage)) == before


def test_a_restore_under_other_keys_is_refused_before_anything_is_written(made, settings):
    settings.COMPLAINT_KEY = bytes(32)
    with pytest.raises(backup.BackupError, match="PRONGSAI_COMPLAINT_KEY"):
        backup.restore(made, log=lambda _line: None)
    # Told to go on, it stops at the next check: the target here is not empty.
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(made, other_keys=True, log=lambda _line: None)


def test_a_damaged_backup_is_refused(made):
    manifest = json.loads((made / "manifest.json").read_text())
    damaged = made / "files" / manifest["files"][0]["name"]
    damaged.write_bytes(damaged.read_bytes() + b"!")
    with pytest.raises(backup.BackupError, match="differs"):
        backup.restore(made, force=True, log=lambda _line: None)
    damaged.unlink()
    with pytest.raises(backup.BackupError, match="missing"):
        backup.restore(made, force=True, log=lambda _line: None)


def test_a_backup_goes_only_into_a_new_or_empty_folder(made):
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.backup(made, log=lambda _line: None)
