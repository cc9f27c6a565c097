"""`manage.py backup` and `manage.py restore`: a round trip on the database of the run (SQLite or PostgreSQL)."""

import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory

# Restoring replaces the database from outside any transaction: the test cannot run inside one.
pytestmark = pytest.mark.django_db(transaction=True)


def _backup(folder: Path) -> Path:
    out = StringIO()
    call_command("backup", "--to", str(folder), stdout=out)
    return Path(out.getvalue().strip().splitlines()[-1])


def test_round_trip_brings_back_deleted_rows_and_files(tmp_path):
    kept = ActionFactory(title="Action sauvegardée")
    media = Path(settings.MEDIA_ROOT)
    (media / "actions").mkdir(parents=True)
    (media / "actions" / "photo.jpg").write_bytes(b"image d'origine")

    archive = _backup(tmp_path / "sauvegardes")

    assert archive.is_file() and archive.parent == tmp_path / "sauvegardes" and archive.name.endswith(".tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "media/actions/photo.jpg" in names
    assert {"database.sqlite3", "database.pgdump"} & set(names)

    kept_pk = kept.pk
    kept.delete()
    (media / "actions" / "photo.jpg").unlink()
    (media / "apres.txt").write_text("écrit après la sauvegarde")
    later = ActionFactory(title="Action créée après")

    call_command("restore", str(archive), "--noinput", stdout=StringIO())

    assert Action.objects.filter(pk=kept_pk, title="Action sauvegardée").exists()
    assert not Action.objects.filter(pk=later.pk).exists()
    assert (media / "actions" / "photo.jpg").read_bytes() == b"image d'origine"
    assert not (media / "apres.txt").exists()


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(tmp_path):
    action = ActionFactory()
    bogus = tmp_path / "pas-une-sauvegarde.tar.gz"
    bogus.write_bytes(b"n'importe quoi")
    for path in (bogus, tmp_path / "absente.tar.gz"):
        with pytest.raises(CommandError):
            call_command("restore", str(path), "--noinput", stdout=StringIO())
    assert Action.objects.filter(pk=action.pk).exists()


def test_restore_asks_for_confirmation(tmp_path, monkeypatch):
    archive = _backup(tmp_path)
    action = ActionFactory()
    monkeypatch.setattr("builtins.input", lambda prompt: "non")
    with pytest.raises(CommandError, match="annulée"):
        call_command("restore", str(archive), stdout=StringIO())
    assert Action.objects.filter(pk=action.pk).exists()
