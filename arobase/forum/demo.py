"""A few conversations between élus, so that the #elunum space of a demo installation is not empty."""

from __future__ import annotations

from arobase.forum import selectors, services
from arobase.forum.models import Room, RoomKind, Thread, ThreadKind

DEMO_THREADS = [
    (
        "Fibre et zones blanches : comment avez-vous convaincu l'opérateur ?",
        ThreadKind.DISCUSSION,
        "Notre commune reste en zone blanche pour une partie des hameaux. Qui a obtenu un calendrier "
        "de déploiement ferme, et avec quels arguments ?",
        [
            "Nous avons mutualisé la demande à l'échelle de l'intercommunalité : l'opérateur a accepté un "
            "calendrier **trimestriel** une fois le syndicat départemental impliqué.",
            "Même expérience ici. Le plus utile a été la carte des foyers non raccordés, publiée sur le site.",
        ],
    ),
    (
        "Appel à idées : nos propositions pour la motion du congrès",
        ThreadKind.CALL_FOR_IDEAS,
        "Proposez une idée par message ; chacun peut soutenir celles qu'il veut porter au congrès.",
        [
            "Un fonds national pour la médiation numérique dans les communes de moins de 3 500 habitants.",
            "Des logiciels libres mutualisés entre collectivités, avec un catalogue partagé.",
        ],
    ),
    (
        "Conseiller numérique : retours après un an",
        ThreadKind.DISCUSSION,
        "Nous accueillons un conseiller numérique depuis un an. Quels indicateurs suivez-vous ?",
        ["Le nombre d'accompagnements, mais surtout les démarches menées jusqu'au bout par les habitants."],
    ),
]


def seed_demo_threads() -> int:
    """Creates the demo threads when the space is still empty and élus exist; returns how many were created."""
    if Thread.objects.exists():
        return 0
    speakers = list(selectors.elus()[:4])
    rooms = list(Room.objects.filter(kind=RoomKind.THEME).order_by("position", "name")[:3])
    if len(speakers) < 2 or not rooms:
        return 0
    for index, (title, kind, opening, replies) in enumerate(DEMO_THREADS):
        author = speakers[index % len(speakers)]
        thread = services.start_thread(
            actor=author, room=rooms[index % len(rooms)], title=title, body=opening, kind=kind
        )
        for number, text in enumerate(replies, start=1):
            services.reply(actor=speakers[(index + number) % len(speakers)], thread=thread, body=text)
    return len(DEMO_THREADS)
