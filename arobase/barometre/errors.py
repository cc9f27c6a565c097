"""Domain errors of the baromètre; views and commands turn them into French messages."""


class BarometreError(Exception):
    message = "Opération impossible sur le baromètre."

    def __str__(self) -> str:
        return self.message


class NotAllowed(BarometreError):
    message = "Seule l'équipe de l'association peut calculer ou figer le baromètre."


class UnknownYear(BarometreError):
    message = "Aucune édition du référentiel ne permet de calculer le baromètre de cette année."


class AlreadyFrozen(BarometreError):
    message = (
        "Le baromètre de cette année est figé : ses chiffres ne bougent plus. "
        "Commencez explicitement une nouvelle édition pour le recalculer."
    )


class NoDraft(BarometreError):
    message = "Aucun brouillon du baromètre à figer pour cette année : calculez-le d'abord."


class ComputationRunning(BarometreError):
    message = "Un calcul de cette année est en cours : attendez qu'il se termine, relisez le brouillon, puis figez-le."
