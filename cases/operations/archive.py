"""The encrypted backup file: a plaintext header, AES-256-GCM chunks, a trailer.

Layout::

    b"CWBK1\\n"                      magic and format version
    4 bytes big-endian, then JSON   the header: key id, created_at, database, row counts per
                                    table, the access log's head hash and entry count, ...
    chunks, each: 4 bytes length, ciphertext (plaintext of CHUNK_SIZE at most + 16-byte tag)
    b"CWBKEND" + 64 hex chars       SHA-256 of every chunk's bytes (lengths and ciphertexts)

Each chunk's nonce is a random 8-byte prefix (in the header) and the chunk's counter; its
associated data binds the SHA-256 of the header, the counter and a "last chunk" flag, so that a
changed header, reordered, removed or appended chunks, and a truncated file all fail to decrypt.
The header is readable without the key (to list and monitor backups) but cannot be altered.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"CWBK1\n"
TRAILER = b"CWBKEND"
FORMAT_VERSION = 1
CHUNK_SIZE = 1024 * 1024
TAG_SIZE = 16
MAX_HEADER = 16 * 1024 * 1024


class ArchiveError(ValueError):
    """The file is not a Caseweb backup, was altered, or the key does not open it."""


def generate_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def decode_key(text: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (ValueError, UnicodeError):
        raw = b""
    if len(raw) != 32:
        raise ArchiveError(
            "The backup key must be 32 bytes in url-safe base64 "
            "(make one with `manage.py backup --new-key`)."
        )
    return raw


def key_id(key: bytes) -> str:
    """Names the key without revealing it: which key a file needs, for the operator."""
    return hashlib.sha256(b"caseweb-backup-key-id|" + key).hexdigest()[:16]


def _aad(header_digest: bytes, counter: int, last: bool) -> bytes:
    return header_digest + struct.pack(">IB", counter, 1 if last else 0)


def _nonce(prefix: bytes, counter: int) -> bytes:
    return prefix + struct.pack(">I", counter)


@dataclass
class Written:
    size: int
    sha256: str


def write(stream: IO[bytes], out: IO[bytes], *, key: bytes, header: dict[str, Any]) -> Written:
    """Encrypt everything read from ``stream`` into ``out`` under ``key``."""
    prefix = os.urandom(8)
    header = {
        **header,
        "format": FORMAT_VERSION,
        "key_id": key_id(key),
        "cipher": "AES-256-GCM",
        "chunk_size": CHUNK_SIZE,
        "nonce_prefix": prefix.hex(),
    }
    header_bytes = json.dumps(header, sort_keys=True, ensure_ascii=False).encode("utf-8")
    header_digest = hashlib.sha256(header_bytes).digest()
    aes = AESGCM(key)
    digest = hashlib.sha256()
    size = 0

    def emit(data: bytes) -> None:
        nonlocal size
        out.write(data)
        size += len(data)

    emit(MAGIC)
    emit(struct.pack(">I", len(header_bytes)))
    emit(header_bytes)
    counter = 0
    pending = _read_full(stream, CHUNK_SIZE)
    while True:
        following = _read_full(stream, CHUNK_SIZE) if pending else b""
        last = not following
        sealed = aes.encrypt(_nonce(prefix, counter), pending, _aad(header_digest, counter, last))
        framed = struct.pack(">I", len(sealed)) + sealed
        digest.update(framed)
        emit(framed)
        if last:
            break
        pending = following
        counter += 1
        if counter >= 2**32 - 1:
            raise ArchiveError("The dump is too large for one backup file.")
    emit(TRAILER + digest.hexdigest().encode("ascii"))
    return Written(size=size, sha256=digest.hexdigest())


def _read_full(stream: IO[bytes], size: int) -> bytes:
    parts = []
    remaining = size
    while remaining:
        data = stream.read(remaining)
        if not data:
            break
        parts.append(data)
        remaining -= len(data)
    return b"".join(parts)


def read_header(path: Path) -> dict[str, Any]:
    """The header of the backup at ``path``; ArchiveError if it is not one."""
    with path.open("rb") as f:
        return _read_header(f)[0]


def _read_header(f: IO[bytes]) -> tuple[dict[str, Any], bytes]:
    if f.read(len(MAGIC)) != MAGIC:
        raise ArchiveError("Not a Caseweb backup file (wrong magic bytes).")
    raw_len = f.read(4)
    if len(raw_len) != 4:
        raise ArchiveError("The backup file is truncated (no header).")
    (length,) = struct.unpack(">I", raw_len)
    if length > MAX_HEADER:
        raise ArchiveError("The backup header is implausibly large: the file was altered.")
    header_bytes = f.read(length)
    if len(header_bytes) != length:
        raise ArchiveError("The backup file is truncated (header cut short).")
    try:
        header = json.loads(header_bytes)
    except ValueError:
        raise ArchiveError("The backup header is not valid JSON: the file was altered.") from None
    if header.get("format") != FORMAT_VERSION:
        raise ArchiveError(f"Unknown backup format {header.get('format')!r}.")
    return header, header_bytes


def read(path: Path, *, key: bytes) -> Iterator[bytes]:
    """Yield the plaintext of the backup at ``path``, chunk by chunk, checking as it goes.

    Raises ArchiveError when the key is not the file's, when any byte of the header, a chunk or
    the trailer was changed, and when chunks were removed, reordered or cut off. A caller must
    consume every chunk before trusting any: the last check runs at the end.
    """
    with path.open("rb") as f:
        header, header_bytes = _read_header(f)
        if header.get("key_id") != key_id(key):
            raise ArchiveError(
                f"This backup was encrypted with key {header.get('key_id')}, and the key "
                f"configured is {key_id(key)}: set BACKUP_ENCRYPTION_KEY to the right key."
            )
        header_digest = hashlib.sha256(header_bytes).digest()
        prefix = bytes.fromhex(header["nonce_prefix"])
        aes = AESGCM(key)
        digest = hashlib.sha256()
        counter = 0
        while True:
            raw_len = f.read(4)
            if raw_len[:4] == TRAILER[:4]:
                raise ArchiveError("The backup ends before its last chunk: it was truncated.")
            if len(raw_len) != 4:
                raise ArchiveError("The backup file is truncated.")
            (length,) = struct.unpack(">I", raw_len)
            if length > CHUNK_SIZE + TAG_SIZE:
                raise ArchiveError("A chunk of the backup has an impossible length: altered.")
            sealed = f.read(length)
            if len(sealed) != length:
                raise ArchiveError("The backup file is truncated inside a chunk.")
            digest.update(raw_len + sealed)
            nonce = _nonce(prefix, counter)
            try:
                plain = aes.decrypt(nonce, sealed, _aad(header_digest, counter, True))
                last = True
            except InvalidTag:
                try:
                    plain = aes.decrypt(nonce, sealed, _aad(header_digest, counter, False))
                    last = False
                except InvalidTag:
                    raise ArchiveError(
                        f"Chunk {counter} of the backup does not authenticate: the file was "
                        "altered (or its header was)."
                    ) from None
            yield plain
            if last:
                break
            counter += 1
        trailer = f.read(len(TRAILER) + 64)
        if f.read(1):
            raise ArchiveError("There are bytes after the backup's trailer: the file was altered.")
        if trailer != TRAILER + digest.hexdigest().encode("ascii"):
            raise ArchiveError("The backup's SHA-256 trailer does not match its content.")


def verify(path: Path, *, key: bytes) -> dict[str, Any]:
    """Read the whole file through the checks without keeping the plaintext; its header."""
    for _chunk in read(path, key=key):
        pass
    return read_header(path)
