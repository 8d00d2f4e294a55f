"""Content hashes of files, read only when a stat can not vouch for them.

The run state records, for each file it depends on, the sha256 of its bytes and, once that is
safe, the file's stat (size, modification and change times in nanoseconds, inode): its
*stamp*. A later run compares stats, and reads and hashes a file only when they differ. A
stat vouches for the content only when no write could have left it unchanged, so a stamp is
recorded only when the file is *settled* (docs/BATCH.md, "How a rerun tells what changed"):

* both its mtime and its ctime are older than a clock reading taken *before* the file was
  read and hashed (``Clock``): a write after that reading gets a later ctime (the kernel sets
  ctime on every change, and no program can set it back), so it can never leave the stat as
  recorded. A file written in the same tick as the reading (the racy-git problem: an edit in
  the same second, on a file system with one-second times) is not settled, and is hashed
  again by the next run until it is;
* the clock is read on the file system itself (the ctime of a small file touched in the
  run-state folder), so a network file system's own clock is the one compared; a file on
  another device is settled only when it is also ``MARGIN_NS`` older than both clocks;
* a clock that went backwards (now earlier than the reading a state file was written under)
  vouches for nothing: every file is hashed (``Clock.behind``);
* mtime-keeping editors (``touch -r``, ``rsync -t``, ``cp -p``) still change the ctime or the
  inode, and a file replaced by one of the same size has another inode or ctime.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from translate.core.fsutil import open_regular_file

#: How much older than both clocks a file on another device than the clock's must be to be
#: settled: two seconds covers file systems with coarse times (FAT keeps mtimes to 2 s).
MARGIN_NS = 2_000_000_000


def stat_text(stat: os.stat_result) -> str:
    """The part of a stat that a stamp records: ``size:mtime_ns:ctime_ns:inode``."""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"


def look(path: str | Path) -> os.stat_result | None:
    """The stat of a regular file (through links), None when there is none."""
    try:
        stat = os.stat(path)
    except (OSError, ValueError):
        return None
    return stat if (stat.st_mode & 0o170000) == 0o100000 else None


def stats_digest(stats: list[os.stat_result]) -> str:
    """One short digest of the stamps of several files (a record's PO file and outputs)."""
    text = "|".join(stat_text(stat) for stat in stats)
    return hashlib.blake2b(text.encode("ascii"), digest_size=16).hexdigest()


def sha256_of(handle: BinaryIO) -> str:
    """sha256 of what is left to read of ``handle``, read a megabyte at a time (not
    hashlib.file_digest, whose 256 KiB buffer costs more than a small file's hash)."""
    digest = hashlib.sha256()
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()


def read_sha256(path: str | Path) -> tuple[str | None, os.stat_result | None]:
    """sha256 of the file's bytes and the stat they were read under: the same before and
    after the read, so the bytes are those of that version (None, None when there is no
    file; a hash and no stat when it changed while it was read)."""
    try:
        with open_regular_file(Path(path)) as handle:
            before = os.fstat(handle.fileno())
            digest = sha256_of(handle)
            after = os.fstat(handle.fileno())
    except (OSError, ValueError):
        return None, None
    same = stat_text(before) == stat_text(after) and (after.st_mode & 0o170000) == 0o100000
    return digest, after if same else None


@dataclass(frozen=True)
class Clock:
    """A clock reading taken before files are hashed: the file system's time (``fs_ns``, on
    ``device``) and the wall clock's (``wall_ns``)."""

    device: int
    fs_ns: int
    wall_ns: int

    @classmethod
    def read(cls, stamp_file: Path) -> Clock:
        """Touch ``stamp_file`` (created if needed) and read the time its file system gave
        it; the wall clock alone when it can not be written."""
        wall = time.time_ns()
        try:
            stamp_file.parent.mkdir(parents=True, exist_ok=True)
            with open(stamp_file, "ab"):
                pass
            os.utime(stamp_file)  # None: the file system's "now" (an NFS server's own time)
            stat = os.stat(stamp_file)
        except OSError:
            return cls(-1, wall - MARGIN_NS, wall)
        return cls(stat.st_dev, max(stat.st_ctime_ns, stat.st_mtime_ns), wall)

    @classmethod
    def now(cls) -> Clock:
        """The wall clock alone (a command that writes no state: nothing is settled that a
        file-system reading would settle sooner)."""
        wall = time.time_ns()
        return cls(-1, wall - MARGIN_NS, wall)

    def settled(self, stat: os.stat_result) -> bool:
        """Whether a stat taken after this reading can vouch for the bytes read with it:
        the file's last change (mtime and ctime) is strictly before the reading, with
        MARGIN_NS to spare on another device."""
        limit = self.fs_ns
        if stat.st_dev != self.device:
            limit = min(self.fs_ns, self.wall_ns) - MARGIN_NS
        return stat.st_mtime_ns < limit and stat.st_ctime_ns < limit

    def latest(self, recorded: tuple[int, int]) -> tuple[int, int]:
        """``recorded`` (fs_ns, wall_ns) moved on to this reading where it is later."""
        return max(recorded[0], self.fs_ns), max(recorded[1], self.wall_ns)

    def behind(self, recorded: tuple[int, int]) -> bool:
        """Whether this reading is earlier than ``recorded`` (fs_ns, wall_ns), an earlier
        run's: the clock went backwards, and no stamp can be trusted."""
        return self.wall_ns < recorded[1] or (self.device >= 0 and self.fs_ns < recorded[0])


@dataclass
class Checker:
    """Hashes of files under one clock reading: a file whose stat is the one a stamp
    recorded is not read (unless ``trust`` is off: the clock went backwards); any other is
    read and hashed (``hashed`` counts them), and its stamp is returned when it is settled.

    The clock is read when the first file has to be read (``clock_file`` is touched then;
    without one, the wall clock is the reading): a run that reads no file writes none."""

    clock_file: Path | None = None
    trust: bool = True
    hashed: int = 0
    reading: Clock | None = None
    #: The latest reading a state was written under: a reading behind it turns trust off.
    recorded: tuple[int, int] = (0, 0)

    @property
    def clock(self) -> Clock:
        """The clock reading, taken now if it was not yet."""
        if self.reading is None:
            self.reading = Clock.read(self.clock_file) if self.clock_file else Clock.now()
            if self.reading.behind(self.recorded):
                self.trust = False
        return self.reading

    def sha256(
        self, path: str | Path, known_sha: str | None, known_stat: str | None
    ) -> tuple[str | None, str | None]:
        """The file's sha256 now (None: no file) and its stamp (None: not settled)."""
        stat = look(path)
        if stat is None:
            return None, None
        if self.trust and known_sha and known_stat and stat_text(stat) == known_stat:
            return known_sha, known_stat
        return self.read(path)

    def read(self, path: str | Path) -> tuple[str | None, str | None]:
        """The file's sha256, read now, and its stamp when it is settled."""
        clock = self.clock  # read before the file
        self.hashed += 1
        sha, stat = read_sha256(path)
        settled = stat is not None and clock.settled(stat)
        return sha, stat_text(stat) if settled and stat is not None else None

    def same_files(
        self, paths: list[str], shas: tuple[str | None, ...], digest: str | None
    ) -> tuple[bool, str | None]:
        """Whether the files ``paths`` all exist and hold the bytes of ``shas``, and the
        stats_digest that vouches for that while they stay as they are (None: not settled).
        Nothing is read when their stats match ``digest``."""
        if None in shas:
            return False, None
        if self.vouched(paths, digest):
            return True, digest
        clock = self.clock  # read before the files
        settled: list[os.stat_result] = []
        for path, expected in zip(paths, shas, strict=True):
            self.hashed += 1
            sha, stat = read_sha256(path)
            if sha != expected:
                return False, None
            if stat is not None and clock.settled(stat):
                settled.append(stat)
        return True, stats_digest(settled) if len(settled) == len(paths) else None

    def vouched(self, paths: list[str], digest: str | None) -> bool:
        """Whether the files ``paths`` are, by their stats alone, as a stamp recorded them
        (``digest``: stats_digest of those files then). The loop a no-op rerun makes for
        every article × language: kept to a stat per file and one digest."""
        if not self.trust or digest is None:
            return False
        texts = []
        try:
            for path in paths:
                stat = os.stat(path)
                if (stat.st_mode & 0o170000) != 0o100000:
                    return False
                texts.append(f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}")
        except (OSError, ValueError):
            return False
        text = "|".join(texts).encode("ascii")
        return hashlib.blake2b(text, digest_size=16).hexdigest() == digest
