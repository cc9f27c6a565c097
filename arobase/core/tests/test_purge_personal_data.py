"""`manage.py purge_personal_data`: the daily retention of personal data, idempotent, saying what it deleted."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from arobase.accounts.models import User
from arobase.accounts.tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _purge() -> str:
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    return out.getvalue()


def _session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["x"] = 1
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key


def _login_records(age: timedelta, username: str) -> None:
    when = timezone.now() - age
    for model, extra in ((AccessAttempt, {"failures_since_start": 3}), (AccessLog, {}), (AccessFailureLog, {})):
        record = model.objects.create(username=username, ip_address="192.0.2.1", user_agent="test", **extra)
        model.objects.filter(pk=record.pk).update(attempt_time=when)


def _signed_up(email: str, *, days_ago: int, verified: bool, logged_in: bool = False) -> User:
    user = UserFactory(email=email, verified=False)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    User.objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - timedelta(days=days_ago), last_login=timezone.now() if logged_in else None
    )
    return user


def test_purge_deletes_only_what_is_expired_and_says_so():
    expired, alive = _session(-timedelta(minutes=1)), _session(timedelta(hours=1))
    _login_records(timedelta(days=91), "ancien@example.org")
    _login_records(timedelta(days=89), "recent@example.org")
    stale = _signed_up("jamais@example.org", days_ago=31, verified=False)
    young = _signed_up("nouveau@example.org", days_ago=29, verified=False)
    confirmed = _signed_up("confirme@example.org", days_ago=400, verified=True)
    logged = _signed_up("connecte@example.org", days_ago=400, verified=False, logged_in=True)
    staff = StaffFactory(verified=False)
    User.objects.filter(pk=staff.pk).update(date_joined=timezone.now() - timedelta(days=400))

    output = _purge()

    assert "sessions expirées : 1 supprimé(s)" in output
    assert "journaux de connexion de plus de 90 jours : 1 supprimé(s)" in output
    assert "comptes jamais confirmés après 30 jours : 1 supprimé(s)" in output
    assert set(Session.objects.values_list("pk", flat=True)) == {alive}
    assert expired not in Session.objects.values_list("pk", flat=True)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert list(model.objects.values_list("username", flat=True)) == ["recent@example.org"]
    assert not User.objects.filter(pk=stale.pk).exists()
    assert set(User.objects.values_list("pk", flat=True)) == {young.pk, confirmed.pk, logged.pk, staff.pk}


def test_purge_is_idempotent():
    _session(-timedelta(minutes=1))
    _signed_up("jamais@example.org", days_ago=31, verified=False)
    _purge()
    output = _purge()
    assert output.count(": 0 supprimé(s)") == 5
