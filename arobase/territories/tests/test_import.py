import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from arobase.territories.models import EpciType, LabelCategory, Territory, TerritoryKind
from arobase.territories.services import SnapshotError, import_territories
from arobase.territories.tests.factories import TerritoryFactory, write_snapshot

REGIONS = [["32", "Hauts-de-France", "metro"], ["11", "Île-de-France", "metro"]]
DEPARTEMENTS = [["80", "Somme", "32", "metro"], ["11", "Aude", "76", "metro"], ["75", "Paris", "11", "metro"]]
COMMUNES = [
    ["80021", "Amiens", "218000198", "80", "32", 136449, "80000 80080 80090", "metro", "248000531", 49.9, 2.3],
    ["80489", "Longueau", "218004893", "80", "32", 5680, "80330", "metro", "248000531", None, None],
    ["80256", "Dreuil-lès-Amiens", "218002566", "80", "32", 1576, "80470", "metro", "248000531", None, None],
    ["80001", "Abbeville", "218000016", "80", "32", 22000, "80100", "metro", "", 50.1, 1.83],
    ["75056", "Paris", "217500016", "75", "11", 2103778, "75001 75002", "metro", "", 48.85, 2.35],
]
EPCI = [
    ["248000531", "CA Amiens Métropole", "CA", 182854, ["80021", "80256", "80489"]],
    ["200000001", "CC Disparue", "CC", 100, []],
]
TODAY = date(2025, 3, 1)


def snapshot(path, *, regions=REGIONS, departements=DEPARTEMENTS, communes=COMMUNES, epci=EPCI):
    return write_snapshot(path, regions=regions, departements=departements, communes=communes, epci=epci)


def get(kind, code):
    return Territory.objects.select_related("region", "departement", "epci").get(kind=kind, code=code)


@pytest.fixture
def source(tmp_path):
    return snapshot(tmp_path / "territories.json.gz")


@pytest.mark.django_db
class TestFirstImport:
    def test_creates_every_territory_and_reports_progress(self, source):
        messages = []
        report = import_territories(source=source, progress=messages.append, today=TODAY)
        assert report.changed
        assert report.created == 2 + 3 + 2 + 5
        assert Territory.objects.count() == 12
        assert [stage.kind for stage in report.stages] == ["region", "departement", "epci", "commune"]
        assert len(messages) == 5 and "Commune : 5 dans la source, 5 créé(e)s" in messages[3]

    def test_region_and_departement_codes_may_overlap(self, source):
        import_territories(source=source)
        assert get(TerritoryKind.REGION, "11").name == "Île-de-France"
        assert get(TerritoryKind.DEPARTEMENT, "11").name == "Aude"

    def test_wires_foreign_keys_and_fields(self, source):
        import_territories(source=source)
        amiens = get(TerritoryKind.COMMUNE, "80021")
        assert (amiens.departement.code, amiens.region.code, amiens.epci.code) == ("80", "32", "248000531")
        assert amiens.departement.kind == TerritoryKind.DEPARTEMENT and amiens.region.kind == TerritoryKind.REGION
        assert amiens.siren == "218000198"
        assert amiens.postal_codes == " 80000 80080 80090 " and amiens.postal_code_list == ["80000", "80080", "80090"]
        assert (amiens.latitude, amiens.longitude) == (49.9, 2.3)
        assert amiens.search_name == " amiens "
        assert get(TerritoryKind.COMMUNE, "80256").search_name == " dreuil les amiens "
        assert get(TerritoryKind.COMMUNE, "80001").epci is None
        assert get(TerritoryKind.DEPARTEMENT, "80").region.code == "32"
        # The Aude's région (76) is not in this small source: no link rather than a wrong one.
        assert get(TerritoryKind.DEPARTEMENT, "11").region is None

    def test_epci_lies_where_its_most_populated_member_lies(self, source):
        import_territories(source=source)
        epci = get(TerritoryKind.EPCI, "248000531")
        assert (epci.departement.code, epci.region.code) == ("80", "32")
        assert epci.population == 182854 and epci.epci_type == EpciType.CA and epci.siren == "248000531"
        assert sorted(epci.members.values_list("code", flat=True)) == ["80021", "80256", "80489"]

    def test_departement_and_region_population_is_the_sum_of_their_communes(self, source):
        import_territories(source=source)
        assert get(TerritoryKind.DEPARTEMENT, "80").population == 136449 + 5680 + 1576 + 22000
        assert get(TerritoryKind.REGION, "32").population == 136449 + 5680 + 1576 + 22000
        assert get(TerritoryKind.REGION, "11").population == 2103778


@pytest.mark.django_db
class TestReimport:
    def test_second_run_changes_nothing_and_says_so(self, source):
        import_territories(source=source)
        before = dict(Territory.objects.values_list("id", "updated_at"))
        messages = []
        report = import_territories(source=source, progress=messages.append)
        assert not report.changed
        assert report.created == report.updated == report.obsoleted == 0
        assert messages[-1] == "Aucun changement : les territoires sont déjà à jour."
        assert dict(Territory.objects.values_list("id", "updated_at")) == before

    def test_updates_changes_creates_new_ones_and_marks_vanished_ones_obsolete(self, source, tmp_path):
        import_territories(source=source, today=TODAY)
        amiens_id = get(TerritoryKind.COMMUNE, "80021").pk
        communes = [row[:] for row in COMMUNES if row[0] != "80489"]  # Longueau vanished (merger)
        communes[0][1] = "Amiens-sur-Somme"  # renamed
        communes.append(["80999", "Nouvelle-Commune", "", "80", "32", 7000, "80330", "metro", "248000531", None, None])
        changed = snapshot(tmp_path / "changed.json.gz", communes=communes, epci=EPCI[:1])

        report = import_territories(source=changed, today=TODAY)

        stage = report.stage(TerritoryKind.COMMUNE)
        assert (stage.created, stage.updated, stage.obsoleted) == (1, 1, 1)
        assert report.stage(TerritoryKind.EPCI).obsoleted == 1
        # Départements and régions got new populations.
        assert report.stage(TerritoryKind.DEPARTEMENT).updated == 1
        renamed = get(TerritoryKind.COMMUNE, "80021")
        assert renamed.pk == amiens_id and renamed.search_name == " amiens sur somme "
        longueau = get(TerritoryKind.COMMUNE, "80489")  # never deleted
        assert longueau.is_obsolete and longueau.obsolete_since == TODAY
        assert longueau.epci.code == "248000531" and longueau.name == "Longueau"
        assert get(TerritoryKind.EPCI, "200000001").is_obsolete
        new = get(TerritoryKind.COMMUNE, "80999")
        assert (new.departement.code, new.epci.code, new.is_obsolete) == ("80", "248000531", False)
        assert get(TerritoryKind.DEPARTEMENT, "80").population == 136449 + 1576 + 22000 + 7000

        assert not import_territories(source=changed, today=date(2025, 4, 1)).changed
        assert get(TerritoryKind.COMMUNE, "80489").obsolete_since == TODAY

    def test_a_territory_that_comes_back_is_restored(self, source, tmp_path):
        import_territories(source=source)
        import_territories(source=snapshot(tmp_path / "without.json.gz", communes=COMMUNES[:-1]), today=TODAY)
        assert get(TerritoryKind.COMMUNE, "75056").is_obsolete

        report = import_territories(source=source)

        assert report.stage(TerritoryKind.COMMUNE).restored == 1
        paris = get(TerritoryKind.COMMUNE, "75056")
        assert not paris.is_obsolete and paris.obsolete_since is None

    def test_leaves_foreign_territories_and_label_categories_alone(self, source):
        foreign = TerritoryFactory(kind=TerritoryKind.FOREIGN, code="BE-1000", name="Bruxelles")
        import_territories(source=source)
        Territory.objects.filter(code="80021").update(label_category=LabelCategory.VILLE)
        assert not import_territories(source=source).changed
        assert get(TerritoryKind.COMMUNE, "80021").label_category == LabelCategory.VILLE
        assert not Territory.objects.get(pk=foreign.pk).is_obsolete


@pytest.mark.django_db
class TestCommand:
    def test_command_prints_stages_and_is_idempotent(self, source):
        out = io.StringIO()
        call_command("import_territories", source=source, stdout=out)
        assert "Commune : 5 dans la source" in out.getvalue()
        out = io.StringIO()
        call_command("import_territories", "--source", str(source), stdout=out)
        assert "Aucun changement" in out.getvalue()

    def test_default_source_is_the_snapshot_setting(self, settings, source):
        settings.TERRITORIES_SNAPSHOT = source
        out = io.StringIO()
        call_command("import_territories", stdout=out)
        assert str(source) in out.getvalue()

    def test_missing_or_bad_file(self, tmp_path):
        with pytest.raises(CommandError, match="introuvable"):
            call_command("import_territories", source=tmp_path / "missing.json.gz")
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": 99}')
        with pytest.raises(CommandError, match="Format"):
            call_command("import_territories", source=bad)
        bad.write_text("not json")
        with pytest.raises(SnapshotError):
            import_territories(source=bad)
