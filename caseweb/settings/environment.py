"""Where settings come from: the process environment, or files named by ``<NAME>_FILE``.

Docker secrets, systemd credentials (``LoadCredential=``) and Kubernetes secrets arrive as files;
``SECRET_KEY_FILE=/run/secrets/secret_key`` then stands for ``SECRET_KEY``, so the value never
shows in ``docker inspect``, ``systemctl show`` or a process listing. Every variable Caseweb reads
can come this way; the README's table and docs/operations.md list them.
"""

from __future__ import annotations

from collections.abc import Mapping

import environ
from django.core.exceptions import ImproperlyConfigured
from environ.fileaware_mapping import FileAwareMapping


class SecretFileMapping(FileAwareMapping):
    """``os.environ`` where ``NAME_FILE`` supplies ``NAME``, strictly.

    Unlike django-environ's own mapping, a setting given both ways is refused (which one wins is
    a guess an operator should not have to make), a file that cannot be read stops start-up with
    the variable's name (never its value), and the line end an editor or ``echo`` leaves at the
    end of a file is dropped: a key with a newline would fail far from its cause.
    """

    def __getitem__(self, key: str) -> str:
        if self.cache and key in self.files_cache:
            return self.files_cache[key]
        path = self.env.get(f"{key}_FILE")
        if not path:
            return self.env[key]
        if key in self.env:
            raise ImproperlyConfigured(f"{key} and {key}_FILE are both set: set only one.")
        try:
            with open(path, encoding="utf-8") as handle:
                value = handle.read().rstrip("\r\n")
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{key}_FILE names {path}, which cannot be read ({exc.strerror or exc})."
            ) from None
        if self.cache:
            self.files_cache[key] = value
        return value


class Env(environ.Env):
    """django-environ's reader over :class:`SecretFileMapping`."""

    ENVIRON: Mapping[str, str] = SecretFileMapping()
