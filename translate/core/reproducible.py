"""Reproducible outputs: ``SOURCE_DATE_EPOCH`` as reproducible builds define it (the date of
PO headers and bundles), and deterministic zips: the same members and moment give the same
bytes on every machine (a bundle, a converted package)."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from translate.core.fsutil import read_regular_file


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` (reproducible builds) when it is a valid timestamp, else None."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def zip_bytes(members: Iterable[tuple[str, bytes | Path]], moment: datetime) -> bytes:
    """A deterministic zip: ``members`` (name, data or file) in the order given, each dated
    ``moment`` (clamped to what zip can hold), mode 0644, deflated at level 9.

    The same members and moment give the same bytes on every machine, so a bundle or a
    converted package is reproducible and a rewrite that changes nothing is seen as such.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            content = data if isinstance(data, bytes) else read_regular_file(Path(data))
            add_zip_member(archive, name, content, moment)
    return buffer.getvalue()


def add_zip_member(archive: zipfile.ZipFile, name: str, data: bytes, moment: datetime) -> None:
    """Add one member to a deterministic zip (zip_bytes): dated ``moment`` (clamped to what
    zip can hold), mode 0644, deflated at level 9."""
    low, high = datetime(1980, 1, 1, tzinfo=UTC), datetime(2107, 12, 31, 23, 59, 58, tzinfo=UTC)
    moment = min(max(moment, low), high)
    date_time = (moment.year, moment.month, moment.day, moment.hour, moment.minute,
                 moment.second)
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o100644 << 16
    archive.writestr(info, data, compresslevel=9)
