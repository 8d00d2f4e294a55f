"""How deep YAML may nest: PyYAML's composer recurses, so depth is counted before it does.

PyYAML composes nodes recursively: a glossary or a front matter nested about 1,000 levels
deep (``[[[[…]]]]``, or mappings indented ever further) ends in RecursionError inside it. Its
parser is a state machine, not recursive: ``Loader`` counts the collections opened as the
composer takes each event from the parser, and raises NestingError (with the line) at the first
one nested more than MAX_YAML_DEPTH deep, before the composer goes deeper. One pass, no cost.
(No YAML this tool reads nests more than 5 deep.)
"""

from __future__ import annotations

from typing import Any

import yaml

from translate.errors import NestingError

MAX_YAML_DEPTH = 100
OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class Loader(yaml.SafeLoader):
    """PyYAML's SafeLoader, refusing YAML nested more than MAX_YAML_DEPTH deep."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def get_event(self) -> yaml.Event:
        event: yaml.Event = super().get_event()  # type: ignore[no-untyped-call]
        if isinstance(event, OPENING):
            self.depth += 1
            if self.depth > MAX_YAML_DEPTH:
                raise NestingError(f"YAML nested more than {MAX_YAML_DEPTH} levels deep",
                                   event.start_mark.line + 1 if event.start_mark else 1)
        elif isinstance(event, CLOSING):
            self.depth -= 1
        return event


def compose(text: str) -> yaml.Node | None:
    """``yaml.compose`` with the SafeLoader, refusing deep nesting (NestingError)."""
    return yaml.compose(text, Loader=Loader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, refusing deep nesting (NestingError)."""
    return yaml.load(text, Loader=Loader)  # a SafeLoader: no arbitrary objects


def has_aliases(text: str) -> bool:
    """Whether ``text`` uses an alias (``*name``): its data may share, repeat or contain
    itself once constructed. False when it is not valid YAML."""
    try:
        return any(isinstance(event, yaml.AliasEvent)
                   for event in yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return False
