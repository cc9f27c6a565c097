"""The demo accounts: one per role, on a domain that can never receive mail."""

DEMO_EMAIL_DOMAIN = "demo.villes-internet.invalid"
DEMO_PASSWORDS = {
    "staff": "Equipe-Demo-2026!",
    "referent": "Referent-Demo-2026!",
    "contributor": "Contributeur-Demo-2026!",
    "juror": "Jury-Demo-2026!",
}
DEMO_LOGIN_EMAILS = {
    "staff": f"equipe@{DEMO_EMAIL_DOMAIN}",
    "referent": f"referent@{DEMO_EMAIL_DOMAIN}",
    "contributor": f"contributeur@{DEMO_EMAIL_DOMAIN}",
    "juror": f"jury@{DEMO_EMAIL_DOMAIN}",
}
