"""Sealed fields: columns encrypted at rest, with keyed-hash columns for exact look-ups.

A sealed value (a source's name, phone, address) is stored as a Fernet token made with the first
key of ``settings.SEALED_FIELD_KEYS``; every key in the list can decrypt, so a new key is put first
and ``manage.py rotate_sealed_keys`` re-encrypts the old rows. Keys come from the environment and
never from the database: a stolen dump or backup holds only ciphertext.

A value that cannot be decrypted raises ``SealedValueError``; it is never handed back raw. Since
tokens are randomised, the database cannot compare them: only ``isnull`` is allowed on a sealed
field. Exact matches go through a ``BlindIndexField``, an HMAC-SHA256 of the normalised value under
``settings.SEALED_INDEX_KEY``::

    class Source(models.Model):
        phone = SealedField(null=True, blank=True)
        phone_index = BlindIndexField(
            source="phone", normalizer="cases.security.sealed.normalize_phone"
        )

    Source.objects.filter(**sealed_lookup(Source, "phone_index", "0770 123 4567"))

The index is computed when the model is saved. ``QuerySet.update()`` and ``save(update_fields=...)``
without the index do not recompute it; ``refresh_blind_indexes(instance)`` does, and
``rotate(model)`` repairs every row.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models, router, transaction
from django.db.models.functions import Cast
from django.utils.module_loading import import_string

Normalizer = Callable[[str], str]


class SealedValueError(ValueError):
    """A stored sealed value could not be decrypted with any configured key.

    The message names the model and field (and the row where known), never the value.
    """


# --- Keys -----------------------------------------------------------------------------------


def _configured_keys() -> tuple[str, ...]:
    keys = getattr(settings, "SEALED_FIELD_KEYS", None)
    if isinstance(keys, str | bytes):
        raise ImproperlyConfigured("SEALED_FIELD_KEYS must be a list of Fernet keys, not a string.")
    keys = tuple(k.decode() if isinstance(k, bytes) else str(k) for k in keys or ())
    if not keys:
        raise ImproperlyConfigured(
            "SEALED_FIELD_KEYS is empty: sealed fields need at least one Fernet key."
        )
    return keys


@functools.lru_cache(maxsize=16)
def _build_fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    fernets = []
    for position, key in enumerate(keys):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            # The key itself must not end up in a traceback or a log.
            raise ImproperlyConfigured(
                f"SEALED_FIELD_KEYS[{position}] is not a valid Fernet key "
                "(32 url-safe base64-encoded bytes)."
            ) from None
    return MultiFernet(fernets), fernets[0]


def _fernet() -> MultiFernet:
    """All configured keys: the first encrypts, any decrypts. Read at use, cached per key list."""
    return _build_fernets(_configured_keys())[0]


def _primary_fernet() -> Fernet:
    return _build_fernets(_configured_keys())[1]


def _field_label(field: models.Field) -> str:
    model = getattr(field, "model", None)
    if model is None:
        return f"sealed field {field.name!r}"
    return f"{model._meta.label}.{field.name}"


class _Ciphertext(str):
    """A token that is already encrypted and must be stored as it is (used by ``rotate``)."""

    __slots__ = ()


# --- The sealed field -------------------------------------------------------------------------


class SealedField(models.TextField):
    """Text encrypted at rest with Fernet; ``None`` is stored as NULL, ``""`` is encrypted too.

    Refuses every lookup but ``isnull``: tokens are randomised, so ``filter(field=value)`` could
    never match. Use a ``BlindIndexField`` for exact matches.
    """

    description = "Text encrypted at rest (Fernet)"

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.unique or self.primary_key:
            errors.append(
                checks.Error(
                    "A sealed field cannot be unique or a primary key: its tokens are randomised.",
                    hint="Put unique=True on a BlindIndexField whose source is this field.",
                    obj=self,
                    id="security.E001",
                )
            )
        return errors

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None:
            return None
        if isinstance(value, _Ciphertext):
            return str(value)
        return _fernet().encrypt(value.encode("utf-8")).decode("ascii")

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return self.decrypt(value)

    def decrypt(self, token: str) -> str:
        """The plaintext of a stored token; ``SealedValueError`` if no key opens it."""
        try:
            return _fernet().decrypt(token.encode("utf-8")).decode("utf-8")
        except (InvalidToken, UnicodeError, TypeError, AttributeError):
            raise SealedValueError(
                f"{_field_label(self)}: the stored value could not be decrypted with any key in "
                "SEALED_FIELD_KEYS (wrong key, corrupted token, or a value written unencrypted)."
            ) from None

    def _refuse(self, lookup_name: str) -> FieldError:
        return FieldError(
            f"{_field_label(self)} is a sealed field: its values are encrypted with random tokens, "
            f"so the '{lookup_name}' lookup can never match. Only 'isnull' is allowed; to find a "
            "value, filter on a BlindIndexField (see cases.security.sealed.sealed_lookup)."
        )

    def get_lookup(self, lookup_name: str):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        raise self._refuse(lookup_name)

    def get_transform(self, lookup_name: str):
        raise self._refuse(lookup_name)


# --- Blind indexes ----------------------------------------------------------------------------


def normalize_text(value: str) -> str:
    """Unicode NFKC, case-folded, runs of whitespace collapsed to one space, ends trimmed."""
    return " ".join(unicodedata.normalize("NFKC", value).casefold().split())


def normalize_phone(value: str) -> str:
    """The digits of an Iraqi phone number, without the 964 / 00964 country code or leading 0.

    "+964 770 123 4567", "00964 770 123 4567", "07701234567" and "7701234567" all give
    "7701234567". Arabic-Indic digits count as digits ("٠٧٧٠١٢٣٤٥٦٧" is the same number).
    """
    digits = "".join(str(unicodedata.decimal(ch)) for ch in value if ch.isdecimal())
    if digits.startswith("00964"):
        digits = digits[5:]
    elif digits.startswith("964"):
        digits = digits[3:]
    if digits.startswith("0"):
        digits = digits[1:]
    return digits


def _resolve_normalizer(normalizer: Normalizer | str) -> Normalizer:
    if isinstance(normalizer, str):
        return import_string(normalizer)
    return normalizer


def _normalizer_path(normalizer: Normalizer | str) -> str:
    if isinstance(normalizer, str):
        return normalizer
    path = f"{normalizer.__module__}.{normalizer.__qualname__}"
    try:
        importable = import_string(path) is normalizer
    except ImportError:
        importable = False
    if not importable:
        raise ValueError(
            f"A blind index normalizer must be a module-level function (got {path}): "
            "migrations store it by its dotted path."
        )
    return path


def _index_key() -> bytes:
    key = getattr(settings, "SEALED_INDEX_KEY", "")
    if not key:
        raise ImproperlyConfigured("SEALED_INDEX_KEY is empty: blind indexes need an HMAC key.")
    return key.encode("utf-8") if isinstance(key, str) else bytes(key)


def blind_index(value: str, *, normalizer: Normalizer | str = normalize_text) -> str:
    """HMAC-SHA256 (hex, 64 characters) of the normalised value under SEALED_INDEX_KEY."""
    normalized = _resolve_normalizer(normalizer)(value)
    return hmac.new(_index_key(), normalized.encode("utf-8"), hashlib.sha256).hexdigest()


class BlindIndexField(models.CharField):
    """Keyed hash of another field's normalised value, kept up to date on save, for exact look-ups.

    Empty when the source is None, empty, or normalises to nothing (a phone with no digits), so
    such values never match each other.
    """

    description = "Blind index (HMAC-SHA256) of a sealed field"
    _defaults = {"max_length": 64, "db_index": True, "editable": False, "null": True}

    def __init__(
        self,
        *args: Any,
        source: str,
        normalizer: Normalizer | str = "cases.security.sealed.normalize_text",
        **kwargs: Any,
    ) -> None:
        for name, default in self._defaults.items():
            kwargs.setdefault(name, default)
        self.source = source
        self.normalizer = _normalizer_path(normalizer)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        for option, default in self._defaults.items():
            if kwargs.get(option, models.NOT_PROVIDED) == default:
                del kwargs[option]
        # CharField drops db_index=False and null=False: put them back when they differ.
        for option in ("db_index", "editable", "null"):
            if getattr(self, option) != self._defaults[option]:
                kwargs[option] = getattr(self, option)
        kwargs["source"] = self.source
        kwargs["normalizer"] = self.normalizer
        return name, path, args, kwargs

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        try:
            source = self.model._meta.get_field(self.source)
        except Exception:
            source = None
        if not isinstance(source, SealedField):
            errors.append(
                checks.Error(
                    f"BlindIndexField source {self.source!r} is not a SealedField of this model.",
                    obj=self,
                    id="security.E002",
                )
            )
        try:
            _resolve_normalizer(self.normalizer)
        except ImportError:
            errors.append(
                checks.Error(
                    f"BlindIndexField normalizer {self.normalizer!r} cannot be imported.",
                    obj=self,
                    id="security.E003",
                )
            )
        return errors

    def index_for(self, value: str | None) -> str | None:
        """The index of ``value`` as this field stores it (None for None or nothing to index)."""
        if value is None:
            return None
        normalizer = _resolve_normalizer(self.normalizer)
        if not normalizer(value):
            return None
        return blind_index(value, normalizer=normalizer)

    def pre_save(self, model_instance: models.Model, add: bool) -> str | None:
        value = self.index_for(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def refresh_blind_indexes(instance: models.Model) -> None:
    """Recompute every blind index of ``instance`` in memory, e.g. before ``full_clean()``."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, BlindIndexField):
            field.pre_save(instance, add=instance._state.adding)


def sealed_lookup(model: type[models.Model], field_name: str, value: str) -> dict[str, str]:
    """Filter keyword arguments that find ``value`` through the blind index ``field_name``.

    ``Model.objects.filter(**sealed_lookup(Model, "phone_index", "0770 123 4567"))``. Refuses a
    field that is not a BlindIndexField, and None (filter on ``<source>__isnull`` instead).
    """
    field = model._meta.get_field(field_name)
    if not isinstance(field, BlindIndexField):
        raise FieldError(f"{model._meta.label}.{field_name} is not a BlindIndexField.")
    if value is None:
        raise ValueError(f"Look up a missing value with {field.source}__isnull, not the index.")
    return {field.name: blind_index(value, normalizer=field.normalizer)}


# --- Inventory and rotation --------------------------------------------------------------------


def sealed_fields() -> list[tuple[type[models.Model], SealedField]]:
    """Every (model, sealed field) pair of the installed models, on the model holding the column."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.local_concrete_fields
        if isinstance(field, SealedField)
    ]


def sealed_field_names() -> set[str]:
    """Attribute names of every sealed field (the log filter redacts values under these names)."""
    return {field.name for _, field in sealed_fields()}


def rotate(model: type[models.Model], *, batch_size: int = 500, dry_run: bool = False) -> int:
    """Re-encrypt the model's sealed values under the first key and recompute its blind indexes.

    Works through the rows in primary-key order, ``batch_size`` at a time, each batch locked
    (``select_for_update``) in its own transaction, and writes with ``QuerySet.update()`` only the
    columns that change, so no other field, signal or ``save()`` logic is involved. A row whose
    tokens are all under the first key and whose indexes are current is left alone, so a second
    run rewrites nothing and an interrupted run can simply be started again.

    Returns the number of rows rewritten (with ``dry_run``, that would be rewritten; nothing is
    written). Raises ``SealedValueError`` naming the model, field and primary key of a value that
    no key decrypts; the batch holding it is rolled back, earlier batches stay rotated.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1.")
    local = model._meta.local_concrete_fields
    sealed = [f for f in local if isinstance(f, SealedField)]
    if not sealed:
        return 0
    sealed_by_name = {f.name: f for f in sealed}
    indexes = [f for f in local if isinstance(f, BlindIndexField) and f.source in sealed_by_name]
    multi, primary = _fernet(), _primary_fernet()
    database = router.db_for_write(model)
    # Cast to plain text so the raw token is read, not decrypted by the field's converter.
    raw = {
        f"_sealed_raw_{f.attname}": Cast(f.attname, output_field=models.TextField()) for f in sealed
    }
    columns = ["pk", *raw, *(f.attname for f in indexes)]

    rewritten = 0
    last_pk = None
    while True:
        with transaction.atomic(using=database):
            queryset = model._base_manager.using(database).order_by("pk")
            if last_pk is not None:
                queryset = queryset.filter(pk__gt=last_pk)
            if not dry_run:
                queryset = queryset.select_for_update()
            rows = list(queryset.annotate(**raw).values(*columns)[:batch_size])
            for row in rows:
                changes = _rotated_row(row, sealed, indexes, multi, primary)
                if changes:
                    rewritten += 1
                    if not dry_run:
                        model._base_manager.using(database).filter(pk=row["pk"]).update(**changes)
        if len(rows) < batch_size:
            return rewritten
        last_pk = rows[-1]["pk"]


def _rotated_row(
    row: dict[str, Any],
    sealed: list[SealedField],
    indexes: list[BlindIndexField],
    multi: MultiFernet,
    primary: Fernet,
) -> dict[str, Any]:
    """The columns of one row that rotation must rewrite, with their new values."""
    changes: dict[str, Any] = {}
    plaintexts: dict[str, str | None] = {}
    for field in sealed:
        token = row[f"_sealed_raw_{field.attname}"]
        if token is None:
            plaintexts[field.name] = None
            continue
        try:
            try:
                plaintexts[field.name] = primary.decrypt(token.encode()).decode("utf-8")
            except InvalidToken:
                plaintexts[field.name] = multi.decrypt(token.encode()).decode("utf-8")
                changes[field.attname] = _Ciphertext(multi.rotate(token.encode()).decode("ascii"))
        except (InvalidToken, UnicodeError):
            raise SealedValueError(
                f"{_field_label(field)} (pk={row['pk']!r}): the stored value could not be "
                "decrypted with any key in SEALED_FIELD_KEYS."
            ) from None
    for index in indexes:
        value = index.index_for(plaintexts[index.source])
        if value != row[index.attname]:
            changes[index.attname] = value
    return changes
