"""Backups of the whole installation, and restore into an empty one (`prongsai backup DIR`, `prongsai restore
DIR`).

A backup is a folder: the database (PostgreSQL: ``pg_dump`` custom format; SQLite: a copy made by SQLite's
online backup API), every file of the file store (read through the storage API, so a bucket is backed up like
the media folder) and ``manifest.json``: the row count of every table and the size and SHA-256 of every file,
checked again on restore. The audit and complaint keys are not in it (settings.py: keep them with the
backups, not in them); the manifest holds only a fingerprint of each, so that a restore under other keys is
refused instead of leaving every complainant's data unreadable.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
KEYS = ("PRONGSAI_AUDIT_KEY", "PRONGSAI_COMPLAINT_KEY")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made, or a restore refused; the message says why and what to do."""


@dataclass
class Result:
    tables: int
    rows: int
    files: int
    bytes: int


def key_fingerprints() -> dict[str, str]:
    # A keyed hash of a random 32-byte key tells nothing about the key; it only says whether two are equal.
    values = {"PRONGSAI_AUDIT_KEY": settings.AUDIT_KEY, "PRONGSAI_COMPLAINT_KEY": settings.COMPLAINT_KEY}
    return {
        name: hmac.new(values[name], b"prongsai backup fingerprint", hashlib.sha256).hexdigest()[:32]
        for name in KEYS
    }


# --- the file store --------------------------------------------------------------------------------------


def stored_names(storage: Storage, folder: str = "") -> list[str]:
    """Every file of the storage, walked folder by folder (the media folder and a bucket alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder that was never created holds nothing
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names += stored_names(storage, f"{folder}/{sub}" if folder else sub)
    return sorted(names)


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _safe(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"unsafe file name in the manifest: {name!r}")
    return path


# --- the database ----------------------------------------------------------------------------------------


def _vendor(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMPS:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _tables(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _counts(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from introspection)
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env(settings_dict: dict) -> dict[str, str]:
    """libpq's environment for pg_dump/pg_restore: the password never appears on a command line."""
    env = dict(os.environ)
    pairs = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": str(settings_dict.get("PORT") or ""),
    }
    options = settings_dict.get("OPTIONS") or {}
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        pairs[f"PG{option.upper()}"] = options.get(option)
    env.update({name: str(value) for name, value in pairs.items() if value})
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def _dump_postgresql(alias: str, target: Path, tables: list[str]) -> dict[str, int]:
    import psycopg

    connection = connections[alias]
    # The counts and pg_dump see the same snapshot (exported from this read-only transaction), so the
    # manifest describes exactly the dump even while the site keeps writing.
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)  # Django's own cursor class; a plain one will do
    with psycopg.connect(**params) as snapshot:
        snapshot.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        snapshot.read_only = True
        with snapshot.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            counts = _counts(cursor, tables, connection.ops.quote_name)
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot_id}"]
        _run([*command, f"--file={target}"], _pg_env(connection.settings_dict))
    return counts


def _dump_sqlite(alias: str, target: Path, tables: list[str]) -> dict[str, int]:
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # consistent even while others write (SQLite's backup API)
        # Counted in the copy itself: the manifest describes exactly what was written.
        counts = _counts(copy.cursor(), tables, connection.ops.quote_name)
    finally:
        copy.close()
    return counts


# --- backup ----------------------------------------------------------------------------------------------


def backup(directory: Path, *, alias: str = "default", storage: Storage | None = None, log=print) -> Result:
    storage = storage or storages["default"]
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: a backup goes into a new folder")
    vendor = _vendor(alias)
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)  # complainants' data is encrypted, everything else is not: for its owner only
    tables = _tables(alias)
    # The database first, then the files: a file is written before its row is committed, so every file the
    # dumped rows name already exists when the files are copied.
    dump = directory / DUMPS[vendor]
    counts = (_dump_postgresql if vendor == "postgresql" else _dump_sqlite)(alias, dump, tables)
    log(f"database: {len(counts)} tables, {sum(counts.values())} rows → {dump.name}")
    files = []
    for name in stored_names(storage):
        target = directory / FILES / _safe(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with storage.open(name, "rb") as source, target.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
        files.append({"name": name, "size": target.stat().st_size, "sha256": digest.hexdigest()})
    log(f"files: {len(files)}, {sum(f['size'] for f in files)} bytes → {FILES}/")
    loader = MigrationLoader(connections[alias], ignore_no_migrations=True)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {"vendor": vendor, "dump": dump.name, "tables": counts},
        "migrations": sorted(f"{app}.{name}" for app, name in loader.applied_migrations),
        "files": files,
        "keys": key_fingerprints(),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return Result(len(counts), sum(counts.values()), len(files), sum(f["size"] for f in files))


# --- restore ---------------------------------------------------------------------------------------------


def _manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{directory} holds no {MANIFEST}: not a backup") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def verify(directory: Path, manifest: dict) -> None:
    """The backup is whole: its dump is there and every file has the size and checksum it was saved with."""
    if not (directory / manifest["database"]["dump"]).is_file():
        raise BackupError(f"the database dump {manifest['database']['dump']} is missing")
    for entry in manifest["files"]:
        path = directory / FILES / _safe(entry["name"])
        if not path.is_file():
            raise BackupError(f"the file {entry['name']} is missing from the backup")
        with path.open("rb") as handle:
            if _sha256(handle) != entry["sha256"]:
                raise BackupError(f"the file {entry['name']} differs from the one backed up (checksum)")


def restore(
    directory: Path,
    *,
    alias: str = "default",
    storage: Storage | None = None,
    force: bool = False,
    other_keys: bool = False,
    log=print,
) -> Result:
    """Restore into an empty database and file store. Everything is checked before anything is written:
    the backup, the keys, then the targets, which must be empty unless ``force`` (then what is there is
    deleted first, and said so)."""
    storage = storage or storages["default"]
    directory = Path(directory)
    manifest = _manifest(directory)
    vendor = _vendor(alias)
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"this is a {manifest['database']['vendor']} backup and the database is {vendor}: restore into "
            "the same engine"
        )
    verify(directory, manifest)
    wrong = [name for name, value in key_fingerprints().items() if manifest["keys"].get(name) != value]
    if wrong and not other_keys:
        raise BackupError(
            f"{', '.join(wrong)} differ from the keys the backup was made with: set the keys kept with the "
            "backups (without the complaint key, complainants' data cannot be read; without the audit key, "
            "the audit log cannot be verified), or pass --other-keys"
        )
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = sorted(set(manifest["migrations"]) - {f"{a}.{n}" for a, n in loader.disk_migrations})
    if unknown and not force:
        raise BackupError(
            f"the backup was made by a newer version (migrations unknown here: {', '.join(unknown[:5])}); "
            "install that version first"
        )
    tables = _tables(alias)
    existing = stored_names(storage)
    if (tables or existing) and not force:
        raise BackupError(
            f"the target is not empty ({len(tables)} tables in the database, {len(existing)} stored files): "
            "restore into an empty database and file store, or pass --force to delete what is there first"
        )
    for name in existing:
        storage.delete(name)
    if existing:
        log(f"deleted {len(existing)} files of the file store (--force)")
    dump = directory / manifest["database"]["dump"]
    if vendor == "postgresql":
        counts = _restore_postgresql(alias, dump, tables, log)
    else:
        counts = _restore_sqlite(alias, dump)
    if counts != manifest["database"]["tables"]:
        differ = sorted(
            t
            for t in set(counts) | set(manifest["database"]["tables"])
            if counts.get(t) != manifest["database"]["tables"].get(t)
        )
        raise BackupError(f"the restored tables differ from the manifest: {', '.join(differ[:10])}")
    log(f"database: {len(counts)} tables, {sum(counts.values())} rows")
    for entry in manifest["files"]:
        with (directory / FILES / _safe(entry["name"])).open("rb") as handle:
            saved = storage.save(entry["name"], File(handle, name=entry["name"]))
        if saved != entry["name"]:
            raise BackupError(f"the file store renamed {entry['name']} to {saved}")
    size = sum(f["size"] for f in manifest["files"])
    log(f"files: {len(manifest['files'])}, {size} bytes")
    pending = [m for m in loader.disk_migrations if f"{m[0]}.{m[1]}" not in set(manifest["migrations"])]
    if pending:
        log(f"{len(pending)} migrations of this version are newer than the backup: run `prongsai migrate`")
    return Result(len(counts), sum(counts.values()), len(manifest["files"]), size)


def _restore_postgresql(alias: str, dump: Path, tables: list[str], log) -> dict[str, int]:
    connection = connections[alias]
    if tables:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
        log(f"dropped {len(tables)} tables of the database (--force)")
    connection.close()
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    env = _pg_env(connection.settings_dict)
    _run([*command, f"--dbname={env.get('PGDATABASE', '')}", str(dump)], env)
    with connection.cursor() as cursor:
        return _counts(cursor, _tables(alias), connection.ops.quote_name)


def _restore_sqlite(alias: str, dump: Path) -> dict[str, int]:
    connection = connections[alias]
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise BackupError("the database is in memory: restore into a database file")
    connection.close()
    source, target = sqlite3.connect(dump), sqlite3.connect(name)
    try:
        source.backup(target)  # page by page: the target becomes the backup, whatever it held
    finally:
        source.close()
        target.close()
    with connection.cursor() as cursor:
        return _counts(cursor, _tables(alias), connection.ops.quote_name)
