"""Write a file so that nothing is ever lost: all or nothing, and never over an existing file.

Shared by screenshots (ctrl+s) and exports (app and headless); pure standard library, so it lives in engine/. The data goes to a hidden temporary file in the same
directory (so the final rename stays on one file system and is atomic), is flushed to disk, and is
then linked to its name only if that name is free. A full disk, a read-only or missing directory, or
a name already taken raises ``SafeWriteError`` with one line fit for a notification; no partial file
and no temporary file is left behind.
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from engine.messages import MESSAGES, Explained

__all__ = ["SafeWriteError", "write_atomically", "free_name"]

class SafeWriteError(Explained, OSError):
    """A file could not be written; ``str(error)`` is one line for the user. Nothing was changed.

    ``key`` is one of the ``write.*`` sentences of engine.messages; ``values`` hold ``path`` and, for
    ``write.failed``, the ``reason`` with its own key ``reason_key`` (None for an error we have no
    sentence for: then ``reason`` is the system's own words).
    """

    def __init__(self, number: int | None, key: str, **values):
        super().__init__(number, self._explain(key, values))

    def __str__(self) -> str:  # OSError would print "[Errno 28] …"; the user needs only the sentence
        return self.strerror or super().__str__()


def _reason(error: OSError) -> dict:
    """{"reason": the English words, "reason_key": their key in engine.messages or None}."""
    key = f"reason.{errno.errorcode.get(error.errno, '')}"
    if key in MESSAGES:
        return {"reason": MESSAGES[key], "reason_key": key}
    return {"reason": error.strerror or str(error) or type(error).__name__, "reason_key": None}


def _umask() -> int:
    """The process's umask, read without changing it (os.umask can only be read by setting it, which
    would race with other threads creating files)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def free_name(path: str | os.PathLike) -> Path:
    """``path`` if no file has that name, else ``stem-2.suffix``, ``stem-3.suffix`` … (the first free one).

    Only a hint: another program may take the name before it is written, which ``write_atomically``
    refuses rather than overwrites.
    """
    path = Path(path)
    candidate, count = path, 1
    while os.path.lexists(candidate):
        count += 1
        candidate = path.with_name(f"{path.stem}-{count}{path.suffix}")
    return candidate


def write_atomically(path: str | os.PathLike, data: bytes | str, *, new_name: bool = False) -> Path:
    """Write ``data`` (str is encoded as UTF-8) to ``path`` atomically; returns the path written.

    An existing file is never replaced: with ``new_name`` a free name next to it is picked
    (``free_name``), otherwise ``SafeWriteError`` is raised. Any OSError (full disk, read-only or
    missing directory …) becomes a ``SafeWriteError`` and leaves no temporary file behind.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    directory = path.parent if str(path.parent) else Path(".")
    fd, temporary = -1, None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        # mkstemp makes the file private (0600); a screenshot or export is an ordinary file, readable
        # as the user's umask says (a teacher collects them), like one opened with open().
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as file:
            fd = -1  # the file object owns it now
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        for _attempt in range(100):  # the name can be taken between choosing it and linking it
            target = free_name(path) if new_name else path
            try:
                # link, unlike os.replace, fails if the target exists: no silent overwrite, ever.
                os.link(temporary, target)
            except FileExistsError:
                if new_name:
                    continue
                raise SafeWriteError(errno.EEXIST, "write.exists", path=target) from None
            except OSError as error:
                if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                    raise
                # a file system without hard links: check, then rename (atomic, but racy on the check)
                if os.path.lexists(target):
                    if new_name:
                        continue
                    raise SafeWriteError(errno.EEXIST, "write.exists", path=target) from None
                os.replace(temporary, target)
                temporary = None
            return target.resolve()
        raise SafeWriteError(errno.EEXIST, "write.no_free_name", path=path)
    except SafeWriteError:
        raise
    except OSError as error:
        raise SafeWriteError(error.errno, "write.failed", path=path, **_reason(error)) from error
    finally:
        if fd >= 0:
            os.close(fd)
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
