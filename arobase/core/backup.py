"""Backup and restore of the whole platform: the database and the uploaded files (media), in one dated archive.

An archive is a ``.tar.gz`` holding ``manifest.json``, the database (``database.pgdump``, PostgreSQL's custom
format from ``pg_dump``, or ``database.sqlite3``, a copy made with SQLite's online backup API) and ``media/``.
Both directions use the connection of the running settings (``DATABASE_URL``), so tests work on their own test
database. Restoring replaces the whole database and the whole media folder: stop the application servers first.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

ARCHIVE_FORMAT = "arobase-backup/1"
MANIFEST = "manifest.json"
PG_DUMP_FILE = "database.pgdump"
SQLITE_FILE = "database.sqlite3"
MEDIA_DIR = "media"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is French and meant for the operator."""


def _engine() -> str:
    if connection.vendor == "postgresql":
        return "postgresql"
    if connection.vendor == "sqlite":
        return "sqlite"
    raise BackupError(f"Base de données non prise en charge : {connection.vendor}.")


def _pg_command(program: str) -> tuple[list[str], dict[str, str]]:
    """The client program with the connection's host, port, user and database; the password in the environment."""
    params = connection.get_connection_params()
    command = [program, "--no-password"]
    for option, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            command += [option, str(params[key])]
    command += ["--dbname", params.get("dbname") or connection.settings_dict["NAME"]]
    env = {**os.environ}
    if params.get("password"):
        env["PGPASSWORD"] = str(params["password"])
    return command, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"Programme introuvable : {command[0]} (installez le client PostgreSQL).") from None
    if completed.returncode != 0:
        raise BackupError(f"{command[0]} a échoué : {completed.stderr.strip()}")


def _dump_database(target: Path) -> str:
    engine = _engine()
    if engine == "postgresql":
        command, env = _pg_command("pg_dump")
        _run([*command, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target / PG_DUMP_FILE)], env)
    else:
        connection.ensure_connection()
        destination = sqlite3.connect(target / SQLITE_FILE)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    return engine


def create_backup(*, to: Path) -> Path:
    """Write one archive of the database and the media into the folder `to` and return its path."""
    to.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    archive = to / f"arobase-{now:%Y%m%d-%H%M%S}.tar.gz"
    counter = 1
    while archive.exists():
        counter += 1
        archive = to / f"arobase-{now:%Y%m%d-%H%M%S}-{counter}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="arobase-backup-") as work:
        work_dir = Path(work)
        engine = _dump_database(work_dir)
        manifest = {"format": ARCHIVE_FORMAT, "created_at": now.isoformat(), "engine": engine}
        (work_dir / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = archive.with_name(archive.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            for name in sorted(os.listdir(work_dir)):
                tar.add(work_dir / name, arcname=name)
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.is_dir():
                tar.add(media_root, arcname=MEDIA_DIR)
        partial.rename(archive)  # a half-written archive never looks like a backup
    return archive


def _restore_database(source: Path, engine: str) -> None:
    if engine == "postgresql":
        connection.close()
        command, env = _pg_command("pg_restore")
        _run(
            [
                *command,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                str(source / PG_DUMP_FILE),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        origin = sqlite3.connect(source / SQLITE_FILE)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()


def _replace_media(source: Path) -> None:
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    if source.is_dir():
        shutil.copytree(source, media_root)
    else:
        media_root.mkdir(parents=True)


def restore_backup(*, archive: Path) -> dict:
    """Replace the database and the media with those of `archive`; returns its manifest."""
    if not archive.is_file():
        raise BackupError(f"Archive introuvable : {archive}")
    with tempfile.TemporaryDirectory(prefix="arobase-restore-") as work:
        work_dir = Path(work)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work_dir, filter="data")
            manifest = json.loads((work_dir / MANIFEST).read_text(encoding="utf-8"))
        except (tarfile.TarError, OSError, ValueError) as error:
            raise BackupError(f"Archive illisible ({archive}) : {error}") from None
        if manifest.get("format") != ARCHIVE_FORMAT:
            raise BackupError("Ce fichier n'est pas une sauvegarde de la plateforme.")
        if manifest.get("engine") != _engine():
            raise BackupError(
                f"Cette sauvegarde vient d'une base {manifest.get('engine')} : elle ne se restaure pas dans une base "
                f"{_engine()}."
            )
        if connection.in_atomic_block:
            raise BackupError("La restauration ne peut pas se faire dans une transaction en cours.")
        _restore_database(work_dir, manifest["engine"])
        _replace_media(work_dir / MEDIA_DIR)
    # Cached pages and map points are keyed on counters that the restored database may reuse.
    cache.clear()
    return manifest
