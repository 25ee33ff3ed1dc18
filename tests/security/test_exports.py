import pytest

from cases.security.exports import csv_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+964770", "'+964770"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("officer", "officer"),
        ("محمد", "محمد"),
        (42, 42),
        (None, None),
    ],
)
def test_formula_like_text_is_defused(value, expected):
    assert csv_cell(value) == expected
