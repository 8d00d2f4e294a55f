"""Atomic writes, the project lock and file names for messages, shared by every stage."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from translate.errors import LockError


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` (reproducible builds) when it is a valid timestamp, else None."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, else as given."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False (and touches nothing) when the file already holds exactly ``data``, so
    a rerun that changes nothing keeps every timestamp.
    """
    path = Path(path)
    mode = 0o644
    try:
        if path.read_bytes() == data:
            return False
        mode = path.stat().st_mode & 0o777  # a shared translators' folder keeps its modes
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


def zip_bytes(members: Iterable[tuple[str, bytes | Path]], moment: datetime) -> bytes:
    """A deterministic zip: ``members`` (name, data or file) in the order given, each dated
    ``moment`` (clamped to what zip can hold), mode 0644, deflated at level 9.

    The same members and moment give the same bytes on every machine, so a bundle or a
    converted package is reproducible and a rewrite that changes nothing is seen as such.
    """
    low, high = datetime(1980, 1, 1, tzinfo=UTC), datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC)
    moment = min(max(moment, low), high)
    date_time = (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                 moment.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            content = data if isinstance(data, bytes) else Path(data).read_bytes()
            archive.writestr(info, content, compresslevel=9)
    return buffer.getvalue()


def write_text_atomic(path: Path, text: str) -> bool:
    """Write UTF-8 ``text`` atomically (no newline translation); see write_bytes_atomic."""
    return write_bytes_atomic(path, text.encode("utf-8"))


@contextlib.contextmanager
def file_lock(path: Path, *, busy: str, shared: bool = False) -> Iterator[Path]:
    """Hold a non-blocking ``flock`` on ``path`` (created if needed) for the block.

    Raises LockError(``busy``) at once when another process holds a conflicting lock; the
    lock goes with the process, so a killed run never leaves a stale one behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise LockError(busy) from err
        yield path


@contextlib.contextmanager
def project_lock(folder: Path) -> Iterator[Path]:
    """Hold an exclusive lock on ``folder`` so two runs on one project can't interleave."""
    lock_path = Path(folder) / ".translate.lock"
    with file_lock(
        lock_path,
        busy=f"{lock_path}: another translate run holds the lock on this project; "
        "wait for it to finish",
    ):
        yield lock_path
