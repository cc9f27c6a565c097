"""Loading a data file creates the edition once and then only updates it."""

import copy
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from arobase.referential.models import EditionStatus, Enjeu, ReferentialEdition, Service, Theme
from arobase.referential.services import ReferentialFileError, load_referential, load_referential_with_report
from arobase.referential.tests.factories import DATA_FILE

pytestmark = pytest.mark.django_db


def counts():
    return Theme.objects.count(), Enjeu.objects.count(), Service.objects.count()


def test_load_creates_the_whole_edition():
    report = load_referential_with_report(path=DATA_FILE)
    edition = report.edition
    assert report.edition_created and report.changed
    assert (report.themes, report.enjeux, report.services) == (4, 16, 138)
    assert len(report.created) == 4 + 16 + 138
    assert counts() == (4, 16, 138)
    assert edition.year == 2019 and edition.status == EditionStatus.PUBLISHED
    assert "T2E2 (question)" in edition.notes
    first = Service.objects.get(edition=edition, code="T1E1S01")
    assert first.enjeu.code == "T1E1" and first.enjeu.theme.code == "T1" and first.position == 1
    assert Enjeu.objects.get(code="T3E4").theme.code == "T3"
    assert all(s.edition_id == edition.pk for s in Service.objects.all())


def test_loading_twice_is_idempotent(django_assert_max_num_queries):
    first = load_referential(path=DATA_FILE)
    before = list(Service.objects.values_list("pk", "code", "label", "position", "enjeu_id"))
    with django_assert_max_num_queries(10):
        report = load_referential_with_report(path=DATA_FILE)
    assert report.edition == first
    assert not report.changed
    assert report.created == report.updated == report.moved == report.kept == []
    assert ReferentialEdition.objects.count() == 1
    assert counts() == (4, 16, 138)
    assert list(Service.objects.values_list("pk", "code", "label", "position", "enjeu_id")) == before


def test_reload_restores_labels_and_creates_missing_items(edition_2019):
    Enjeu.objects.filter(code="T2E2").update(question="Question modifiée")
    Service.objects.filter(code="T1E1S01").update(label="Autre intitulé")
    Service.objects.filter(code="T4E4S07").delete()
    report = load_referential_with_report(path=DATA_FILE)
    assert not report.edition_created and report.changed
    assert report.created == ["T4E4S07"]
    assert sorted(report.updated) == ["T1E1S01 (label)", "T2E2 (question)"]
    assert counts() == (4, 16, 138)
    assert Service.objects.get(code="T1E1S01").label.startswith("Des actions de sensibilisation")


def test_reload_never_deletes_and_follows_moves(edition_2019, data_2019, write_data):
    data = copy.deepcopy(data_2019)
    t1e1 = data["themes"][0]["enjeux"][0]
    t1e2 = data["themes"][0]["enjeux"][1]
    dropped = t1e1["services"].pop()  # T1E1S11 no longer listed
    moved = t1e1["services"].pop(0)  # T1E1S01 now under T1E2
    t1e2["services"].append(moved)
    t1e2["label"] = "Vie associative"
    t1e2["services"].append({"code": "T1E2S99", "label": "Un nouveau service"})
    service_pk = Service.objects.get(code="T1E1S01").pk

    report = load_referential_with_report(path=write_data(data))

    assert report.kept == [dropped["code"]]
    assert report.moved == ["T1E1S01 (T1E1 → T1E2)"]
    assert report.created == ["T1E2S99"]
    assert "T1E2 (label)" in report.updated
    assert counts() == (4, 16, 139)
    moved_service = Service.objects.get(code="T1E1S01")
    assert moved_service.pk == service_pk
    assert moved_service.enjeu.code == "T1E2"
    assert moved_service.position == len(t1e2["services"]) - 1
    assert Service.objects.get(code="T1E1S02").position == 1
    assert Service.objects.filter(code=dropped["code"]).exists()


def test_reload_keeps_the_status_of_the_edition(edition_2019):
    ReferentialEdition.objects.filter(pk=edition_2019.pk).update(status=EditionStatus.DRAFT)
    load_referential(path=DATA_FILE)
    edition_2019.refresh_from_db()
    assert edition_2019.status == EditionStatus.DRAFT


def test_invalid_file_changes_nothing(data_2019, write_data):
    data_2019["themes"][3]["enjeux"][3]["services"][0]["label"] = ""
    with pytest.raises(ReferentialFileError) as error:
        load_referential(path=write_data(data_2019))
    assert error.value.errors
    assert ReferentialEdition.objects.count() == 0
    with pytest.raises(ReferentialFileError):
        load_referential(path=write_data({}, name="missing.json").with_name("absent.json"))


def test_command_loads_every_file_and_is_idempotent(settings, tmp_path, data_2019, write_data):
    settings.REFERENTIAL_DATA_DIR = tmp_path
    write_data(data_2019, name="2019.json")
    second = copy.deepcopy(data_2019) | {"year": 2020, "status": "draft"}
    write_data(second, name="2020.json")
    (tmp_path / "README.md").write_text("pas un référentiel")

    out = StringIO()
    call_command("load_referential", stdout=out)
    assert (
        "Référentiel 2019 (2019.json) : édition créée — 4 thèmes, 16 enjeux, 138 services ; éléments créés : 158"
        in out.getvalue()
    )
    assert "Référentiel 2020" in out.getvalue()
    assert ReferentialEdition.objects.get(year=2020).status == EditionStatus.DRAFT
    assert Service.objects.count() == 2 * 138

    out = StringIO()
    call_command("load_referential", "--all", stdout=out)
    assert out.getvalue().count("édition inchangée") == 2
    assert Service.objects.count() == 2 * 138


def test_command_with_one_file():
    out = StringIO()
    call_command("load_referential", "--file", str(DATA_FILE), stdout=out)
    assert "édition créée" in out.getvalue()
    assert counts() == (4, 16, 138)


def test_command_reports_errors(tmp_path, write_data):
    with pytest.raises(CommandError, match="Fichier de référentiel invalide"):
        call_command("load_referential", "--file", str(write_data({"year": 2019})), stdout=StringIO())


def test_command_default_directory_is_the_repository_one():
    out = StringIO()
    call_command("load_referential", stdout=out)
    assert "Référentiel 2019 (2019.json)" in out.getvalue()
