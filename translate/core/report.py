"""The one shape of what a command's job returns: ``ok``, ``render()`` for people and
``to_json()`` for programs; every result of the public API has it."""

from __future__ import annotations

import json
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Report(Protocol):
    """A job's result: whether it succeeded, as text for a terminal, as JSON text."""

    @property
    def ok(self) -> bool:
        """False when the command that printed it should exit non-zero."""
        ...

    def render(self) -> str:
        """Plain text for a terminal."""
        ...

    def to_json(self) -> str:
        """The whole result as JSON text (stable keys, UTF-8 not escaped)."""
        ...


def json_text(data: Any) -> str:
    """``data`` as the JSON text every ``to_json`` returns: indented, non-ASCII kept."""
    return json.dumps(data, ensure_ascii=False, indent=2)
