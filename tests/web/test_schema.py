"""Property tests of the API against its own OpenAPI schema (schemathesis): whatever a
client sends, the answer is documented, matches its schema, and is never a 500."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

schemathesis = pytest.importorskip("schemathesis")

from .conftest import FakeCoder  # noqa: E402

OPERATIONS = [("GET", "/api/events"), ("GET", "/api/events/{event_id}"),
              ("GET", "/api/timeline"), ("GET", "/api/dyads"), ("GET", "/api/actors"),
              ("GET", "/api/documents/{doc_id}"), ("GET", "/api/commitments"),
              ("GET", "/api/actors/names"), ("GET", "/api/export/events"),
              ("GET", "/api/export/commitments"), ("POST", "/api/code")]


@pytest.fixture(scope="module")
def api_schema(small_db: Path) -> Any:
    from dyads.web import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(small_db, coder=FakeCoder))


def test_every_operation_is_tested(api_schema: Any) -> None:
    found = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_api_answers_every_request_as_documented(api_schema: Any, method: str, path: str,
                                                 data: st.DataObject) -> None:
    case = data.draw(api_schema[path][method].as_strategy())
    # A value the schema allows but the store cannot use (2025-02-30, since after until, an
    # unknown actor name) is a documented 400/422 with a message, so "schema-valid data is
    # accepted" does not hold by design; every other check does, not_a_server_error first.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
