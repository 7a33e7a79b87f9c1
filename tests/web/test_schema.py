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
              ("POST", "/api/code")]


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
    case.call_and_validate()
