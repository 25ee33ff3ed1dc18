"""Penalties in months: what caps pre-trial detention."""

from __future__ import annotations

import pytest

from cases.legal import rules


@pytest.mark.parametrize(
    ("penalty", "months", "expected"),
    [
        ("death", None, 240),
        ("life", None, 240),
        ("life", 100, 240),
        ("temporary", None, 180),
        ("temporary", 120, 120),
        ("imprisonment", None, 60),
        ("imprisonment", 6, 6),
        ("fine", None, 0),
        ("", None, None),
        ("", 36, None),
    ],
)
def test_the_heaviest_penalty_of_an_article_in_months(penalty, months, expected):
    assert rules.max_months(penalty, months) == expected


@pytest.mark.parametrize(
    ("months", "expected"),
    [
        ([], None),
        ([None], None),
        ([None, 60], 60),
        ([60, 240, 180], 240),
        ([0], 0),
    ],
)
def test_the_heaviest_of_several_charges(months, expected):
    assert rules.heaviest(months) == expected
