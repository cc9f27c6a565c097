"""The emails of the label (French, plain text), through the shared helpers of `accounts.notifications`: links
built from `SITE_URL`, staff reached at the addresses of the active staff accounts."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from arobase.accounts.notifications import SUBJECT_PREFIX, absolute_url, send_email, staff_addresses
from arobase.accounts.selectors import referent_of
from arobase.notifications.services import notify


def _send(*, template: str, subject: str, recipients, context: dict) -> None:
    send_email(template_path=template, subject=subject, recipients=recipients, context=context)


def notify_membership_requested(membership) -> None:
    """Tell staff that a collectivité asks for a membership (a `label.Membership`), so they confirm it."""
    _send(
        template="accounts/email/membership_requested.txt",
        subject=SUBJECT_PREFIX
        + _("Demande d'adhésion : %(name)s (%(year)s)") % {"name": membership.territory.name, "year": membership.year},
        recipients=staff_addresses(),
        context={"membership": membership, "decide_url": absolute_url("label:membership_list")},
    )


def notify_membership_confirmed(membership) -> None:
    """Tell the référent of the collectivité (and whoever asked, if someone else) that its membership is
    confirmed: it may now be a candidate."""

    referent = referent_of(membership.territory)
    recipients = [referent.user.email] if referent is not None else []
    if membership.requested_by is not None:
        recipients.append(membership.requested_by.email)
    _send(
        template="accounts/email/membership_confirmed.txt",
        subject=SUBJECT_PREFIX
        + _("Adhésion confirmée : %(name)s (%(year)s)") % {"name": membership.territory.name, "year": membership.year},
        recipients=recipients,
        context={"membership": membership, "dashboard_url": absolute_url("accounts:dashboard")},
    )


def notify_candidacy_reminder(*, campaign, territory, candidacy, recipients: list[str]) -> None:
    """Remind the référents that the dossier of `territory` is not validated yet, a few days before the deadline
    (an email, and an entry on their notifications page)."""
    referent = referent_of(territory)
    if referent is not None:
        notify(
            user=referent.user,
            kind="candidacy_deadline",
            title=_("Label %(year)s : le dossier %(name)s n'est pas encore validé")
            % {"year": campaign.year, "name": territory.name},
            url=reverse(
                "label:candidacy", kwargs={"year": campaign.year, "kind": territory.kind, "code": territory.code}
            ),
        )
    _send(
        template="label/email/reminder.txt",
        subject=_("Label %(year)s : votre dossier n'est pas encore validé") % {"year": campaign.year},
        recipients=recipients,
        context={
            "campaign": campaign,
            "territory": territory,
            "candidacy": candidacy,
            "deadline": timezone.localtime(campaign.candidacy_deadline),
            "url": absolute_url("label:candidacy", year=campaign.year, kind=territory.kind, code=territory.code),
            "has_snapshot": bool(candidacy and candidacy.snapshots.exists()),
        },
    )


def notify_referent_left(territories: list) -> None:
    """Tell staff that the only référent of these collectivités deleted their account (nobody is left to act)."""
    _send(
        template="accounts/personal_data/referent_left_email.txt",
        subject=SUBJECT_PREFIX
        + _("Un référent a supprimé son compte : %(names)s") % {"names": ", ".join(map(str, territories))},
        recipients=sorted(staff_addresses()),
        context={"territories": territories},
    )
