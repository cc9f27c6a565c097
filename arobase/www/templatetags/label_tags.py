"""Includes of the label for other apps' pages.

* ``{% load label_tags %}{% label_history territory %}``: the collectivité's published results (each with its
  year), for its public page; alerts and what they mean are shown to its members and staff only.
* ``{% label_dashboard %}`` (in a page with ``request``): for each collectivité of the signed-in person, its
  candidacy for the campaigns in progress and its last published result.

Both read results through `selectors.published_results()` only (secrecy until the ceremony).
"""

from __future__ import annotations

from django import template
from django.db.models import Exists, OuterRef

from arobase.accounts.models import Affiliation, AffiliationStatus
from arobase.label import permissions, selectors
from arobase.label.candidacies.wording import campaign_candidacy_phrase
from arobase.label.models import Candidacy, CandidacySnapshot
from arobase.territories.rules import can_be_candidate

register = template.Library()

ALERT_MEANING_FR = (
    "Le jury a relevé une stagnation : à votre prochaine candidature (dans les 3 ans), vous pourrez perdre "
    "une @ au plus. Sans alerte, le nombre d'@ ne peut pas baisser."
)


@register.inclusion_tag("label/_history.html", takes_context=True)
def label_history(context, territory):
    request = context.get("request")
    user = getattr(request, "user", None)
    show_alerts = bool(user is not None and permissions.can_view_candidacy(user, territory))
    return {
        "territory": territory,
        "results": selectors.history_results(territory),
        "show_alerts": show_alerts,
        "alert_meaning": ALERT_MEANING_FR,
    }


@register.inclusion_tag("label/_dashboard.html", takes_context=True)
def label_dashboard(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"rows": []}
    territories = [
        affiliation.territory
        for affiliation in Affiliation.objects.filter(user=user, status=AffiliationStatus.APPROVED).select_related(
            "territory"
        )
        if can_be_candidate(affiliation.territory.kind)
    ]
    # A campaign published by staff before its ceremony stays listed (as deliberated) until the ceremony, when
    # its result replaces it: the référent is never left without news of the candidacy.
    campaigns = selectors.campaigns_not_yet_public()
    candidacies = {
        (candidacy.campaign_id, candidacy.territory_id): candidacy
        for candidacy in Candidacy.objects.filter(campaign__in=campaigns, territory__in=territories).annotate(
            transmitted=Exists(CandidacySnapshot.objects.filter(candidacy=OuterRef("pk")))
        )
    }
    last_results = {}
    for result in selectors.published_results().filter(territory__in=territories).order_by("year"):
        last_results[result.territory_id] = result
    rows = [
        {
            "territory": territory,
            "result": last_results.get(territory.pk),
            "campaigns": [
                _campaign_item(campaign, candidacies.get((campaign.pk, territory.pk))) for campaign in campaigns
            ],
        }
        for territory in territories
    ]
    return {"rows": rows, "alert_meaning": ALERT_MEANING_FR}


def _campaign_item(campaign, candidacy) -> dict:
    transmitted = bool(candidacy is not None and candidacy.transmitted)
    return {
        "campaign": campaign,
        "candidacy": candidacy,
        "phrase": campaign_candidacy_phrase(campaign, candidacy, transmitted=transmitted),
    }
