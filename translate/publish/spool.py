"""A language bundle made across a whole run without holding its articles in memory.

A run publishes its articles chunk by chunk and writes ``<out>/<lang>.zip`` at the end. What
each article gives the bundle (bundle.bundle_entry: its manifest record and files) goes to a
``BundleSpool`` as soon as it is published: the record stays in memory (a few hundred
bytes), the files go to an anonymous temporary file beside the output folder (an
uncompressed zip, gone when the run ends, however it ends). An article the run did not
process and whose inputs did not change since the bundle on disk was written is taken from
that zip (``OldBundle``: its manifest record and files) instead of being read and rendered
again. The bundle itself is then written by bundle.write_bundle_entries, one article's files
at a time, byte for byte as write_bundle would write it from every article at once.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from translate.publish.bundle import BundleEntry


class BundleSpool:
    """The bundle entries of the articles a run published in one language: records in
    memory, files in a temporary zip until ``members`` reads them back."""

    def __init__(self, out_dir: Path) -> None:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        # held open across the whole run (close()): no context manager fits its life
        self._file = tempfile.TemporaryFile(dir=out_dir, prefix=".translate-spool-")  # noqa: SIM115
        self._zip = zipfile.ZipFile(self._file, "w", zipfile.ZIP_STORED)
        self._writing = True
        self._count = 0
        self.entries: dict[str, BundleEntry] = {}

    def add(self, entry: BundleEntry) -> None:
        """Keep ``entry``: its record here, its files in the spool (an article added again
        replaces what it gave before)."""
        if not self._writing:
            raise RuntimeError("the spool is being read")
        self._count += 1
        names = []
        for name, data in entry.members:
            names.append((f"{self._count}/{name}", b""))
            self._zip.writestr(names[-1][0], data)
        self.entries[entry.article_id] = BundleEntry(
            entry.article_id, entry.record, entry.published, tuple(names)
        )

    def members(self, article_id: str) -> list[tuple[str, bytes]]:
        """The files of an article kept here, as (name in the bundle, bytes)."""
        if self._writing:
            self._zip.close()
            self._zip = zipfile.ZipFile(self._file, "r")
            self._writing = False
        return [(name.split("/", 1)[1], self._zip.read(name))
                for name, _empty in self.entries[article_id].members]

    def close(self) -> None:
        """Drop the spool (its temporary file is deleted)."""
        self._zip.close()
        self._file.close()


class OldBundle:
    """The bundle a run wrote earlier, read back: each article's manifest record, and its
    files on demand."""

    def __init__(self, path: Path) -> None:
        self._zip = zipfile.ZipFile(path)
        manifest: dict[str, Any] = json.loads(self._zip.read("manifest.json"))
        self.entries = {
            record["id"]: BundleEntry(record["id"], record, published)
            for key, published in (("articles", True), ("skipped", False))
            for record in manifest[key]
        }

    @classmethod
    def open(cls, path: Path) -> OldBundle | None:
        """The bundle at ``path``, or None when it can't be read as one."""
        try:
            return cls(path)
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
            return None

    def members(self, article_id: str) -> list[tuple[str, bytes]]:
        """The files of an article, as the bundle holds them."""
        return [(name, self._zip.read(name)) for name in self.entries[article_id].record["files"]]

    def close(self) -> None:
        """Close the zip."""
        self._zip.close()
