"""Atomic writes, the project lock and file names for messages, shared by every stage.

Every file is written to a temporary file beside it (``.<name>.translate-<random>.tmp``)
and renamed over it, so it is always either the old or the new complete file. A symlink is
written through: its target gets the new content and the link stays. A file a person may be
saving at the same moment (a PO file in an editor) is replaced with ``replace_if_unchanged``:
an atomic exchange, then a look at what was swapped out, so a save is never overwritten.

Every write lands inside the folders of ``write_scope`` (the project and the folders the
command names; the working directory when no scope is set): a path that symbolic links
lead elsewhere is refused (``confined``, OutsideProjectError) before anything is written.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import filecmp
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from translate.errors import LockError, NotRegularFileError, OutsideProjectError


def open_regular_file(path: Path, *, create: bool = False) -> BinaryIO:
    """``path`` opened for reading (binary) when it is a regular file, the one check every
    input goes through: NotRegularFileError (an OSError naming the file) for a FIFO, a socket
    or a device, IsADirectoryError for a folder, the other OSErrors of ``open``. With
    ``create``, a missing file is created empty (a lock file).

    A FIFO would block ``open`` itself until something writes to it, and a device such as
    ``/dev/zero`` never ends: the file is opened without blocking and the open file is
    checked (``fstat``), so nothing swapped in between a check and the open is ever read.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (os.O_CREAT if create else 0)
    fd = os.open(path, flags, 0o666)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotRegularFileError(path)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular_file(path: Path, limit: int = -1) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``); see open_regular_file."""
    with open_regular_file(path) as handle:
        return handle.read(limit)


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, else as given; a
    symbolic link is named as itself, never by where it leads (which may be a loop)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.getcwd()).as_posix()
    except ValueError:
        return path.as_posix()


# --- Where a write may land ----------------------------------------------------------------

#: The folders writes are confined to (as they resolve), set by write_scope.
_SCOPE: ContextVar[tuple[Path, ...] | None] = ContextVar("write_scope", default=None)


@contextlib.contextmanager
def write_scope(*folders: Path) -> Iterator[tuple[Path, ...]]:
    """Confine every write of the block to ``folders`` (each where its own links lead: a
    ``--out`` that is a link to another disk is written there)."""
    roots = tuple(Path(os.path.realpath(folder)) for folder in folders)
    token = _SCOPE.set(roots)
    try:
        yield roots
    finally:
        _SCOPE.reset(token)


def landing(path: Path, error: type[Exception] = OutsideProjectError) -> Path:
    """Where a write to ``path`` lands: the absolute path with every symbolic link on the
    way followed (a dangling one to where it points). ``error`` for a loop."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise error(f"{path}: a loop of symbolic links; not followed") from err
        return Path(os.path.realpath(path))


def confined(
    path: Path, *, doing: str = "written", error: type[Exception] = OutsideProjectError
) -> Path:
    """``path``, after checking that it lands inside the write scope (write_scope; the
    working directory when none is set) or where it names, links aside: else ``error``,
    one line naming ``path`` and where its links lead."""
    place = landing(path, error)
    if place == Path(os.path.abspath(path)):
        return Path(path)  # no link on the way: the file the caller named
    roots = _SCOPE.get() or (Path(os.path.realpath(os.getcwd())),)
    if not any(place.is_relative_to(root) for root in roots):
        raise error(
            f"{path}: a symbolic link leads out of the project (to {place}); not {doing} "
            "(the tool writes only inside the project and the folders the command names)"
        )
    return Path(path)


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False (and touches nothing) when the file already holds exactly ``data``, so
    a rerun that changes nothing keeps every timestamp. A symlink is written through.
    """
    target = write_target(path)
    if _bytes_or_none(target) == data:  # a FIFO there is replaced, never read
        return False
    tmp = write_temporary(target, data)
    try:
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


#: The temporary files of this tool: ``.<name>.translate-ino-<inode>.tmp`` (or, in the instant
#: before it is named so, ``.<name>.translate-<random>.tmp``); also the names
#: ``tempfile.mkstemp`` gave them before (``.<name>.<8 random>.tmp``), which killed runs of
#: older releases may have left.
TEMPORARY = re.compile(r"\.(.+)\.(?:translate-[a-z0-9_-]+|[a-z0-9_]{8})\.tmp")


def write_target(path: Path) -> Path:
    """The file a write to ``path`` must replace: ``path``, or the target of a symlink
    (which a rename over the link would turn into a regular file). OutsideProjectError
    when links lead it out of the write scope (confined)."""
    path = confined(Path(path))
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_stream_atomic(path: Path, fill: Callable[[BinaryIO], None]) -> bool:
    """write_bytes_atomic for a file too large to hold in memory: ``fill(handle)`` writes
    the bytes to a temporary file, which replaces ``path`` unless it holds the same bytes
    (then nothing is touched and False is returned)."""
    target = write_target(path)
    tmp = write_temporary(target, fill)
    try:
        if target.is_file() and filecmp.cmp(tmp, target, shallow=False):
            os.unlink(tmp)
            return False
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


def write_temporary(target: Path, data: bytes | Callable[[BinaryIO], None]) -> Path:
    """A new temporary file beside ``target`` holding ``data`` (or what ``data(handle)``
    writes; flushed to disk), with the mode of ``target`` when it exists (a shared
    translators' folder keeps its modes).

    Its name ends in its own inode number (``.<name>.translate-ino-<inode>.tmp``): a file
    found later under that name with another inode was swapped in by replace_if_unchanged,
    which is how remove_temporary_files tells a person's file from the tool's.
    """
    mode = 0o644
    with contextlib.suppress(OSError):
        mode = target.stat().st_mode & 0o777
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.translate-",
                                suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
            handle.flush()
            os.fsync(handle.fileno())
            named = tmp.with_name(f".{target.name}.translate-ino-{os.fstat(fd).st_ino}.tmp")
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.rename(tmp, named)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return named


@dataclass(frozen=True)
class Cleanup:
    """What remove_temporary_files did: the files it removed, and the files it kept
    (renamed ``<name>.recovered-<date>``) because they may hold a person's save."""

    removed: list[Path]
    recovered: list[Path]


def remove_temporary_files(folder: Path) -> Cleanup:
    """Delete the temporary files that killed runs left under ``folder``.

    One that holds a file swapped out of its place (a run killed in the instant between a
    swap and its check, see replace_if_unchanged) and that differs from the file now in
    that place may be a person's save: it is kept as ``<name>.recovered-<date>``, never
    deleted. Call this only while holding the project lock exclusively: a temporary file
    is then no other run's write in progress.
    """
    removed, recovered = [], []
    for path in _temporary_names(Path(folder)):
        found = TEMPORARY.fullmatch(path.name)
        if not found or not path.is_file() or path.is_symlink():
            continue
        with contextlib.suppress(OSError):
            owner = path.with_name(found.group(1))
            if _swapped_in(path) and read_regular_file(path) != _bytes_or_none(owner):
                stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(path.stat().st_mtime))
                kept = _free_name(owner.with_name(f"{owner.name}.recovered-{stamp}"))
                os.rename(path, kept)
                recovered.append(kept)
            else:
                path.unlink()
                removed.append(path)
    return Cleanup(removed, recovered)


def _temporary_names(folder: Path) -> list[Path]:
    """The hidden ``.*.tmp`` entries under ``folder``, sorted (os.walk: a run looks through
    folders of 100,000 outputs, where pathlib's rglob costs a tenth of a second each)."""
    found = [os.path.join(current, name)
             for current, _folders, files in os.walk(folder)
             for name in files if name.startswith(".") and name.endswith(".tmp")]
    return sorted(Path(path) for path in found)


def _swapped_in(path: Path) -> bool:
    """Whether the temporary file ``path`` holds another file than the one written under
    that name (its inode is not the one the name ends in)."""
    found = re.search(r"\.translate-ino-(\d+)\.tmp\Z", path.name)
    return found is not None and int(found.group(1)) != os.stat(path).st_ino


def _bytes_or_none(path: Path) -> bytes | None:
    try:
        return read_regular_file(path)
    except OSError:
        return None


def _free_name(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


# --- Replacing a file a person may be saving at the same moment ----------------------------


@dataclass(frozen=True)
class FileSnapshot:
    """A file's bytes as read, and what identifies that version of it on disk."""

    data: bytes | None  # None: there was no file
    version: tuple[int, int, int, int] | None = None  # st_dev, st_ino, st_size, st_mtime_ns

    def same_as(self, other: FileSnapshot) -> bool:
        """Whether ``other`` is the same version of the file: same inode, size, modification
        time and bytes (an editor's save changes the inode or the modification time)."""
        return (self.data, self.version) == (other.data, other.version)


def _version(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def read_snapshot(path: Path) -> FileSnapshot:
    """The file at ``path`` (through a symlink) as it is now; read again while a write
    changes it under the reader."""
    for _ in range(100):
        try:
            with open_regular_file(path) as handle:
                before = os.fstat(handle.fileno())
                data = handle.read()
                after = os.fstat(handle.fileno())
        except FileNotFoundError:
            return FileSnapshot(None)
        if _version(before) == _version(after) and len(data) == after.st_size:
            return FileSnapshot(data, _version(after))
        time.sleep(0.002)
    return FileSnapshot(data, None)  # never equal to another snapshot: the file is busy


def replace_if_unchanged(path: Path, data: bytes, expected: FileSnapshot) -> bool:
    """Put ``data`` in the file at ``path`` if it is still the version ``expected``, and
    return True; else leave the file as it is and return False (the caller reads it again,
    merges and retries).

    On Linux and macOS the new file is swapped in atomically (renameat2 RENAME_EXCHANGE,
    renamex_np RENAME_SWAP) and the file swapped out is compared with ``expected``; when a
    save came in between, the swap is undone, so the saved file is where its editor put it
    (an editor still writing into it in place writes into the file at ``path``). Where the
    file system can't exchange, the file is compared just before a plain rename (a save in
    that instant can be lost).
    """
    target = write_target(path)
    tmp = write_temporary(target, data)
    ours = _version(os.stat(tmp))[:2]
    try:
        if expected.data is None:
            return _rename_noreplace(tmp, target)  # False: someone created it meanwhile
        # A save made since the read is seen here, before anything is swapped; one made in
        # the instant between this look and the exchange is seen in the file swapped out.
        if not read_snapshot(target).same_as(expected):
            return False
        try:
            if not _exchange(tmp, target):
                os.replace(tmp, target)
                return True
        except FileNotFoundError:  # renamed away by an editor that is saving it right now
            return False
        if read_snapshot(tmp).same_as(expected):
            os.unlink(tmp)
            return True
        _put_back(tmp, target, ours)
        return False
    finally:
        with contextlib.suppress(OSError):
            if _version(os.stat(tmp))[:2] == ours:
                os.unlink(tmp)
            else:  # interrupted (Ctrl-C) with a person's file swapped out: put it back
                _put_back(tmp, target, ours)


def _put_back(holder: Path, target: Path, ours: tuple[int, int]) -> None:
    """Exchange ``holder`` (a file saved by a person, swapped out by mistake) with
    ``target`` (our file) again. If a newer save replaced our file meanwhile, that one
    goes back in its place, as it would have without us, and the older save is dropped,
    as that newer save would have dropped it. Only our own file or a save superseded by a
    newer one is ever deleted."""
    expected = ours  # what should be at target just before the exchange
    for _ in range(100):
        coming_in = _version(os.stat(holder))[:2]
        if not _exchange(holder, target):
            raise OSError(errno.EIO, "the file system stopped supporting exchanges", target)
        came_out = _version(os.stat(holder))[:2]
        if came_out == expected:
            os.unlink(holder)
            return
        expected = coming_in
    kept = target.with_name(f"{target.name}.saved-{time.strftime('%Y%m%d-%H%M%S')}")
    os.replace(holder, kept)  # never reached in practice; and never lose a save
    raise OSError(errno.EBUSY, f"saved continuously while being replaced; a copy is in {kept}",
                  target)


_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2  # linux/fs.h
_RENAME_SWAP, _RENAME_EXCL = 2, 4  # macOS sys/stdio.h
_AT_FDCWD = -100
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


def _libc_rename(source: Path, target: Path, flag: str) -> bool:
    """Rename with ``flag`` ("exchange" or "noreplace"); False when this system or file
    system can't do it. FileExistsError, FileNotFoundError as the call reports them."""
    libc = _libc()
    src, dst = os.fsencode(source), os.fsencode(target)
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(src, dst, _RENAME_SWAP if flag == "exchange" else _RENAME_EXCL)
    elif hasattr(libc, "renameat2"):
        flags = _RENAME_EXCHANGE if flag == "exchange" else _RENAME_NOREPLACE
        result = libc.renameat2(_AT_FDCWD, src, _AT_FDCWD, dst, flags)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(target))


def _exchange(source: Path, target: Path) -> bool:
    """Swap the files at ``source`` and ``target`` atomically; False when unsupported."""
    return _libc_rename(source, target, "exchange")


def _rename_noreplace(source: Path, target: Path) -> bool:
    """Rename ``source`` to ``target`` unless ``target`` exists; False when it exists."""
    try:
        if _libc_rename(source, target, "noreplace"):
            return True
        os.link(source, target)  # no such rename here: a hard link fails the same way
        os.unlink(source)
        return True
    except FileExistsError:
        return False


_LIBC: list[ctypes.CDLL] = []


def _libc() -> ctypes.CDLL:
    if not _LIBC:
        _LIBC.append(ctypes.CDLL(None, use_errno=True))
    return _LIBC[0]


def create_file(path: Path, data: bytes) -> bool:
    """Create ``path`` holding ``data``, atomically, unless something is there already:
    False then, and that file is left as it is (never replaced, even by a file that
    appeared during the write: the new one is renamed in only where nothing is)."""
    path = confined(Path(path))
    if os.path.lexists(path):
        return False
    tmp = write_temporary(path, data)
    try:
        created = _rename_noreplace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
    return created


def write_text_atomic(path: Path, text: str) -> bool:
    """Write UTF-8 ``text`` atomically (no newline translation); see write_bytes_atomic."""
    return write_bytes_atomic(path, text.encode("utf-8"))


@contextlib.contextmanager
def file_lock(path: Path, *, busy: str, shared: bool = False) -> Iterator[Path]:
    """Hold a non-blocking ``flock`` on ``path`` (created if needed) for the block.

    Raises LockError(``busy``) at once when another process holds a conflicting lock; the
    lock goes with the process, so a killed run never leaves a stale one behind.
    """
    path = confined(Path(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_regular_file(path, create=True) as handle:  # a FIFO: an error, no hang
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
