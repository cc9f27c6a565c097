"""Fuzzing of the whole public API from its OpenAPI document (schemathesis, in process through WSGI): whatever
the parameters, no server error. Bounded: a few examples per operation, no deadline."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from arobase.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: the WSGI calls must not close the test transaction's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def some_data(db, keep_test_connection):
    from arobase.actions.factories import ActionFactory, PlaceFactory

    action = ActionFactory(published=True, title="Médiation numérique")
    PlaceFactory(action=action)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error(case, some_data):
    case.call_and_validate(checks=[not_a_server_error])
