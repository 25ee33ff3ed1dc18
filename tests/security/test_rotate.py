"""Key rotation: rotate() and manage.py rotate_sealed_keys."""

from __future__ import annotations

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from cases.security.sealed import SealedValueError, rotate, sealed_lookup
from tests.sealedapp.models import Informant

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("Ahmed Khalil Hussein", "+964 770 123 4567", "Falcon"),
    ("Omar Saleh Jasim", None, "Hawk"),
    ("", "07809998877", "Owl"),
    ("Zainab Abbas", "", "Heron"),
    ("Mahmoud Ali", "0750 111 2233", "Eagle"),
]


@pytest.fixture
def key_a():
    return Fernet.generate_key().decode()


@pytest.fixture
def key_b():
    return Fernet.generate_key().decode()


@pytest.fixture
def informants(settings, key_a):
    """Rows written under key A only."""
    settings.SEALED_FIELD_KEYS = [key_a]
    return [
        Informant.objects.create(name=name, phone=phone, code_name=code)
        for name, phone, code in PEOPLE
    ]


def raw_rows():
    table = connection.ops.quote_name(Informant._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, name, phone, phone_index, code_name FROM {table} ORDER BY id"  # noqa: S608
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def run_command(*args):
    out = StringIO()
    call_command("rotate_sealed_keys", *args, stdout=out)
    return out.getvalue()


def test_rotation_re_encrypts_every_value_under_the_new_key(settings, informants, key_a, key_b):
    before = raw_rows()
    settings.SEALED_FIELD_KEYS = [key_b, key_a]

    output = run_command("--batch-size", "2")

    settings.SEALED_FIELD_KEYS = [key_b]
    after = raw_rows()
    loaded = {i.pk: (i.name, i.phone, i.code_name) for i in Informant.objects.all()}
    assert loaded == {i.pk: people for i, people in zip(informants, PEOPLE, strict=True)}
    for pk, (name, phone, phone_index, code_name) in after.items():
        old_name, old_phone, old_index, old_code_name = before[pk]
        assert name != old_name
        assert phone != old_phone or phone is None
        assert phone_index == old_index
        assert code_name == old_code_name
    assert "sealedapp.Informant: 5 row(s) rewritten" in output


def test_rotation_keeps_blind_index_lookups_working(settings, informants, key_a, key_b):
    settings.SEALED_FIELD_KEYS = [key_b, key_a]
    run_command()
    settings.SEALED_FIELD_KEYS = [key_b]

    found = Informant.objects.get(**sealed_lookup(Informant, "phone_index", "07701234567"))

    assert found.name == "Ahmed Khalil Hussein"


def test_second_rotation_rewrites_nothing(settings, informants, key_a, key_b):
    settings.SEALED_FIELD_KEYS = [key_b, key_a]
    run_command()
    after_first = raw_rows()

    output = run_command()

    assert raw_rows() == after_first
    assert "sealedapp.Informant: 0 row(s) rewritten" in output


def test_rotation_output_names_models_and_counts_but_no_values(settings, informants, key_a, key_b):
    settings.SEALED_FIELD_KEYS = [key_b, key_a]

    output = run_command()

    for name, phone, _ in PEOPLE:
        if name:
            assert name not in output
        if phone:
            assert phone not in output
    assert "770" not in output


def test_dry_run_changes_nothing(settings, informants, key_a, key_b):
    before = raw_rows()
    settings.SEALED_FIELD_KEYS = [key_b, key_a]

    output = run_command("--dry-run")

    assert raw_rows() == before
    assert "sealedapp.Informant: 5 row(s) would be rewritten" in output
    settings.SEALED_FIELD_KEYS = [key_b]
    with pytest.raises(SealedValueError):
        list(Informant.objects.all())


def test_corrupted_row_stops_the_command_naming_model_field_and_pk(
    settings, informants, key_a, key_b
):
    victim = informants[2]
    table = connection.ops.quote_name(Informant._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET phone = %s WHERE id = %s",  # noqa: S608
            ["07809998877 typed in by hand", victim.pk],
        )
    settings.SEALED_FIELD_KEYS = [key_b, key_a]

    with pytest.raises(CommandError) as excinfo:
        run_command()

    message = str(excinfo.value)
    assert "sealedapp.Informant.phone" in message
    assert f"pk={victim.pk}" in message
    assert "07809998877" not in message


def test_value_no_key_can_open_stops_the_command(settings, informants, key_b):
    settings.SEALED_FIELD_KEYS = [key_b]

    with pytest.raises(CommandError, match=f"pk={informants[0].pk}"):
        run_command()


def test_rotation_recomputes_blind_indexes_under_a_new_index_key(settings, informants):
    settings.SEALED_INDEX_KEY = "a-new-blind-index-key"
    assert not Informant.objects.filter(
        **sealed_lookup(Informant, "phone_index", "07701234567")
    ).exists()

    rewritten = rotate(Informant)

    # Three rows have a phone to index; the other two keep an empty index and current tokens.
    assert rewritten == 3
    assert (
        Informant.objects.get(**sealed_lookup(Informant, "phone_index", "07701234567")).code_name
        == "Falcon"
    )


def test_rotate_returns_zero_when_everything_is_current(informants):
    assert rotate(Informant, batch_size=1) == 0


def test_rotate_skips_no_row_across_batch_boundaries(settings, informants, key_a, key_b):
    settings.SEALED_FIELD_KEYS = [key_b, key_a]

    assert rotate(Informant, batch_size=2) == len(PEOPLE)
    assert rotate(Informant, batch_size=2) == 0


def test_batch_size_below_one_is_refused(informants):
    with pytest.raises(CommandError):
        run_command("--batch-size", "0")
