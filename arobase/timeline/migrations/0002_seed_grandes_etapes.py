"""Every milestone and figure of « Les grandes étapes depuis 20 ans » (press kit of the 20th label and first
congress of élus, January 2019, seeds/003), each with its source. Idempotent: a milestone already there is kept."""

import datetime

from django.db import migrations

SOURCE = (
    "Villes Internet, « Les grandes étapes depuis 20 ans », dossier de presse du 20e Label national et du premier "
    "congrès des élus au numérique, janvier 2019"
)
FIGURES_SOURCE = (
    "Villes Internet, « Une histoire de l'Internet citoyen », frise 1999 – 2009 – 2019, dossier de presse du "
    "20e Label national, janvier 2019"
)
SOURCE_URL = "http://internetcitoyen.fr"

INNOVATIONS = [
    (2000, "Amazon", ""),
    (2002, "Wikipédia", ""),
    (2003, "iTunes", ""),
    (2003, "Skype", ""),
    (2004, "Facebook", ""),
    (2005, "YouTube", ""),
    (2005, "Crowdsourcing", ""),
    (2006, "Twitter", ""),
    (2007, "iPhone", ""),
    (2007, "Internet mobile", ""),
    (2007, "Théorie transhumaniste", "Humanité 2.0, la Bible du changement, Raymond Kurzweil."),
    (2009, "Uber", ""),
    (2010, "Conception de la blockchain", ""),
    (2010, "iPad", ""),
    (2012, "Google Glass", ""),
    (2013, "Casques de réalité virtuelle", ""),
    (2015, "Periscope", ""),
    (2016, "Chatbot", ""),
    (2016, "Pokémon Go", ""),
    (2017, "AlphaGo bat le champion du monde de Go", ""),
]
WORLD = [
    (2000, "Bug de l'an 2000", ""),
    (2000, "Éclatement de la bulle Internet", ""),
    (
        2000,
        "G8 sur la fracture numérique",
        "Imprimé « 67 sur la fracture numérique » dans la source : la charte d'Okinawa du G8 (juillet 2000) sur "
        "la société mondiale de l'information.",
    ),
    (2001, "Le 11 septembre en direct", ""),
    (2002, "BitTorrent, le pair à pair", ""),
    (2002, "Licences Creative Commons", ""),
    (2005, "Débuts du crowdsourcing", ""),
    (2006, "WikiLeaks", ""),
    (2008, "Arrêt du papier pour le premier journal", ""),
    (2010, "Internet catalyse les printemps arabes", ""),
    (2010, "Fermeture de The Pirate Bay", ""),
    (2010, "Droit à l'oubli", ""),
    (2013, "Snowden, lanceur d'alerte", ""),
    (2014, "Multiplication des fake news", ""),
    (2015, "Mouvement anti-Uber", ""),
    (2016, "Mouvement #metoo", ""),
    (2017, "Cyberattaques (WannaCry, NotPetya)", ""),
    (2018, "Scandale Facebook sur les données personnelles", ""),
]
FRANCE = [
    (1999, "france", "Arrivée de l'ADSL"),
    (2000, "france", "Création de service-public.fr"),
    (2002, "association", "Constitution de l'association Villes Internet"),
    (2004, "lois", "Loi pour la confiance dans l'économie numérique"),
    (2005, "france", "Box haut débit"),
    (2006, "france", "Premier wifi communautaire municipal"),
    (2006, "france", "Prise de conscience de la cybercriminalité"),
    (2008, "france", "Premier secrétaire d'État au développement de l'économie numérique"),
    (2009, "lois", "Adoption de la loi Hadopi"),
    (2014, "france", "Métropoles French Tech"),
    (2015, "france", "« Je suis Charlie »"),
    (2016, "lois", "Loi pour une République numérique"),
    (2016, "france", "Expérimentation des véhicules autonomes"),
    (2017, "lois", "Droit de l'utilisation de la blockchain par les banques"),
    (2017, "france", "11 plateformes d'ouverture des données publiques"),
    (2018, "lois", "Règlement général sur la protection des données"),
    (2018, "france", "Rapport Villani sur l'intelligence artificielle"),
    (2018, "france", "Mouvement des Gilets jaunes sur les réseaux"),
]
FIGURES = [
    (1999, "monde", "248 millions d'internautes dans le monde", ""),
    (1999, "monde", "4,1 % de la population mondiale connectée", ""),
    (
        2009,
        "monde",
        "247 milliards d'internautes",
        "Chiffre reproduit tel qu'imprimé dans la source ; il désigne vraisemblablement un autre indicateur, le "
        "monde comptant alors moins de 2 milliards d'internautes.",
    ),
    (2009, "monde", "La Chine, 1re nation utilisatrice d'Internet", ""),
    (2009, "france", "20 millions de Français achètent sur Internet", ""),
    (2009, "france", "80 % des Français ont un mobile", ""),
    (2009, "france", "12 % des Français ont un smartphone", ""),
    (2009, "france", "56 % des Français ont un ordinateur", ""),
    (2009, "france", "1 h 30 par jour passée sur Internet", ""),
    (2019, "monde", "4,9 milliards d'internautes dans le monde", ""),
    (2019, "monde", "54 % de la population mondiale connectée", ""),
    (2019, "france", "57 millions d'internautes en France", ""),
    (2019, "france", "40 millions de Français achètent sur Internet", ""),
    (2019, "france", "93 % des Français ont un mobile", ""),
    (2019, "france", "81 % des Français ont un smartphone", ""),
    (2019, "france", "71 % des Français ont un ordinateur", ""),
    (2019, "france", "4 h 48 par jour passées sur Internet", ""),
]


def rows():
    for year, title, body in INNOVATIONS:
        yield year, "innovations", title, body, SOURCE
    for year, title, body in WORLD:
        yield year, "monde", title, body, SOURCE
    for year, track, title in FRANCE:
        yield year, track, title, "", SOURCE
    for year, track, title, body in FIGURES:
        yield year, track, title, body, FIGURES_SOURCE


def seed(apps, schema_editor):
    Milestone = apps.get_model("timeline", "Milestone")
    for year, track, title, body, source in rows():
        Milestone.objects.get_or_create(
            date=datetime.date(year, 1, 1),
            track=track,
            title=title,
            territory=None,
            defaults={
                "precision": "year",
                "body": body,
                "source_text": source,
                "source_url": SOURCE_URL,
                "status": "published",
            },
        )


def unseed(apps, schema_editor):
    Milestone = apps.get_model("timeline", "Milestone")
    for year, track, title, _body, _source in rows():
        Milestone.objects.filter(date=datetime.date(year, 1, 1), track=track, title=title, territory=None).delete()


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
