"""Fuzz the JSON API from its own OpenAPI document: no input may produce a 5xx.

Schemathesis generates requests for every operation and sends them in-process through the WSGI
app with a valid coordinator token (so role checks pass and handlers really run). Bounded by
``MAX_EXAMPLES`` per operation to stay well under a minute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from .test_search import DOCS, make_report, user

MAX_EXAMPLES = 25


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_no_server_errors(store: Path) -> None:
    import schemathesis
    from django.core.wsgi import get_wsgi_application

    from carewatch.store.incidentdb.models import Incident
    from carewatch.store.searchdb.tokens import issue

    for i, doc in enumerate(DOCS):
        make_report(doc, i)
    Incident.objects.create(title="one", record={"title": "one"})
    token = issue(username=user("coordinator").username)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    failures: list[str] = []
    # an Err (invalid schema) has no ok(): the test should fail right there
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 8
    for operation in operations:

        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}")

        check()
    assert failures == []
