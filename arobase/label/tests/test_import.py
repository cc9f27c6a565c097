import pytest
from django.core.management import CommandError, call_command

from arobase.label.models import Result
from arobase.label.tests.factories import add_result, make_campaign
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory

pytestmark = pytest.mark.django_db

HEADER = "year,code,name,departement,kind,arobases,mentions,alert,hors_concours\n"


@pytest.fixture
def places(db):
    label_somme = DepartementFactory(code="80", name="Somme")
    oise = DepartementFactory(code="60", name="Oise")
    return {
        "amiens": CommuneFactory(code="80021", name="Amiens", departement=label_somme, region=label_somme.region),
        "abbeville": CommuneFactory(code="80001", name="Abbeville", departement=label_somme, region=label_somme.region),
        "saint_leger_80": CommuneFactory(code="80700", name="Saint-Léger-lès-Domart", departement=label_somme),
        "saint_leger_60": CommuneFactory(code="60590", name="Saint-Léger-en-Bray", departement=oise),
        "rue_1": CommuneFactory(code="80688", name="Rue", departement=label_somme),
        "rue_2": CommuneFactory(code="80689", name="Rue", departement=label_somme),
        "beauvais": CommuneFactory(code="60057", name="Beauvais", departement=oise),
    }


def _file(tmp_path, rows):
    path = tmp_path / "palmares.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def _run(path, *flags):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_palmares", str(path), *flags, stdout=out, stderr=err)
        status = 0
    except CommandError:
        status = 1
    return status, out.getvalue(), err.getvalue()


VALID = [
    "2016,80021,Amiens,80,ville,2,,,",
    "2017,,AMIENS,80,ville,3,Santé|Écoles Internet,1,",
    "2018,,abbevile,80,village,1,,0,",  # one typo, resolved by fuzzy matching
    "2018,,Amiens,80,ville,2,,,",  # lost one @ after an alert: allowed
]


def test_valid_file(tmp_path, places):
    status, out, err = _run(_file(tmp_path, VALID))
    assert status == 0, err
    assert Result.objects.count() == 4
    amiens = {r.year: r for r in Result.objects.filter(territory=places["amiens"])}
    assert amiens[2017].mentions == ["Santé", "Écoles Internet"] and amiens[2017].alert
    assert all(result.published and result.source == "import" for result in Result.objects.all())
    assert Result.objects.get(territory=places["abbeville"]).category == "village"


def test_reimport_is_idempotent(tmp_path, places):
    path = _file(tmp_path, VALID)
    _run(path)
    status, _out, err = _run(path)
    assert status == 0, err
    assert Result.objects.count() == 4


def test_rule_violation_imports_nothing_and_names_row_and_rule(tmp_path, places):
    rows = [
        "2016,80021,Amiens,80,ville,3,,,",
        "2017,80021,Amiens,80,ville,1,,,",  # lost 2 @ without alert: R5
        "2016,80001,Abbeville,80,ville,5,,,",  # first participation: R2
    ]
    status, _out, err = _run(_file(tmp_path, rows))
    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("ligne 3 (Amiens)") and "[règle R5]" in lines[0]
    assert lines[1].startswith("ligne 4 (Abbeville)") and "[règle R2]" in lines[1]
    assert not Result.objects.exists()


def test_rules_use_earlier_published_results(tmp_path, places):
    add_result(places["amiens"], 2015, 4)
    status, _out, err = _run(_file(tmp_path, ["2016,80021,Amiens,80,ville,5,,,"]))
    assert status == 0, err
    status, _out, err = _run(_file(tmp_path, ["2017,80001,Abbeville,80,ville,5,,,"]))
    assert status == 1 and "ligne 2" in err


def test_unresolved_and_ambiguous_rows_are_reported_with_candidates(tmp_path, places):
    rows = [
        "2016,,Rue,80,ville,2,,,",  # two communes named Rue in the Somme
        "2016,,Saint-Léger-en-Bray,80,ville,2,,,",  # exists only in the Oise
        "2016,80021,Amiens,80,ville,2,,,",
    ]
    status, _out, err = _run(_file(tmp_path, rows))
    assert status == 1
    assert "ligne 2 (Rue)" in err and "ambigu" in err and "80688" in err and "80689" in err
    assert "ligne 3" in err and "introuvable" in err and "60590" in err
    assert not Result.objects.exists()


def test_skip_invalid_imports_the_valid_rows(tmp_path, places):
    rows = ["2016,,Rue,80,ville,2,,,", "2016,80021,Amiens,80,ville,2,,,"]
    status, out, err = _run(_file(tmp_path, rows), "--skip-invalid")
    assert status == 0 and "ligne 2" in err and "1 ligne(s) ignorée(s)" in out
    assert list(Result.objects.values_list("territory__code", flat=True)) == ["80021"]


def test_dry_run_writes_nothing(tmp_path, places):
    status, out, _err = _run(_file(tmp_path, VALID), "--dry-run")
    assert status == 0 and "4 résultat(s) seraient importés" in out
    assert not Result.objects.exists()


def test_zero_arobase_only_with_legacy(tmp_path, places):
    rows = ["2003,80021,Amiens,80,ville,0,Internet solidaire,,", "2004,80021,Amiens,80,ville,5,,,"]
    status, _out, err = _run(_file(tmp_path, rows))
    assert status == 1 and "[règle legacy]" in err
    status, _out, err = _run(_file(tmp_path, rows), "--legacy")
    assert status == 0, err
    assert sorted(Result.objects.values_list("year", "arobases")) == [(2003, 0), (2004, 5)]


def test_duplicate_rows_in_the_file(tmp_path, places):
    rows = ["2016,80021,Amiens,80,ville,2,,,", "2016,,Amiens,80,ville,2,,,"]
    status, _out, err = _run(_file(tmp_path, rows), "--legacy")
    assert status == 1 and "ligne 3" in err and "duplicate_year" in err


def test_missing_columns(tmp_path, places):
    path = tmp_path / "bad.csv"
    path.write_text("year,name\n2016,Amiens\n", encoding="utf-8")
    status, _out, err = _run(path)
    assert status == 1 and "colonnes manquantes" in err


def test_import_into_an_unpublished_campaign_stays_secret(tmp_path, places, edition_2019):
    from arobase.label.selectors import label_history

    label_campaign = make_campaign(edition_2019, year=2016, state="closed")
    status, _out, err = _run(_file(tmp_path, ["2016,80021,Amiens,80,ville,2,,,"]))
    assert status == 0, err
    assert Result.objects.get().campaign == label_campaign
    assert label_history(places["amiens"]) == []


def test_press_spelling_is_matched_by_the_start_of_the_name_and_said_so(tmp_path, places):
    rows = ["2016,,Saint-Léger,80,village,2,,,", "2016,,St Léger,60,village,1,,,"]
    status, out, err = _run(_file(tmp_path, rows), "--dry-run")
    assert status == 0, err
    assert "ligne 2 : « Saint-Léger » (80) : Saint-Léger-lès-Domart (80700), correspondance par début de nom" in out
    assert "ligne 3 : « St Léger » (60) : Saint-Léger-en-Bray (60590), correspondance par début de nom" in out
    assert "2 résultat(s) seraient importés" in out and not Result.objects.exists()
    status, _out, err = _run(_file(tmp_path, rows))
    assert status == 0, err
    assert sorted(Result.objects.values_list("territory__code", flat=True)) == ["60590", "80700"]


def test_press_spelling_starting_two_names_is_never_guessed(tmp_path, places):
    CommuneFactory(code="80701", name="Saint-Léger-sur-Bresle", departement=places["amiens"].departement)
    status, _out, err = _run(_file(tmp_path, ["2016,,Saint-Léger,80,village,2,,,"]), "--dry-run")
    assert status == 1
    assert "ambigu (plusieurs collectivités du département commencent par ce nom)" in err
    assert "80700" in err and "80701" in err
