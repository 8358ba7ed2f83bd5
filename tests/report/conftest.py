"""Fixtures for the report tests; the data they build lives in factories.py."""

import pytest

from factlint.models import CheckResult, IngestNotice, Summary
from tests.report.factories import RULES, make_result, shenzhen_findings


@pytest.fixture
def result() -> CheckResult:
    return make_result(shenzhen_findings(),
                       [IngestNotice(path="corpus/photo-caption.jpg", level="info", message="binary file skipped")])


@pytest.fixture
def shuffled(result: CheckResult) -> CheckResult:
    """The same findings in another order, as a parallel run might produce them."""
    findings = list(reversed(result.findings))
    findings[0], findings[2] = findings[2], findings[0]
    return result.model_copy(update={"findings": findings, "notices": list(reversed(result.notices))})


@pytest.fixture
def empty() -> CheckResult:
    return CheckResult(rules=RULES, summary=Summary(files=3, claims=14))
