"""Fuzzing of the whole public API from its OpenAPI document (schemathesis, in process through WSGI), with every
check of schemathesis: no server error, every status code and body as documented, valid parameters accepted and
invalid ones rejected. Bounded: a few examples per operation, no deadline."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from arobase.wsgi import application
from arobase.www.actions.api import BBOX, DATE_OR_DATETIME

longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)
latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)


@st.composite
def bboxes(draw) -> str:
    west, east = sorted((draw(longitudes), draw(longitudes)))
    south, north = sorted((draw(latitudes), draw(latitudes)))
    return ",".join(f"{value:.4f}" for value in (west, south, east, north))


# The formats of the document that JSON Schema does not define (see arobase/actions/api.py).
schemathesis.openapi.format(BBOX, bboxes())
schemathesis.openapi.format(
    DATE_OR_DATETIME,
    st.one_of(st.dates().map(str), st.datetimes(timezones=st.timezones()).map(lambda moment: moment.isoformat())),
)

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
    from arobase.actions.tests.factories import ActionFactory, PlaceFactory

    action = ActionFactory(published=True, title="Médiation numérique")
    PlaceFactory(action=action)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_document(case, some_data):
    # Bodies are compared with the document, so ask them uncompressed.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
