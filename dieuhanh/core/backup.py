"""`dieuhanh backup` and `dieuhanh restore`: the database, the uploaded files and the secret key in one archive.

A plain copy of an SQLite file in WAL mode misses what is still in the -wal
file (committed reports were lost that way), so SQLite is copied with its
online backup API: a consistent snapshot while the server keeps writing.
PostgreSQL is dumped with `pg_dump --format=custom` and restored with
`pg_restore`. The archive (.tar.gz) holds:

    manifest.json      format version, time, engine, row counts, SHA-256 of every other member
    database.sqlite3   or database.pgdump
    secret_key         the key sessions and password-reset links are signed with
    media/...          original documents and evidence files

Restore checks every checksum before it touches anything, then replaces the
database, the media folder and the key. Stop the server and the worker first.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
KEY_MEMBER = "secret_key"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """Backup or restore cannot go on; the message is in Vietnamese."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    files: int
    counts: dict[str, int]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tables() -> list[str]:
    return sorted(m._meta.db_table for m in apps.get_models() if m._meta.managed and not m._meta.proxy)


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in _tables() if t in names}


def _live_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        counts = {}
        for table in _tables():
            if table in present:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                counts[table] = cursor.fetchone()[0]
        return counts


def database_counts() -> dict[str, int]:
    """Rows per table of the configured database (what a restore must give back)."""
    return _live_counts()


def _pg_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = ["--dbname", str(db["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args, env


def _run(command: list[str], env: dict, what: str) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (cần gói postgresql-client).") from None
    if result.returncode != 0:
        raise BackupError(f"{what} thất bại: {result.stderr.strip()[:500]}")


def _snapshot_database(workdir: Path) -> tuple[str, Path, dict[str, int]]:
    if connection.vendor == "sqlite":
        target = workdir / SQLITE_MEMBER
        connection.ensure_connection()
        # The online backup API copies a consistent snapshot, WAL content included, while others write.
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        return SQLITE_MEMBER, target, _sqlite_counts(target)
    if connection.vendor == "postgresql":
        target = workdir / PG_MEMBER
        args, env = _pg_env()
        # pg_dump reads the snapshot this transaction exports, so the counts match the dump exactly.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _live_counts()
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    *args,
                ],
                env,
                "pg_dump",
            )
        return PG_MEMBER, target, counts
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {connection.vendor}.")


def create_backup(out: Path | None = None) -> BackupResult:
    """Write the archive to `out` (default data/backups/dieuhanh-YYYYmmdd-HHMMSS.tar.gz)."""
    now = timezone.localtime()
    if out is None:
        out = Path(settings.DATA_DIR) / "backups" / f"dieuhanh-{now:%Y%m%d-%H%M%S}.tar.gz"
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dieuhanh-backup-", dir=out.parent) as tmp:
        workdir = Path(tmp)
        member, db_file, counts = _snapshot_database(workdir)
        key_file = workdir / KEY_MEMBER
        key_file.write_text(settings.SECRET_KEY, encoding="utf-8")
        media_root = Path(settings.MEDIA_ROOT)
        media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        checksums = {member: _sha256(db_file), KEY_MEMBER: _sha256(key_file)}
        for path in media:
            checksums[MEDIA_PREFIX + path.relative_to(media_root).as_posix()] = _sha256(path)
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "engine": connection.vendor,
            "counts": counts,
            "sha256": checksums,
        }
        partial = out.with_name(out.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
            archive.addfile(info, io.BytesIO(data))
            archive.add(db_file, member)
            archive.add(key_file, KEY_MEMBER)
            for path in media:
                archive.add(path, MEDIA_PREFIX + path.relative_to(media_root).as_posix())
        partial.chmod(0o600)  # the archive holds the secret key
        os.replace(partial, out)
    return BackupResult(path=out, files=len(media), counts=counts)


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = archive.getmembers()
    for m in members:
        name = Path(m.name)
        if name.is_absolute() or ".." in name.parts or not (m.isfile() or m.isdir()):
            raise BackupError(f"Tệp sao lưu có mục không hợp lệ: {m.name!r}.")
    return members


def read_archive(path: Path, workdir: Path) -> dict:
    """Unpack into `workdir` and check the manifest and every checksum; returns the manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu: {path}")
    try:
        with tarfile.open(path, "r:*") as archive:
            members = _safe_members(archive)
            archive.extractall(workdir, members=members, filter="data")
    except (tarfile.TarError, EOFError, OSError, ValueError) as exc:
        raise BackupError(f"Tệp {path.name} không phải bản sao lưu dieuhanh đọc được ({exc}).") from None
    manifest_file = workdir / MANIFEST
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        checksums = manifest["sha256"]
        engine = manifest["engine"]
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError(f"Tệp {path.name} thiếu hoặc hỏng mục lục (manifest.json).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Bản sao lưu dạng {manifest.get('format')!r}, phiên bản này chỉ đọc dạng {FORMAT}."
        )
    on_disk = {
        p.relative_to(workdir).as_posix() for p in workdir.rglob("*") if p.is_file() and p.name != MANIFEST
    }
    if on_disk != set(checksums):
        raise BackupError("Bản sao lưu không đầy đủ: danh sách tệp không khớp mục lục.")
    for name, expected in checksums.items():
        if _sha256(workdir / name) != expected:
            raise BackupError(f"Bản sao lưu bị hỏng: tệp {name} sai mã kiểm tra SHA-256.")
    if engine != connection.vendor:
        raise BackupError(
            f"Bản sao lưu của cơ sở dữ liệu {engine}, nhưng hệ thống đang dùng {connection.vendor}."
        )
    return manifest


def _restore_sqlite(source: Path) -> None:
    target = Path(settings.DATABASES["default"]["NAME"])
    connections.close_all()
    staged = target.with_name(target.name + ".restore")
    with sqlite3.connect(source) as src, sqlite3.connect(staged) as dst:
        src.backup(dst)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    os.replace(staged, target)


def _restore_postgresql(source: Path) -> None:
    args, env = _pg_env()
    connections.close_all()
    _run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(source)],
        env,
        "pg_restore",
    )


def _restore_media(source: Path) -> int:
    media_root = Path(settings.MEDIA_ROOT)
    staged = media_root.with_name(media_root.name + ".restore")
    shutil.rmtree(staged, ignore_errors=True)
    if source.exists():
        shutil.copytree(source, staged)
    else:
        staged.mkdir(parents=True)
    old = media_root.with_name(media_root.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if media_root.exists():
        media_root.rename(old)
    staged.rename(media_root)
    shutil.rmtree(old, ignore_errors=True)
    return sum(1 for p in media_root.rglob("*") if p.is_file())


def _restore_key(source: Path) -> bool:
    """Put the key back into data/secret_key; False when the key comes from the environment instead."""
    if os.environ.get("SECRET_KEY") or os.environ.get("SECRET_KEY_FILE"):
        return False
    target = Path(settings.DATA_DIR) / "secret_key"
    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    target.chmod(0o600)
    return True


@dataclass(frozen=True)
class RestoreResult:
    created_at: datetime.datetime
    files: int
    counts: dict[str, int]
    key_restored: bool


def restore_backup(path: Path) -> RestoreResult:
    """Check the archive whole, then replace the database, the media folder and the secret key."""
    with tempfile.TemporaryDirectory(prefix="dieuhanh-restore-", dir=Path(settings.DATA_DIR)) as tmp:
        workdir = Path(tmp)
        manifest = read_archive(path, workdir)
        if manifest["engine"] == "sqlite":
            _restore_sqlite(workdir / SQLITE_MEMBER)
        else:
            _restore_postgresql(workdir / PG_MEMBER)
        files = _restore_media(workdir / MEDIA_PREFIX.rstrip("/"))
        key_restored = _restore_key(workdir / KEY_MEMBER)
    return RestoreResult(
        created_at=datetime.datetime.fromisoformat(manifest["created_at"]),
        files=files,
        counts=database_counts(),
        key_restored=key_restored,
    )
