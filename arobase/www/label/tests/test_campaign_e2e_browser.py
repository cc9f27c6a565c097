"""A whole campaign of the label through the pages, as the people who run it would, in headless Chromium.

Staff create the campaign and compose the jury; the référent of a Ville asks for the membership, opens, validates,
edits and re-validates its dossier; an EPCI (Territoire) fills in the complementary questionnaire; the deadline
passes; three jurors work (one of them declares a conflict of interest); staff deliberate, publish and the results
show at the ceremony only. Every person has their own browser context (their own session), signs in with their
password and, for staff and jurors, a TOTP code computed from the stored secret. The pages the steps go through
are checked with axe-core.

Only the starting world (territories, accounts, published actions, an old palmarès) is written directly: every
step of the campaign goes through the pages.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from arobase.accounts.tests.factories import (
    JurorFactory,
    ReferentAffiliationFactory,
    StaffFactory,
    activate_totp,
)
from arobase.actions.tests.factories import ActionFactory, referential_2019
from arobase.core.french import de
from arobase.label.models import (
    Campaign,
    Candidacy,
    CandidacyStatus,
    ConflictOfInterest,
    JurorProposal,
    JuryDecision,
    Membership,
    Result,
)
from arobase.label.tests.factories import add_result
from arobase.referential.models import Service
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory
from arobase.www.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = timezone.localdate().year + 1  # the label prepared today (actions published now count for it)
MENTIONS = ["Écoles Internet", "Innovation sociale", "Santé", "Internet solidaire"]


def _day(delta: int) -> str:
    """A local date ``delta`` days from today, as a date input takes it."""
    return (timezone.localdate() + timedelta(days=delta)).isoformat()


def _moment(value: datetime) -> str:
    """A local date and time as a datetime-local input takes it."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _at_noon(delta: int) -> str:
    return f"{_day(delta)}T12:00"


@dataclass
class Person:
    user: object
    secret: str | None = None


@dataclass
class World:
    staff: Person
    referent_ville: Person
    referent_epci: Person
    jurors: list[Person]
    ville: object
    epci: object
    expired_action: object


@pytest.fixture
def world(settings) -> World:
    """Before the campaign: collectivités with their référents and published actions, staff, jurors, and the
    EPCI's result of an earlier label (3 @ with an alert, two years ago)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # An authenticator app and the server may be a few seconds apart: accept the neighbouring 30-second step so
    # that the test does not depend on when in the step the code is typed.
    settings.MFA_TOTP_TOLERANCE = 1
    edition_2019 = referential_2019()
    services = {service.code: service for service in Service.objects.filter(edition=edition_2019)}
    label_region = RegionFactory(code="32", name="Hauts-de-France")
    label_somme = DepartementFactory(code="80", name="Somme", region=label_region)
    label_epci = EpciFactory(
        name="Amiens Métropole",
        code="248000531",
        population=180_000,
        label_category="territoire",
        departement=label_somme,
        region=label_region,
    )
    ville = CommuneFactory(
        name="Amiens",
        code="80021",
        population=133_000,
        label_category="ville",
        departement=label_somme,
        region=label_region,
        epci=label_epci,
    )

    ActionFactory(
        owner=ville, published=True, title="Espace public numérique de la médiathèque", services=[services["T3E2S05"]]
    )
    ActionFactory(
        owner=ville, published=True, title="Démarches en ligne de l'état civil", services=[services["T1E3S01"]]
    )
    two_years_ago = timezone.make_aware(datetime(timezone.localdate().year - 2, 6, 15, 10, 0))  # counts no more
    expired_action = ActionFactory(
        owner=ville, published=True, title="Conseil municipal des jeunes en ligne", services=[services["T1E4S02"]]
    )
    type(expired_action).objects.filter(pk=expired_action.pk).update(
        published_at=two_years_ago, last_activity_at=two_years_ago
    )
    ActionFactory(
        owner=label_epci, published=True, title="Portail des services intercommunaux", services=[services["T1E3S02"]]
    )
    ActionFactory(
        owner=label_epci,
        published=True,
        title="Mutualisation des outils numériques des communes",
        services=[services["T3E3S04"]],
    )
    add_result(label_epci, YEAR - 2, 3, alert=True, category="territoire")

    def with_totp(user) -> Person:
        return Person(user, activate_totp(user))

    return World(
        staff=with_totp(StaffFactory(first_name="Sandrine", last_name="Équipe", email="equipe@villes-internet.net")),
        referent_ville=Person(
            ReferentAffiliationFactory(
                territory=ville,
                user__first_name="Rémi",
                user__last_name="Référent",
                user__email="numerique@amiens.example.org",
            ).user
        ),
        referent_epci=Person(
            ReferentAffiliationFactory(
                territory=label_epci,
                user__first_name="Élise",
                user__last_name="Intercommunale",
                user__email="numerique@amiens-metropole.example.org",
            ).user
        ),
        jurors=[
            with_totp(JurorFactory(first_name=first, last_name=last, email=f"{first.lower()}@jury.example.org"))
            for first, last in (("Alice", "Arnaud"), ("Bruno", "Bernard"), ("Chloe", "Collin"))
        ],
        ville=ville,
        epci=label_epci,
        expired_action=expired_action,
    )


@pytest.fixture
def sign_in(chromium, live_server):
    """``sign_in(person)``: a new browser (context) where ``person`` is signed in, on their dashboard."""
    contexts = []

    def open_session(person: Person):
        context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        log_in(page, person.user.email, totp_secret=person.secret)
        return page

    yield open_session
    for context in contexts:
        context.close()


def _messages(page):
    return page.locator(".messages")


def _status(page, url: str) -> int:
    """The status a browser gets when it opens ``url`` (with the page's session)."""
    return page.goto(url).status


# --- The steps ------------------------------------------------------------------------------------------------


def _staff_create_campaign(staff, edition_label: str) -> None:
    staff.get_by_role("link", name="Pages de l'équipe").click()
    staff.get_by_role("link", name="Campagnes du label").first.click()
    staff.get_by_role("link", name="Nouvelle campagne").click()
    expect(staff.get_by_label("Année du label")).to_have_value(str(YEAR))
    staff.get_by_label("Ouverture des candidatures").fill(_day(-30))
    staff.get_by_label("Date limite de candidature").fill(_at_noon(20))
    staff.get_by_label("Réunion du jury").fill(_day(25))
    staff.get_by_label("Cérémonie (date et heure)").fill(_at_noon(40))
    staff.get_by_label("Édition du référentiel").select_option(label=edition_label)
    staff.get_by_label("Mentions thématiques").fill("\n".join(MENTIONS))
    staff.get_by_role("button", name="Enregistrer").click()
    expect(_messages(staff)).to_contain_text(f"Campagne du label {YEAR} créée.")
    row = staff.get_by_role("row", name=re.compile(rf"^{YEAR}"))
    expect(row).to_contain_text("ouverte")
    expect(row).to_contain_text("Écoles Internet, Innovation sociale, Santé, Internet solidaire")


def _staff_compose_jury(staff, jurors: list[Person]) -> None:
    staff.goto("/label/campagnes/")
    staff.get_by_role("link", name=f"Jury {YEAR}").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(f"Composition du jury du label {YEAR}")
    for juror in jurors:
        staff.get_by_label("Adresse électronique du juré").fill(juror.user.email)
        staff.get_by_role("button", name="Ajouter au jury").click()
        expect(_messages(staff)).to_contain_text("rejoint le jury")
    for juror in jurors:
        expect(staff.get_by_role("main")).to_contain_text(juror.user.email)


def _staff_confirm_membership(staff, territory_name: str) -> None:
    staff.goto("/label/campagnes/")
    staff.get_by_role("link", name="Adhésions à confirmer").click()
    item = staff.locator("li", has_text=territory_name).filter(has_text=f"label {YEAR}")
    expect(item).to_contain_text("formule simple")
    item.get_by_role("button", name="Confirmer").click()
    expect(_messages(staff)).to_contain_text("Adhésion confirmée.")


def _referent_requests_membership(referent, name: str) -> None:
    """From the dashboard to the candidacy page, which says the membership is missing and links to its request."""
    referent.get_by_role("link", name=f"Candidature au label {YEAR}").click()
    expect(referent.get_by_role("heading", level=1)).to_have_text(
        re.compile(rf"^Candidature {re.escape(de(name))} (\(\d+\) )?au label {YEAR}$")
    )
    expect(referent.get_by_role("region", name="Ce qui manque")).to_contain_text(
        f"La collectivité n'est pas adhérente pour {YEAR}"
    )
    referent.get_by_role("link", name="Demander l'adhésion").click()
    expect(referent.get_by_label("Année du label")).to_have_value(str(YEAR))
    referent.get_by_role("radio", name=re.compile(r"^\s*Simple :")).check()
    referent.get_by_role("button", name="Demander l'adhésion").click()
    expect(_messages(referent)).to_contain_text("Demande d'adhésion envoyée")
    expect(referent.get_by_role("table", name="Adhésions")).to_contain_text("demandée")


def _referent_back_to_candidacy(referent) -> None:
    referent.get_by_role("link", name="Mon espace").click()
    referent.get_by_role("link", name=f"Candidature au label {YEAR}").click()


def test_a_whole_campaign_through_the_pages(world, sign_in, chromium, live_server, assert_accessible):
    def anonymous_visitor():
        return chromium.new_context(base_url=live_server.url, locale="fr-FR")

    staff = sign_in(world.staff)

    # --- 1. Staff create the campaign with its dates and mentions, and compose its jury ---------------------
    _staff_create_campaign(staff, str(referential_2019()))
    label_campaign = Campaign.objects.get(year=YEAR)
    assert [mention.label for mention in label_campaign.mentions.all()] == MENTIONS
    _staff_compose_jury(staff, world.jurors)
    assert label_campaign.jury_members.count() == 3

    # --- 2a. The référent of the Ville asks for the membership; staff confirm it -----------------------------
    ville_page = sign_in(world.referent_ville)
    expect(ville_page.get_by_role("region", name="Label", exact=True)).to_contain_text(
        "pas encore de candidature : les candidatures sont ouvertes jusqu"
    )
    _referent_requests_membership(ville_page, "Amiens")
    _staff_confirm_membership(staff, "Amiens")
    assert Membership.objects.get(territory=world.ville, year=YEAR).status == "confirmed"

    # --- 2b. It opens the candidacy, sees the mosaïque of its eligible actions and validates ------------------
    _referent_back_to_candidacy(ville_page)
    expect(ville_page.get_by_role("region", name="Ce qui manque")).to_have_count(0)
    ville_page.get_by_role("button", name="Ouvrir la candidature").click()
    expect(_messages(ville_page)).to_contain_text("Candidature ouverte")
    eligible = ville_page.get_by_role("region", name=re.compile("actions? éligibles?"))
    expect(eligible.get_by_role("heading")).to_have_text("2 actions éligibles")
    expect(eligible).to_contain_text("Espace public numérique de la médiathèque")
    expect(eligible).not_to_contain_text("Conseil municipal des jeunes en ligne")
    mosaic = ville_page.get_by_role("region", name=re.compile("Mosaïque du label"))
    expect(mosaic.get_by_role("heading", level=2)).to_contain_text(f"Mosaïque du label {YEAR} : 2/")
    assert_accessible(ville_page)
    ville_page.get_by_role("button", name="Valider et transmettre au jury").click()
    expect(_messages(ville_page)).to_contain_text("Dossier validé et transmis au jury (version n°1)")
    expect(ville_page.locator("dl.facts")).to_contain_text("version n°1")

    # --- 2c. Before the deadline it makes an old action count again, and validates the dossier again ----------
    expect(ville_page.get_by_text("Le dossier a changé depuis")).to_have_count(0)
    eligible.get_by_role("link", name="Mes actions").click()
    expired = ville_page.get_by_role("region", name="Actions à confirmer")
    expect(expired).to_contain_text("Conseil municipal des jeunes en ligne")
    expired.get_by_role("button", name=re.compile("Toujours en cours.*Conseil municipal des jeunes")).click()
    expect(_messages(ville_page)).to_contain_text("l'action est confirmée")
    world.expired_action.refresh_from_db()
    assert world.expired_action.last_activity_at.year == timezone.localdate().year
    _referent_back_to_candidacy(ville_page)
    expect(ville_page.get_by_role("heading", name="3 actions éligibles")).to_be_visible()
    # The page says the jury would still judge version n°1 (2 actions) until the dossier is validated again.
    expect(ville_page.get_by_text("Le dossier a changé depuis la version n°1 transmise au jury")).to_be_visible()
    ville_page.get_by_role("button", name="Valider et transmettre au jury").click()
    expect(_messages(ville_page)).to_contain_text("(version n°2)")
    expect(ville_page.get_by_text("Le dossier a changé depuis")).to_have_count(0)
    ville_candidacy = Candidacy.objects.get(campaign=label_campaign, territory=world.ville)
    assert ville_candidacy.status == CandidacyStatus.VALIDATED
    assert [len(s.data["actions"]) for s in ville_candidacy.snapshots.order_by("number")] == [2, 3]

    # --- 2d. The EPCI (Territoire) answers the complementary questionnaire and validates ----------------------
    epci_page = sign_in(world.referent_epci)
    _referent_requests_membership(epci_page, "Amiens Métropole")
    _staff_confirm_membership(staff, "Amiens Métropole")
    _referent_back_to_candidacy(epci_page)
    epci_page.get_by_role("button", name="Ouvrir la candidature").click()
    expect(_messages(epci_page)).to_contain_text("Candidature ouverte")
    questionnaire = epci_page.get_by_role("group", name=re.compile("Questionnaire complémentaire"))
    expect(questionnaire.get_by_role("checkbox")).to_have_count(14)
    questionnaire.get_by_label("Conçoit des services numériques pour les citoyens").check()
    questionnaire.get_by_label("Met des moyens numériques à disposition des communes membres").check()
    questionnaire.get_by_label("Participe à l'ouverture des données publiques").check()
    epci_page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(_messages(epci_page)).to_contain_text("Dossier enregistré. Pensez à le valider")
    # "Open data" is declared but no eligible action illustrates it: the référent is warned (not blocked).
    expect(epci_page.get_by_role("region", name="Cohérence entre les déclarations et les actions")).to_contain_text(
        "Participe à l'ouverture des données publiques"
    )
    expect(questionnaire.get_by_label("Conçoit des services numériques pour les citoyens")).to_be_checked()
    assert_accessible(epci_page)
    epci_page.get_by_role("button", name="Valider et transmettre au jury").click()
    expect(_messages(epci_page)).to_contain_text("(version n°1)")
    epci_snapshot = Candidacy.objects.get(campaign=label_campaign, territory=world.epci).snapshots.get()
    assert epci_snapshot.data["questionnaire"]["open_data"] is True
    assert len(epci_snapshot.data["warnings"]) == 1
    # The référent of the EPCI leaves its dossier open in a tab, ready to validate it again later.
    questionnaire.get_by_label("Forme les agents de l'intercommunalité à la culture numérique").check()

    # --- 3. The deadline passes (staff move it to the day before yesterday) -----------------------------------
    staff.goto("/label/campagnes/")
    staff.get_by_role("link", name=f"Modifier la campagne {YEAR}").click()
    staff.get_by_label("Date limite de candidature").fill(_at_noon(-2))
    staff.get_by_label("Réunion du jury").fill(_day(-1))
    staff.get_by_role("button", name="Enregistrer").click()
    expect(_messages(staff)).to_contain_text(f"Campagne du label {YEAR} enregistrée.")
    expect(staff.get_by_role("row", name=re.compile(rf"^{YEAR}"))).to_contain_text("close (jury au travail)")

    ville_page.reload()
    expect(ville_page.get_by_text("Le dossier est en lecture seule.")).to_be_visible()
    expect(ville_page.get_by_role("region", name="Ce qui manque")).to_contain_text("est passée")
    expect(ville_page.get_by_role("button", name="Valider et transmettre au jury")).to_have_count(0)
    # The tab left open before the deadline: validating now is refused, in French, and nothing is written.
    epci_page.get_by_role("button", name="Valider et transmettre au jury").click()
    expect(_messages(epci_page)).to_contain_text(
        "La campagne n'est pas ouverte : le dossier ne peut pas être modifié (lecture seule)."
    )
    expect(epci_page.get_by_role("button", name="Valider et transmettre au jury")).to_have_count(0)
    assert Candidacy.objects.get(campaign=label_campaign, territory=world.epci).snapshots.count() == 1

    # --- 4. The jurors: a conflict of interest, then the proposals --------------------------------------------
    alice, bruno, chloe = (sign_in(juror) for juror in world.jurors)
    ville_dossier_url = f"/label/jury/{YEAR}/dossier/commune/80021/"
    epci_dossier_url = f"/label/jury/{YEAR}/dossier/epci/248000531/"

    alice.get_by_role("link", name="Jury", exact=True).click()
    alice.get_by_role("link", name=f"Label {YEAR}").click()
    expect(alice.get_by_role("table")).to_contain_text("Amiens Métropole")
    alice.get_by_role("link", name="Déclarer un conflit d'intérêts").click()
    alice.get_by_label("Dossier ou collectivité concerné").select_option(label="Ce dossier : Amiens")
    alice.get_by_label("Motif").fill("J'ai conseillé la ville d'Amiens sur son espace numérique cette année.")
    alice.get_by_role("button", name="Déclarer le conflit").click()
    expect(_messages(alice)).to_contain_text("Conflit d'intérêts déclaré")
    expect(alice.get_by_role("link", name="Amiens", exact=True)).to_have_count(0)
    expect(alice.get_by_role("link", name="Amiens Métropole")).to_be_visible()
    assert _status(alice, ville_dossier_url) == 404
    # Nor can she score it by posting the form anyway (with a valid CSRF token: the refusal is the view's).
    token = next(cookie["value"] for cookie in alice.context.cookies() if cookie["name"] == "csrftoken")
    scored = alice.request.post(ville_dossier_url, form={"csrfmiddlewaretoken": token, "arobases": "3"})
    assert scored.status == 404
    assert ConflictOfInterest.objects.filter(juror=world.jurors[0].user).count() == 1

    def propose(page, url, arobases, mentions=(), alert=False, comment=""):
        page.goto(url)
        page.get_by_label("Nombre d'@").select_option(str(arobases))
        for mention in mentions:
            page.get_by_label(mention).check()
        if alert:
            page.get_by_label("Alerte (stagnation relevée)").check()
        page.get_by_label("Commentaire").fill(comment)
        page.get_by_role("button", name=re.compile("ma proposition")).click()
        expect(_messages(page)).to_contain_text("Votre proposition est enregistrée.")

    alice.goto(epci_dossier_url)
    expect(alice.get_by_role("heading", name="Plage autorisée par le règlement : de 2 à 4 @")).to_be_visible()
    expect(alice.get_by_role("region", name=re.compile("Plage autorisée"))).to_contain_text(
        f"au moins 2 @ : 3 @ en {YEAR - 2} avec alerte, une @ de moins au plus"
    )
    expect(alice.get_by_role("region", name="Questionnaire complémentaire du territoire")).to_contain_text(
        "Participe à l'ouverture des données publiques : oui"
    )
    assert_accessible(alice)
    propose(alice, epci_dossier_url, 2, alert=True, comment="Peu d'évolution depuis le dernier label.")
    propose(bruno, epci_dossier_url, 4, mentions=["Écoles Internet"], comment="Belle mutualisation.")
    propose(chloe, epci_dossier_url, 3)
    propose(bruno, ville_dossier_url, 3, mentions=["Santé"], comment="Dossier solide, bien documenté.")
    bruno.goto(ville_dossier_url)
    expect(bruno.get_by_text("Version jugée : n°2")).to_be_visible()
    assert_accessible(bruno)
    propose(chloe, ville_dossier_url, 1, comment="Trop peu d'actions.")
    assert JurorProposal.objects.filter(candidacy__campaign=label_campaign).count() == 5

    # --- 5. The deliberation ------------------------------------------------------------------------------------
    staff.get_by_role("link", name="Jury", exact=True).click()
    staff.get_by_role("link", name=f"Label {YEAR}").click()
    staff.get_by_role("link", name="Délibération").click()
    attendance = staff.get_by_role("group", name="Présents à la délibération")
    attendance.get_by_label("Alice Arnaud").check()
    attendance.get_by_label("Bruno Bernard").check()
    attendance.get_by_label("Chloe Collin").uncheck()  # Chloé could not come
    staff.get_by_role("button", name="Enregistrer les présences").click()
    expect(_messages(staff)).to_contain_text("Présences enregistrées : 2 juré(s) présent(s).")

    # Publishing now, before the decisions, is refused (it would close the deliberation for good).
    staff.goto("/label/campagnes/")
    staff.get_by_role("button", name=f"Publier le palmarès {YEAR}").click()
    expect(_messages(staff)).to_contain_text("Il manque la décision du jury pour 2 dossier(s)")
    assert Campaign.objects.get(year=YEAR).published_at is None
    staff.get_by_role("link", name=f"Délibération {YEAR}").click()

    ville_row = staff.locator("section.card").filter(has=staff.get_by_role("heading", name="Amiens", exact=True))
    epci_row = staff.locator("section.card").filter(has=staff.get_by_role("heading", name="Amiens Métropole"))
    # The EPCI: the two present jurors disagree (2 and 4 @); Chloé's 3 @ does not count.
    expect(epci_row.get_by_text("Désaccord entre les jurés")).to_be_visible()
    expect(epci_row).to_contain_text("de 2 à 4 @ — au moins 2 @ : 3 @ en")
    expect(epci_row).to_contain_text("au plus 4 @ : le dernier résultat")
    # The Ville: Chloé (absent) proposed 1 @ and Bruno 3 @: only Bruno's counts, no disagreement.
    expect(ville_row.get_by_text("Désaccord entre les jurés")).to_have_count(0)
    expect(ville_row).to_contain_text("consensus : 1 proposition(s) à 3 @")
    expect(ville_row.get_by_role("row", name=re.compile("Chloe Collin"))).to_contain_text("absent, non compté")
    expect(ville_row).to_contain_text("de 1 à 4 @")
    expect(ville_row).to_contain_text("au plus 4 @ : première participation")
    expect(ville_row).to_contain_text("Alice Arnaud")  # her conflict of interest is shown to staff
    expect(staff.get_by_text("1 dossier en désaccord.")).to_be_visible()
    assert_accessible(staff)

    # A decision outside the range is refused, with the rule in French.
    ville_row.get_by_label("Nombre d'@").select_option("5")
    ville_row.get_by_role("button", name="Enregistrer la décision").click()
    expect(_messages(staff)).to_contain_text(
        "Amiens (80) : 5 @ hors de la plage autorisée (de 1 à 4 @) — au plus 4 @ : première participation."
    )
    assert not JuryDecision.objects.exists()
    ville_row.get_by_label("Nombre d'@").select_option("3")
    ville_row.get_by_label("Santé").check()
    ville_row.get_by_role("button", name="Enregistrer la décision").click()
    expect(_messages(staff)).to_contain_text("Décision enregistrée pour Amiens (80).")
    epci_row.get_by_label("Nombre d'@").select_option("1")
    epci_row.get_by_role("button", name="Enregistrer la décision").click()
    expect(_messages(staff)).to_contain_text("Amiens Métropole : 1 @ hors de la plage autorisée (de 2 à 4 @)")
    epci_row.get_by_label("Nombre d'@").select_option("4")
    epci_row.get_by_label("Écoles Internet").check()
    epci_row.get_by_role("button", name="Enregistrer la décision").click()
    expect(_messages(staff)).to_contain_text("Décision enregistrée pour Amiens Métropole.")
    expect(staff.get_by_text("2 décision(s) sur 2 dossier(s).")).to_be_visible()
    staff.get_by_role("button", name="Clore la délibération").click()
    expect(_messages(staff)).to_contain_text("Délibération close")
    expect(staff.locator("main")).to_contain_text("Campagne : délibérée.")
    assert_accessible(staff)

    # --- 6a. Before the ceremony, nothing of the decisions shows anywhere -------------------------------------
    def nothing_shows() -> None:
        ville_page.goto("/compte/tableau-de-bord/")
        expect(ville_page.get_by_role("region", name="Label", exact=True)).not_to_contain_text("dernier résultat")
        expect(ville_page.get_by_role("link", name="Votre panneau")).to_have_count(0)
        visitor = anonymous_visitor()
        try:
            public = visitor.new_page()
            public.goto(world.ville.get_absolute_url())
            expect(public.get_by_role("region", name=re.compile("Au label"))).to_contain_text(
                "Aucun résultat publié au label pour cette collectivité."
            )
            public.goto(world.epci.get_absolute_url())
            expect(public.get_by_role("region", name=re.compile("Au label"))).not_to_contain_text(f"Label {YEAR}")
            assert _status(public, f"/label/palmares/{YEAR}/") == 404
            assert _status(public, f"/label/palmares/{YEAR}/export.csv") == 404
            assert public.request.get(f"/api/v1/palmares/{YEAR}").status == 404
            assert _status(public, f"/label/panneau/commune/80021/{YEAR}.svg") == 404
            public.goto("/label/palmares/")
            expect(public.get_by_role("link", name=f"Label {YEAR}")).to_have_count(0)
        finally:
            visitor.close()

    nothing_shows()
    # Staff publish ahead of the ceremony: still secret.
    staff.goto("/label/campagnes/")
    staff.get_by_role("button", name=f"Publier le palmarès {YEAR}").click()
    expect(_messages(staff)).to_contain_text(f"Palmarès {YEAR} publié (2 résultats)")
    expect(staff.get_by_role("row", name=re.compile(rf"^{YEAR}"))).to_contain_text("publié, visible à la cérémonie")
    nothing_shows()

    # --- 6b. The ceremony: staff move it to a moment ago; the palmarès, the pages and the signs show -----------
    staff.get_by_role("link", name=f"Modifier la campagne {YEAR}").click()
    staff.get_by_label("Cérémonie (date et heure)").fill(_moment(timezone.now() - timedelta(minutes=5)))
    staff.get_by_role("button", name="Enregistrer").click()
    expect(_messages(staff)).to_contain_text(f"Campagne du label {YEAR} enregistrée.")
    expect(staff.get_by_role("row", name=re.compile(rf"^{YEAR}"))).to_contain_text("publiée")
    assert Result.objects.filter(year=YEAR, published=True).count() == 2

    visitor = anonymous_visitor()
    public = visitor.new_page()
    public.goto("/label/palmares/")
    public.get_by_role("link", name=f"Label {YEAR}").click()
    ranking = public.get_by_role("table", name=re.compile("Classement général : 2 collectivités"))
    expect(ranking.get_by_role("row")).to_have_count(3)
    expect(ranking.get_by_role("row").nth(1)).to_contain_text("Amiens Métropole")
    expect(ranking.get_by_role("row").nth(1)).to_contain_text("4 @")
    expect(ranking.get_by_role("row").nth(2)).to_contain_text("3 @")
    expect(ranking.get_by_role("row").nth(2)).to_contain_text("Santé")
    assert_accessible(public)

    api = public.request.get(f"/api/v1/palmares/{YEAR}")
    assert api.status == 200
    entries = api.json()["results"]
    assert [(e["name"], e["arobases"], e["mentions"], e["kind"]) for e in entries] == [
        ("Amiens Métropole", 4, ["Écoles Internet"], "territoire"),
        ("Amiens", 3, ["Santé"], "ville"),
    ]
    exported = public.request.get(f"/label/palmares/{YEAR}/export.csv")
    assert exported.status == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text())))
    assert [(row["name"], row["arobases"]) for row in rows] == [("Amiens Métropole", "4"), ("Amiens", "3")]

    public.goto(world.ville.get_absolute_url())
    history = public.get_by_role("region", name=re.compile("Au label"))
    expect(history).to_contain_text(f"Label {YEAR} : 3 @")
    expect(history).to_contain_text("Santé")
    visitor.close()

    ville_page.goto("/compte/tableau-de-bord/")
    expect(ville_page.get_by_role("region", name="Label", exact=True)).to_contain_text(
        f"dernier résultat : 3 @ au label {YEAR}"
    )
    ville_page.get_by_role("link", name="Votre panneau").click()
    expect(ville_page.get_by_role("heading", level=1)).to_have_text("Panneau du label : Amiens")
    for link_name, content_type in (
        ("Télécharger le PDF", "application/pdf"),
        ("Télécharger le fichier SVG", "image/svg+xml"),
    ):
        href = ville_page.get_by_role("link", name=re.compile(link_name)).get_attribute("href")
        response = ville_page.request.get(href)
        assert response.status == 200, href
        assert response.headers["content-type"].startswith(content_type)
        assert len(response.body()) > 500
    svg = ville_page.request.get(f"/label/panneau/commune/80021/{YEAR}.svg").text()
    assert str(YEAR) in svg and "@@@" in svg
