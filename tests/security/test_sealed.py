"""Sealed fields: encryption at rest, loud failure, refused look-ups, blind indexes."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection, models
from django.test.utils import isolate_apps

from cases.security.sealed import (
    BlindIndexField,
    SealedField,
    SealedValueError,
    blind_index,
    normalize_phone,
    normalize_text,
    refresh_blind_indexes,
    sealed_field_names,
    sealed_fields,
    sealed_lookup,
)
from tests.sealedapp.models import Informant

NAME = "Ahmed Khalil Hussein"
PHONE = "+964 770 123 4567"


@pytest.fixture
def key_a(settings):
    key = Fernet.generate_key().decode()
    settings.SEALED_FIELD_KEYS = [key]
    return key


def raw_row(pk):
    """The row as the database holds it, read around the ORM."""
    table = connection.ops.quote_name(Informant._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT name, phone, phone_index, code_name FROM {table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return dict(
            zip(["name", "phone", "phone_index", "code_name"], cursor.fetchone(), strict=True)
        )


def raw_update(pk, column, value):
    table = connection.ops.quote_name(Informant._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {connection.ops.quote_name(column)} = %s WHERE id = %s",  # noqa: S608
            [value, pk],
        )


# --- Encryption at rest ------------------------------------------------------------------------


@pytest.mark.django_db
def test_sealed_values_round_trip_through_the_database(key_a):
    informant = Informant.objects.create(name=NAME, phone=PHONE, code_name="Falcon")

    loaded = Informant.objects.get(pk=informant.pk)

    assert loaded.name == NAME
    assert loaded.phone == PHONE
    assert loaded.code_name == "Falcon"


@pytest.mark.django_db
def test_arabic_text_round_trips(key_a):
    informant = Informant.objects.create(name="أحمد خليل حسين", code_name="Falcon")

    assert Informant.objects.get(pk=informant.pk).name == "أحمد خليل حسين"


@pytest.mark.django_db
def test_empty_string_round_trips_as_empty_string_and_is_encrypted(key_a):
    informant = Informant.objects.create(name="", phone="", code_name="Falcon")

    loaded = Informant.objects.get(pk=informant.pk)
    row = raw_row(informant.pk)

    assert loaded.name == ""
    assert loaded.phone == ""
    assert row["name"] is not None and row["name"] != ""
    assert row["phone"] is not None and row["phone"] != ""


@pytest.mark.django_db
def test_none_is_stored_as_null(key_a):
    informant = Informant.objects.create(name=NAME, phone=None, code_name="Falcon")

    assert Informant.objects.get(pk=informant.pk).phone is None
    assert raw_row(informant.pk)["phone"] is None


@pytest.mark.django_db
def test_raw_sql_read_finds_no_plaintext_name_or_phone(key_a):
    informant = Informant.objects.create(name=NAME, phone=PHONE, code_name="Falcon")

    row = raw_row(informant.pk)

    stored = f"{row['name']} {row['phone']} {row['phone_index']}"
    for fragment in [NAME, "Ahmed", "Khalil", PHONE, "770", "1234567", "7701234567"]:
        assert fragment not in stored
    assert row["name"].startswith("gAAAAA")  # a Fernet token
    assert row["phone"].startswith("gAAAAA")
    assert row["code_name"] == "Falcon"


@pytest.mark.django_db
def test_same_value_is_stored_as_different_tokens(key_a):
    first = Informant.objects.create(name=NAME, code_name="A")
    second = Informant.objects.create(name=NAME, code_name="B")

    assert raw_row(first.pk)["name"] != raw_row(second.pk)["name"]


@pytest.mark.django_db
def test_queryset_update_encrypts_too(key_a):
    informant = Informant.objects.create(name=NAME, code_name="Falcon")

    Informant.objects.filter(pk=informant.pk).update(name="Omar Saleh")

    assert "Omar" not in raw_row(informant.pk)["name"]
    assert Informant.objects.get(pk=informant.pk).name == "Omar Saleh"


@pytest.mark.django_db
def test_values_list_decrypts(key_a):
    Informant.objects.create(name=NAME, phone=PHONE, code_name="Falcon")

    assert list(Informant.objects.values_list("name", "phone")) == [(NAME, PHONE)]


# --- Failing loudly ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_value_under_another_key_raises_instead_of_returning_raw(key_a, settings):
    informant = Informant.objects.create(name=NAME, code_name="Falcon")
    settings.SEALED_FIELD_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(SealedValueError) as excinfo:
        Informant.objects.get(pk=informant.pk)

    assert "sealedapp.Informant.name" in str(excinfo.value)
    assert NAME not in str(excinfo.value)
    assert raw_row(informant.pk)["name"] not in str(excinfo.value)


@pytest.mark.django_db
def test_plaintext_written_into_the_column_raises_instead_of_being_returned(key_a):
    informant = Informant.objects.create(name=NAME, code_name="Falcon")
    raw_update(informant.pk, "name", "Ahmed written by hand")

    with pytest.raises(SealedValueError) as excinfo:
        Informant.objects.get(pk=informant.pk)

    assert "Ahmed" not in str(excinfo.value)


@pytest.mark.django_db
def test_corrupted_token_raises(key_a):
    informant = Informant.objects.create(name=NAME, code_name="Falcon")
    token = raw_row(informant.pk)["name"]
    raw_update(informant.pk, "name", token[:-6] + "AAAAAA")

    with pytest.raises(SealedValueError):
        Informant.objects.get(pk=informant.pk)


def test_sealed_value_error_is_a_value_error():
    assert issubclass(SealedValueError, ValueError)


@pytest.mark.django_db
def test_no_keys_configured_is_improperly_configured(settings):
    settings.SEALED_FIELD_KEYS = []

    with pytest.raises(ImproperlyConfigured):
        Informant.objects.create(name=NAME, code_name="Falcon")


@pytest.mark.django_db
def test_invalid_key_is_improperly_configured_without_showing_the_key(settings):
    settings.SEALED_FIELD_KEYS = ["not-a-fernet-key-but-a-secret"]

    with pytest.raises(ImproperlyConfigured) as excinfo:
        Informant.objects.create(name=NAME, code_name="Falcon")

    assert "not-a-fernet-key-but-a-secret" not in str(excinfo.value)


# --- Look-ups ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("lookup", ["name", "name__exact", "name__icontains", "name__in"])
def test_filtering_on_a_sealed_field_raises_field_error(key_a, lookup):
    value = [NAME] if lookup.endswith("__in") else NAME

    with pytest.raises(FieldError, match="BlindIndexField"):
        Informant.objects.filter(**{lookup: value})


@pytest.mark.django_db
def test_transforms_on_a_sealed_field_raise_field_error(key_a):
    with pytest.raises(FieldError):
        Informant.objects.filter(name__lower="x")


@pytest.mark.django_db
def test_isnull_works_on_a_sealed_field(key_a):
    with_phone = Informant.objects.create(name=NAME, phone=PHONE, code_name="A")
    without_phone = Informant.objects.create(name=NAME, phone=None, code_name="B")

    assert list(Informant.objects.filter(phone__isnull=True)) == [without_phone]
    assert list(Informant.objects.filter(phone__isnull=False)) == [with_phone]


@pytest.mark.django_db
def test_blind_index_finds_international_phone_by_local_spelling(key_a):
    informant = Informant.objects.create(name=NAME, phone=PHONE, code_name="Falcon")
    Informant.objects.create(name="Other", phone="07809998877", code_name="Other")

    found = Informant.objects.filter(
        phone_index=blind_index("07701234567", normalizer=normalize_phone)
    )

    assert list(found) == [informant]
    assert list(Informant.objects.filter(**sealed_lookup(Informant, "phone_index", "7701234567")))
    assert list(
        Informant.objects.filter(**sealed_lookup(Informant, "phone_index", "0770 123 4567"))
    ) == [informant]


@pytest.mark.django_db
def test_blind_index_follows_a_changed_phone(key_a):
    informant = Informant.objects.create(name=NAME, phone=PHONE, code_name="Falcon")

    informant.phone = "07809998877"
    informant.save()

    assert not Informant.objects.filter(**sealed_lookup(Informant, "phone_index", PHONE)).exists()
    assert Informant.objects.filter(
        **sealed_lookup(Informant, "phone_index", "+9647809998877")
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("phone", [None, "", "no digits"])
def test_blind_index_is_empty_when_there_is_nothing_to_index(key_a, phone):
    informant = Informant.objects.create(name=NAME, phone=phone, code_name="Falcon")

    assert informant.phone_index is None
    assert raw_row(informant.pk)["phone_index"] is None


def test_refresh_blind_indexes_computes_indexes_before_saving(key_a):
    informant = Informant(name=NAME, phone=PHONE, code_name="Falcon")

    refresh_blind_indexes(informant)

    assert informant.phone_index == blind_index("07701234567", normalizer=normalize_phone)


def test_sealed_lookup_refuses_a_field_that_is_not_a_blind_index():
    with pytest.raises(FieldError):
        sealed_lookup(Informant, "code_name", "Falcon")


def test_blind_index_is_a_64_character_hex_hmac_depending_on_the_index_key(settings):
    settings.SEALED_INDEX_KEY = "first-key"
    first = blind_index("Ahmed")
    settings.SEALED_INDEX_KEY = "second-key"
    second = blind_index("Ahmed")

    assert len(first) == 64
    assert int(first, 16) >= 0
    assert first != second
    assert blind_index("Ahmed") == second


def test_blind_index_without_an_index_key_is_improperly_configured(settings):
    settings.SEALED_INDEX_KEY = ""

    with pytest.raises(ImproperlyConfigured):
        blind_index("Ahmed")


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("+964 770 123 4567", "7701234567"),
        ("00964 770 123 4567", "7701234567"),
        ("964-770-123-4567", "7701234567"),
        ("07701234567", "7701234567"),
        ("7701234567", "7701234567"),
        ("+964 0770 123 4567", "7701234567"),
        ("٠٧٧٠١٢٣٤٥٦٧", "7701234567"),  # Arabic-Indic digits
        ("(0770) 123-4567", "7701234567"),
        ("", ""),
        ("no digits", ""),
    ],
)
def test_normalize_phone(raw, normalized):
    assert normalize_phone(raw) == normalized


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("  Ahmed   KHALIL\tHussein \n", "ahmed khalil hussein"),
        ("Straße", "strasse"),
        ("ﻫ", "ه"),  # Arabic presentation form folds to the letter
        ("Ａｈｍｅｄ", "ahmed"),  # full-width letters
        ("", ""),
    ],
)
def test_normalize_text(raw, normalized):
    assert normalize_text(raw) == normalized


def test_phone_spellings_share_one_blind_index():
    spellings = ["+964 770 123 4567", "07701234567", "7701234567", "00964-770-123-4567"]

    assert len({blind_index(s, normalizer=normalize_phone) for s in spellings}) == 1


# --- Migrations and inventory ------------------------------------------------------------------


def test_sealed_field_deconstructs_cleanly():
    _, path, args, kwargs = Informant._meta.get_field("phone").deconstruct()

    assert path == "cases.security.sealed.SealedField"
    assert args == []
    assert kwargs == {"null": True, "blank": True}
    assert SealedField(*args, **kwargs).deconstruct()[3] == kwargs


def test_blind_index_field_deconstructs_with_source_and_dotted_normalizer():
    _, path, args, kwargs = Informant._meta.get_field("phone_index").deconstruct()

    assert path == "cases.security.sealed.BlindIndexField"
    assert kwargs == {"source": "phone", "normalizer": "cases.security.sealed.normalize_phone"}
    rebuilt = BlindIndexField(*args, **kwargs)
    assert (rebuilt.max_length, rebuilt.db_index, rebuilt.editable, rebuilt.null) == (
        64,
        True,
        False,
        True,
    )


def test_blind_index_field_stores_a_callable_normalizer_as_its_dotted_path():
    field = BlindIndexField(source="phone", normalizer=normalize_phone)

    assert field.deconstruct()[3]["normalizer"] == "cases.security.sealed.normalize_phone"


def test_blind_index_field_refuses_a_normalizer_migrations_cannot_import():
    with pytest.raises(ValueError, match="module-level"):
        BlindIndexField(source="phone", normalizer=lambda value: value)


@isolate_apps("tests.sealedapp")
def test_blind_index_on_a_field_that_is_not_sealed_fails_the_system_check():
    class Misconfigured(models.Model):
        phone = models.CharField(max_length=20)
        phone_index = BlindIndexField(source="phone")

        class Meta:
            app_label = "sealedapp"

        def __str__(self):
            return str(self.pk)

    errors = Misconfigured._meta.get_field("phone_index").check()

    assert [e.id for e in errors] == ["security.E002"]


@isolate_apps("tests.sealedapp")
def test_unique_sealed_field_fails_the_system_check():
    class Misconfigured(models.Model):
        name = SealedField(unique=True)

        class Meta:
            app_label = "sealedapp"

        def __str__(self):
            return str(self.pk)

    errors = Misconfigured._meta.get_field("name").check()

    assert any(e.id == "security.E001" and e.level == checks.ERROR for e in errors)


def test_sealed_fields_lists_the_sealed_columns_of_installed_models():
    pairs = {(model, field.name) for model, field in sealed_fields()}

    assert (Informant, "name") in pairs
    assert (Informant, "phone") in pairs
    assert (Informant, "code_name") not in pairs
    assert {"name", "phone"} <= sealed_field_names()
    assert "phone_index" not in sealed_field_names()
