"""Fixtures of the tribal track's tests (builders in ``builders.py``)."""

from __future__ import annotations

import pytest

from cases.casefiles.models import Case
from tests.factories import make_case
from tests.tribal.builders import make_panel


@pytest.fixture
def case(officer) -> Case:
    return make_case(by=officer)


@pytest.fixture
def panel(officer):
    return make_panel(officer)
