"""Every page of the site, in the roles that see it, in headless Chromium at 320 CSS px wide (WCAG 1.4.10):
no sideways scrolling of the page, and no serious or critical axe-core violation.

The data are demo-like: a commune and its intercommunality with members, published actions with places, actors
and links, a published palmarès, a campaign with a validated candidacy, a jury. Staff and jurors sign in with
their password and a TOTP code, as in production.
"""

from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from arobase.accounts.models import AffiliationStatus
from arobase.accounts.tests.factories import (
    AffiliationFactory,
    JurorFactory,
    ReferentAffiliationFactory,
    StaffFactory,
    activate_totp,
)
from arobase.actions.tests.factories import (
    ActionFactory,
    ActionLinkFactory,
    ActorFactory,
    PlaceFactory,
    referential_2019,
)
from arobase.label.candidacies import services as candidacy_services
from arobase.label.jury import services as jury_services
from arobase.label.models import Campaign, Membership, Result, SignDeclaration
from arobase.referential.models import Service
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory
from arobase.www.tests.browser import log_in

# The live server needs committed data (a transactional test, whose database is emptied after each test).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 320
YEAR = timezone.now().year + 1
PAST_YEAR = YEAR - 1


@dataclass
class World:
    staff: object
    staff_secret: str
    juror: object
    juror_secret: str
    referent: object
    contributor: object
    ville: object
    epci: object
    action: object
    service_code: str


def _campaign(edition, year: int, *, opens, deadline, ceremony, published=False) -> Campaign:
    campaign = Campaign.objects.create(
        year=year,
        opens_on=timezone.localdate(opens),
        candidacy_deadline=deadline,
        jury_meeting_on=timezone.localdate(deadline) + timedelta(days=5),
        ceremony_at=ceremony,
        edition=edition,
        published_at=timezone.now() - timedelta(days=1) if published else None,
        deliberated_at=timezone.now() - timedelta(days=1) if published else None,
    )
    campaign.mentions.create(code="ecoles-internet", label="Écoles Internet", position=1)
    campaign.mentions.create(code="internet-solidaire", label="Internet solidaire", position=2)
    return campaign


@pytest.fixture
def world(settings) -> World:
    # Other transactional tests empty the database, rows seeded by migrations included: seed the pages again.
    import_module("arobase.core.migrations.0002_seed_help_and_rules_pages").seed_pages(django_apps, None)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MFA_TOTP_TOLERANCE = 1
    now = timezone.now()
    edition = referential_2019()
    services = list(Service.objects.filter(edition=edition).order_by("code")[:12])
    region = RegionFactory(code="32", name="Hauts-de-France")
    somme = DepartementFactory(code="80", name="Somme", region=region)
    epci = EpciFactory(
        name="Communauté d'agglomération de la Baie de Somme",
        code="200070969",
        population=49_000,
        label_category="territoire",
        departement=somme,
        region=region,
    )
    ville = CommuneFactory(
        name="Saint-Valery-sur-Somme",
        code="80721",
        population=2_600,
        label_category="ville",
        departement=somme,
        region=region,
        epci=epci,
    )
    neighbour = CommuneFactory(
        name="Abbeville",
        code="80001",
        population=23_000,
        label_category="ville",
        departement=somme,
        region=region,
        epci=epci,
    )

    referent = ReferentAffiliationFactory(
        territory=ville, user__first_name="Rémi", user__email="numerique@saint-valery.example.org"
    ).user
    contributor = AffiliationFactory(
        territory=ville, user__first_name="Inès", user__email="mediatheque@saint-valery.example.org"
    ).user
    ReferentAffiliationFactory(territory=epci)
    AffiliationFactory(
        territory=neighbour,
        status=AffiliationStatus.PENDING,
        message="Je suis l'agent chargé du numérique de la mairie d'Abbeville.",
    )
    staff = StaffFactory(first_name="Sandrine", email="equipe@villes-internet.net")
    juror = JurorFactory(first_name="Alice", email="alice@jury.example.org")

    titles = (
        "Espace public numérique de la médiathèque : ateliers d'initiation et accompagnement aux démarches en ligne",
        "Démarches d'état civil en ligne et prise de rendez-vous pour les cartes d'identité",
        "Conseil municipal retransmis en direct et consultation des habitants avant délibération",
    )
    actions = []
    for index, title in enumerate(titles):
        action = ActionFactory(
            owner=ville, published=True, title=title, services=services[index * 3 : index * 3 + 3], shared_with=[epci]
        )
        PlaceFactory(
            action=action,
            label="Médiathèque municipale",
            address="12 quai Jeanne d'Arc",
            postcode="80230",
            city="Saint-Valery-sur-Somme",
            citycode="80721",
        )
        ActorFactory(
            action=action,
            name="Association d'éducation populaire au numérique de la Baie de Somme",
            email="contact.association-numerique-baie-de-somme@example.org",
            contact_consent=True,
        )
        ActionLinkFactory(
            action=action,
            url="https://www.example.org/une-adresse-tres-longue/sans-espace/"
            "pour-voir-si-la-page-reste-lisible-a-320-pixels-de-large",
        )
        actions.append(action)
    ActionFactory(
        owner=epci,
        published=True,
        title="Mutualisation des outils numériques des communes membres",
        services=services[9:11],
    )

    past = _campaign(
        edition,
        PAST_YEAR,
        opens=now - timedelta(days=300),
        deadline=now - timedelta(days=200),
        ceremony=now - timedelta(hours=1),
        published=True,
    )
    result = Result.objects.create(
        territory=ville,
        year=PAST_YEAR,
        arobases=3,
        campaign=past,
        mentions=["ecoles-internet"],
        published=True,
        source="jury",
        category="ville",
    )
    Result.objects.create(
        territory=epci,
        year=PAST_YEAR,
        arobases=4,
        campaign=past,
        published=True,
        source="jury",
        category="territoire",
        alert=True,
    )
    SignDeclaration.objects.create(
        territory=ville,
        result=result,
        address="Entrée de ville, route d'Abbeville",
        installed_on=timezone.localdate(),
        maker="Signalisation de Picardie",
        declared_by=referent,
    )

    current = _campaign(
        edition,
        YEAR,
        opens=now - timedelta(days=30),
        deadline=now + timedelta(days=30),
        ceremony=now + timedelta(days=70),
    )
    for territory in (ville, epci):
        Membership.objects.create(territory=territory, year=YEAR, level="simple", status="confirmed")
    Membership.objects.create(territory=neighbour, year=YEAR, level="praemium", status="requested")
    candidacy = candidacy_services.open_candidacy(actor=referent, campaign=current, territory=ville)
    candidacy_services.validate_candidacy(actor=referent, candidacy=candidacy, version=candidacy.version)
    jury_services.add_juror(actor=staff, campaign=current, user=juror)

    return World(
        staff=staff,
        staff_secret=activate_totp(staff),
        juror=juror,
        juror_secret=activate_totp(juror),
        referent=referent,
        contributor=contributor,
        ville=ville,
        epci=epci,
        action=actions[0],
        service_code=services[0].code,
    )


def _close_campaign(year: int) -> None:
    """The candidacy deadline passes: the jury works on the validated dossiers."""
    now = timezone.now()
    Campaign.objects.filter(year=year).update(
        opens_on=timezone.localdate(now - timedelta(days=60)),
        candidacy_deadline=now - timedelta(days=2),
        jury_meeting_on=timezone.localdate(now + timedelta(days=1)),
    )


@pytest.fixture
def browse(chromium, live_server):
    """``browse(user=None, secret=None)``: a 320 px wide browser, signed in as ``user`` when given."""
    contexts = []

    def open_session(user=None, secret=None):
        context = chromium.new_context(
            base_url=live_server.url, locale="fr-FR", viewport={"width": WIDTH, "height": 800}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if user is not None:
            log_in(page, user.email, totp_secret=secret)
        return page

    yield open_session
    for context in contexts:
        context.close()


def _problems(page, assert_accessible, paths) -> list[str]:
    """Visit each path; return what is wrong (status, sideways scrolling, axe-core) instead of stopping at the
    first page, so that one run lists every page to fix."""
    problems = []
    for path in paths:
        response = page.goto(path)
        if response is None or response.status != 200:
            problems.append(f"{path}: HTTP {response.status}")
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            culprits = page.evaluate(
                """(limit) => [...document.querySelectorAll('main *, header *, footer *')]
                    .filter(el => el.getBoundingClientRect().right > limit + 1)
                    .filter(el => !el.closest('.table-scroll, [data-scroll-region]'))
                    .slice(0, 4).map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''))""",
                WIDTH,
            )
            problems.append(f"{path}: scrollWidth {width} px at {WIDTH} px wide ({', '.join(culprits)})")
        try:
            assert_accessible(page)
        except AssertionError as error:
            problems.append(f"{path}: {str(error).split(chr(10) + 'assert')[0]}")
    return problems


def test_public_pages_for_an_anonymous_visitor(world, browse, assert_accessible):
    ville, action = world.ville, world.action
    paths = [
        "/",
        "/mentions-legales/",
        "/accessibilite/",
        "/donnees-personnelles/",
        "/aide/",
        "/faq/",
        "/reglement/",
        "/contact/",
        "/api/",
        "/label/methode/",
        "/territoires/",
        "/territoires/?q=saint",
        f"/territoires/commune/{ville.code}/",
        f"/territoires/epci/{world.epci.code}/",
        f"/actions/{action.pk}/",
        f"/mosaique/services/{world.service_code}/",
        "/referentiel/comparer/",
        "/label/palmares/",
        f"/label/palmares/{PAST_YEAR}/",
        "/label/panneaux/",
        "/atlaas/",
        "/atlaas/recherche/?q=numérique",
        "/atlaas/donnees/",
        "/atlaas/collectivites/",
        "/atlaas/acteurs/",
        "/barometre/",
        "/compte/login/",
        "/compte/signup/",
        "/compte/password/reset/",
    ]
    problems = _problems(browse(), assert_accessible, paths)
    assert not problems, "\n".join(problems)


def test_pages_of_a_referent_and_a_contributor(world, browse, assert_accessible):
    ville, action = world.ville, world.action
    referent_paths = [
        "/compte/tableau-de-bord/",
        "/actions/",
        "/actions/nouvelle/",
        f"/actions/{action.pk}/modifier/",
        f"/actions/{action.pk}/historique/",
        "/compte/rejoindre/",
        "/compte/rejoindre/?q=abbe",
        f"/label/adhesion/commune/{ville.code}/",
        f"/label/candidature/{YEAR}/commune/{ville.code}/",
        f"/label/panneau/commune/{ville.code}/",
        f"/label/evaluation/{YEAR}/",
        "/contact/",
        f"/territoires/commune/{ville.code}/",
        "/compte/2fa/",
    ]
    problems = _problems(browse(world.referent), assert_accessible, referent_paths)
    problems += _problems(
        browse(world.contributor),
        assert_accessible,
        ["/compte/tableau-de-bord/", "/actions/", f"/actions/{action.pk}/"],
    )
    assert not problems, "\n".join(problems)


def test_pages_of_staff_and_jurors_during_the_jury(world, browse, assert_accessible):
    ville = world.ville
    _close_campaign(YEAR)
    staff_paths = [
        "/compte/tableau-de-bord/",
        "/compte/equipe/",
        "/compte/equipe/demandes/",
        f"/compte/equipe/collectivites/{ville.pk}/membres/",
        "/compte/equipe/collectivites-etrangeres/ajouter/",
        "/compte/equipe/jury/",
        "/label/campagnes/",
        "/label/campagnes/nouvelle/",
        f"/label/campagnes/{YEAR}/modifier/",
        "/label/adhesions/",
        "/label/jury/",
        f"/label/jury/{YEAR}/",
        f"/label/jury/{YEAR}/composition/",
        f"/label/jury/{YEAR}/dossier/commune/{ville.code}/",
        f"/label/jury/{YEAR}/deliberation/",
        "/label/panneaux/declarations/",
        f"/label/evaluation/{YEAR}/resultats/",
        f"/actions/{world.action.pk}/depublier/",
        f"/label/panneau/commune/{ville.code}/",
    ]
    problems = _problems(browse(world.staff, world.staff_secret), assert_accessible, staff_paths)
    juror_paths = [
        "/compte/tableau-de-bord/",
        "/label/jury/",
        f"/label/jury/{YEAR}/",
        f"/label/jury/{YEAR}/conflits/",
        f"/label/jury/{YEAR}/dossier/commune/{ville.code}/",
    ]
    problems += _problems(browse(world.juror, world.juror_secret), assert_accessible, juror_paths)
    assert not problems, "\n".join(problems)
