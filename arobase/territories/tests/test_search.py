import pytest

from arobase.core.text import normalize
from arobase.territories.models import EpciType, Territory, TerritoryKind, search_key
from arobase.territories.selectors import search_territories, territory_by_code
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory


def codes(queryset):
    return [territory.code for territory in queryset]


def test_normalize_and_search_key():
    assert normalize("Saint-Étienne") == "saint etienne"
    assert normalize("VILLENEUVE-D'ASCQ") == normalize("villeneuve d’ascq") == "villeneuve d ascq"
    assert search_key("L'Haÿ-les-Roses") == " l hay les roses "


@pytest.mark.django_db
def test_save_computes_search_name():
    commune = CommuneFactory(name="Saint-Étienne-du-Rouvray")
    assert Territory.objects.get(pk=commune.pk).search_name == " saint etienne du rouvray "


@pytest.mark.django_db
class TestNameSearch:
    @pytest.fixture(autouse=True)
    def territories(self):
        loire = DepartementFactory(code="42", name="Loire")
        self.metropole = EpciFactory(
            name="Saint-Étienne Métropole", population=407700, departement=loire, epci_type=EpciType.METRO
        )
        self.saint_etienne = CommuneFactory(code="42218", name="Saint-Étienne", population=173136, departement=loire)
        self.rouvray = CommuneFactory(code="76575", name="Saint-Étienne-du-Rouvray", population=29518)
        self.villeneuve = CommuneFactory(code="59009", name="Villeneuve-d'Ascq", population=62868)
        self.villeneuve_loubet = CommuneFactory(code="06161", name="Villeneuve-Loubet", population=16000)
        self.amiens = CommuneFactory(code="80021", name="Amiens", population=136449)
        self.samien = CommuneFactory(code="99999", name="Samiens", population=999999)

    @pytest.mark.parametrize("query", ["saint etienne", "Saint-Étienne", "SAINT-ETIENNE", "  saint   étienne "])
    def test_exact_name_first_whatever_the_case_accents_and_hyphens(self, query):
        results = codes(search_territories(query=query))
        assert results[0] == "42218"
        assert set(results) == {"42218", self.metropole.code, "76575"}

    def test_then_names_starting_with_the_query_by_population(self):
        assert codes(search_territories(query="saint etienne"))[1:] == [self.metropole.code, "76575"]

    @pytest.mark.parametrize("query", ["villeneuve d ascq", "Villeneuve-d'Ascq", "villeneuve d’ascq", "villen asc"])
    def test_apostrophes_and_word_prefixes(self, query):
        assert codes(search_territories(query=query)) == ["59009"]

    def test_word_prefix_matching(self):
        assert codes(search_territories(query="amien")) == ["80021"]
        assert codes(search_territories(query="villeneuve")) == ["59009", "06161"]

    def test_matches_only_the_start_of_words(self):
        assert codes(search_territories(query="mien")) == []
        assert codes(search_territories(query="tienne")) == []

    def test_kind_filter(self):
        assert codes(search_territories(query="saint etienne", kind=TerritoryKind.EPCI)) == [self.metropole.code]

    def test_departement_filter(self):
        assert codes(search_territories(query="saint", departement="42")) == [self.metropole.code, "42218"]

    def test_obsolete_territories_are_left_out(self):
        Territory.objects.filter(code="76575").update(is_obsolete=True)
        assert "76575" not in codes(search_territories(query="saint etienne"))

    def test_empty_query_lists_everything_most_populated_first_unknown_population_last(self):
        unknown = CommuneFactory(name="Archipel des Kerguelen", population=None)
        results = codes(search_territories(query=""))
        assert results[0] == self.samien.code
        assert results[-1] == unknown.code
        assert codes(search_territories(query=" -'- ")) == results


@pytest.mark.django_db
class TestCodeSearch:
    def test_insee_code_including_corsica(self):
        ajaccio = CommuneFactory(code="2A004", name="Ajaccio", postal_codes=" 20000 20090 ")
        assert codes(search_territories(query="2A004")) == [ajaccio.code]
        assert codes(search_territories(query=" 2a004 ")) == [ajaccio.code]

    def test_siren(self, somme_territories):
        assert codes(search_territories(query="248000531")) == ["248000531"]
        assert codes(search_territories(query="218000198")) == ["80021"]

    def test_postal_code_finds_every_commune_having_it(self, somme_territories):
        other = CommuneFactory(code="80999", name="Autre", population=10, postal_codes=" 80470 80480 ")
        assert codes(search_territories(query="80470")) == ["80256", other.code]
        assert codes(search_territories(query="80080")) == ["80021"]
        assert codes(search_territories(query="8008")) == []

    def test_insee_code_and_postal_code_together(self, somme_territories):
        homonym = CommuneFactory(code="80999", name="Homonyme", population=10, postal_codes=" 80021 ")
        assert codes(search_territories(query="80021")) == ["80021", homonym.code]

    def test_departement_code_gives_the_departement_then_its_territories(self, somme_territories):
        elsewhere = CommuneFactory(name="Ailleurs", population=10**6)
        results = codes(search_territories(query="80"))
        assert results == ["80", "248000531", "80021", "80489", "80256"]
        assert elsewhere.code not in results

    def test_corsican_departement_code(self):
        corse_du_sud = DepartementFactory(code="2A", name="Corse-du-Sud", population=160000)
        ajaccio = CommuneFactory(code="2A004", name="Ajaccio", departement=corse_du_sud, population=70000)
        assert codes(search_territories(query="2a")) == ["2A", ajaccio.code]


@pytest.mark.django_db
def test_territory_by_code_prefers_commune_then_epci_then_departement_then_region():
    ile_de_france = RegionFactory(code="11", name="Île-de-France")
    aude = DepartementFactory(code="11", name="Aude")
    assert territory_by_code(code="11") == aude
    assert territory_by_code(code="11", kind=TerritoryKind.REGION) == ile_de_france
    assert territory_by_code(code="42") is None
    ajaccio = CommuneFactory(code="2A004")
    assert territory_by_code(code="2a004") == ajaccio
