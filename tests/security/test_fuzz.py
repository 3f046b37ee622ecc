"""A bounded schemathesis run against the API's own OpenAPI schema: a few generated requests per operation,
as a logged-in province admin, and not one may answer 500 (bad parameters answer 400/422 with a message)."""

from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from talenta.engine.nip import make_nip
from tests.factories import employee

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
# Valid and invalid data both (out-of-range years, NUL bytes, huge page numbers, text for numbers).
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], allow_x00=True)
# Real objects for the path (a random code only ever meets a 404): the province, one of its employees.
NIP = make_nip(birth_date=date(1988, 7, 1), tmt=date(2012, 1, 1), gender="P", sequence=77)
schema.config.update(parameters={"code": "64", "nip": NIP})


@pytest.fixture
def keep_connection():
    """As Django's test client does: the requests must not close the test's connection (its transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def session_cookie(region, client, keep_connection):
    employee("64.71.02", nip=NIP, name="Dewi Lestari", gender="P", birth_date=date(1988, 7, 1))
    client.force_login(region["users"]["kaltim"])
    return {"sessionid": client.cookies["sessionid"].value}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_api_request_answers_500(case, session_cookie):
    response = case.call(cookies=session_cookie)
    case.validate_response(response, checks=[not_a_server_error])
