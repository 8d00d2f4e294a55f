"""Read glossary.yaml: the YAML schema, validated with one-line errors (``file:LINE: message``).

The reader walks the composed YAML nodes rather than the loaded data, so that every error
names the line of the node at fault. See docs/GLOSSARY.md for the format.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from translate.core.fsutil import read_regular_file
from translate.core.yaml_depth import compose
from translate.errors import GlossaryError, NestingError
from translate.glossary.model import Glossary
from translate.glossary.types import LangForms, Term
from translate.lang import SOURCE_LANGUAGE, SUPPORTED_LANGUAGES, profile

TERM_KEYS = ("en", "aliases", "case_sensitive", "keep", "note", "false_friends")
LANG_KEYS = ("approved", "cases", "accepted", "forbidden", "inflect", "note")
TOP_KEYS = ("version", "policy", "terms")


def read_glossary(path: Path) -> Glossary:
    """Read and validate ``path``; GlossaryError "glossary.yaml:LINE: message" when invalid."""
    path = Path(path)
    try:
        data = read_regular_file(path)
    except OSError as err:
        raise GlossaryError(f"{path}: cannot read the glossary ({err.strerror})") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise GlossaryError(f"{path}:{line}: not UTF-8 (byte 0x{data[err.start]:02x})") from err
    try:
        root = compose(text)
    except NestingError as err:
        raise GlossaryError(f"{path}:{err.line}: {err}") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        raise GlossaryError(f"{path}:{line}: invalid YAML: {err.problem or err.context}") from err
    except yaml.YAMLError as err:
        raise GlossaryError(f"{path}:1: invalid YAML: {err}") from err
    reader = _Reader(path)
    terms = reader.read_root(root)
    return Glossary(terms, path, hashlib.sha256(data).hexdigest())


class _Reader:
    """Walks the composed YAML nodes so that every error can name its line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node | None, message: str) -> GlossaryError:
        line = node.start_mark.line + 1 if node is not None else 1
        return GlossaryError(f"{self.path}:{line}: {message}")

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise self.fail(key, f"{what}: keys must be plain text")
            if key.value in items:
                first = items[key.value][0].start_mark.line + 1
                raise self.fail(key, f"{what}: duplicate key {key.value!r} (first at line {first})")
            items[key.value] = (key, value)
        return items

    def text(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            raise self.fail(node, f"{what} must be text")
        value = str(node.value).strip()
        if not value:
            raise self.fail(node, f"empty form: {what}")
        surrogate = re.search("[\ud800-\udfff]", value)  # "\ud800" in YAML: no UTF-8 for it
        if surrogate:
            raise self.fail(node, f"{what} holds a lone surrogate "
                                  f"(\\u{ord(surrogate.group()):04x}), not a character: "
                                  "write the character itself")
        return value

    def texts(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
        if isinstance(node, yaml.ScalarNode):
            return [(self.text(node, what), node)]
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list of text")
        return [(self.text(item, what), item) for item in node.value]

    def flag(self, node: yaml.Node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise self.fail(node, f"{what} must be true or false")
        return node.value.lower() in ("true", "yes", "on", "y")

    def read_root(self, root: yaml.Node | None) -> list[Term]:
        if root is None:
            return []
        items = self.mapping(root, "the glossary")
        for name, (key, _value) in items.items():
            if name not in TOP_KEYS:
                raise self.fail(key, f"unknown key {name!r} (expected {', '.join(TOP_KEYS)})")
        if "terms" not in items:
            raise self.fail(root, "the glossary has no 'terms' list")
        terms_node = items["terms"][1]
        if isinstance(terms_node, yaml.ScalarNode) and terms_node.tag.endswith(":null"):
            return []
        if not isinstance(terms_node, yaml.SequenceNode):
            raise self.fail(terms_node, "'terms' must be a list")
        terms: list[Term] = []
        seen: dict[str, tuple[str, int]] = {}
        for node in terms_node.value:
            term = self.read_term(node)
            for name, name_node in [(term.en, node), *((a, node) for a in term.aliases)]:
                folded = name.casefold()
                if folded in seen:
                    other, line = seen[folded]
                    raise self.fail(name_node, f"duplicate term {name!r} (already defined by "
                                               f"term {other!r} at line {line})")
                seen[folded] = (term.en, term.line)
            terms.append(term)
        return terms

    def read_term(self, node: yaml.Node) -> Term:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, "a term must be a mapping with at least 'en:'")
        en_nodes = [value for key, value in node.value
                    if getattr(key, "value", None) == SOURCE_LANGUAGE]
        if not en_nodes:
            raise self.fail(node, "a term has no 'en' form")
        en = self.text(en_nodes[0], "the 'en' form")
        what = f"term {en!r}"
        items = self.mapping(node, what)
        aliases: list[str] = []
        false_friends: list[str] = []
        case_sensitive, keep, note = True, False, ""
        forms: dict[str, LangForms] = {}
        for name, (key, value) in items.items():
            if name == SOURCE_LANGUAGE:
                continue
            if name == "aliases":
                aliases = [a for a, _ in self.texts(value, f"{what}: aliases")]
            elif name == "case_sensitive":
                case_sensitive = self.flag(value, f"{what}: case_sensitive")
            elif name == "keep":
                keep = self.flag(value, f"{what}: keep")
            elif name == "note":
                note = self.text(value, f"{what}: note")
            elif name == "false_friends":
                false_friends = [f for f, _ in self.texts(value, f"{what}: false_friends")]
                self.check_false_friends(value, en, aliases, false_friends, what)
            elif re.fullmatch(r"[a-z]{2,3}(_[A-Za-z]+)?", name):
                forms[name] = self.read_forms(key, value, name, what)
            else:
                raise self.fail(key, f"{what}: unknown key {name!r} (expected "
                                     f"{', '.join(TERM_KEYS)} or a language code)")
        if not forms and not keep:
            raise self.fail(node, f"{what} has no language forms (add "
                                  f"{'/'.join(SUPPORTED_LANGUAGES)} forms or keep: true)")
        for alias in aliases:
            if alias.casefold() == en.casefold():
                raise self.fail(items["aliases"][1], f"duplicate term {alias!r} "
                                                     f"(an alias of {what} repeats it)")
        return Term(en, tuple(aliases), case_sensitive, keep, note, forms,
                    node.start_mark.line + 1, tuple(false_friends))

    def check_false_friends(self, node: yaml.Node, en: str, aliases: list[str],
                            phrases: list[str], what: str) -> None:
        """Each false friend starts with a name of the term (``Tartar sauce``)."""
        names = [name.casefold() for name in (en, *aliases)]
        for phrase in phrases:
            if not any(phrase.casefold().startswith(name + " ") for name in names):
                raise self.fail(node, f"{what}: false friend {phrase!r} does not start with "
                                      "a name of the term and a space")

    def check_language(self, key: yaml.Node, lang: str, what: str) -> None:
        if lang in SUPPORTED_LANGUAGES:
            return
        try:
            Locale.parse(lang)
        except (UnknownLocaleError, ValueError) as err:
            raise self.fail(key, f"{what}: unknown language {lang!r} (expected one of "
                                 f"{', '.join(SUPPORTED_LANGUAGES)})") from err
        raise self.fail(key, f"{what}: language {lang!r} is not a target language (expected "
                             f"one of {', '.join(SUPPORTED_LANGUAGES)})")

    def read_forms(self, key: yaml.Node, node: yaml.Node, lang: str, what: str) -> LangForms:
        self.check_language(key, lang, what)
        where = f"{what}: {lang}"
        items: dict[str, tuple[yaml.Node, yaml.Node]]
        if isinstance(node, yaml.ScalarNode):
            items = {"approved": (key, node)}
        else:
            items = self.mapping(node, where)
        for name, (item_key, _value) in items.items():
            if name not in LANG_KEYS:
                raise self.fail(item_key, f"{where}: unknown key {name!r} (expected "
                                          f"{', '.join(LANG_KEYS)})")
        if "approved" not in items:
            raise self.fail(node, f"{where}: no 'approved' form")
        approved = self.text(items["approved"][1], f"{where} approved form")
        grammar = profile(lang).grammar
        rules = grammar.inflect_rules
        inflect = rules[0]
        if "inflect" in items:
            inflect = self.text(items["inflect"][1], f"{where} inflect")
            if inflect not in rules:
                raise self.fail(items["inflect"][1], f"{where}: unknown inflect rule "
                                                     f"{inflect!r} (expected {', '.join(rules)})")
        listed: dict[str, str] = {}
        if "cases" in items:
            cases_node = items["cases"][1]
            if grammar.no_cases:
                raise self.fail(cases_node, f"{where}: {grammar.no_cases}")
            for name, (case_key, value) in self.mapping(cases_node, f"{where} cases").items():
                if name not in grammar.cases:
                    raise self.fail(case_key, f"{where}: unknown case {name!r} (expected "
                                              f"{', '.join(grammar.cases)})")
                listed[name] = self.text(value, f"{where} {name} form")
        cases = self.build_cases(node, lang, where, approved, inflect, listed)
        accepted = tuple(a for a, _ in self.texts(items["accepted"][1], f"{where} accepted")
                         ) if "accepted" in items else ()
        forbidden_nodes = (self.texts(items["forbidden"][1], f"{where} forbidden")
                           if "forbidden" in items else [])
        note = self.text(items["note"][1], f"{where} note") if "note" in items else ""
        forms = LangForms(lang, approved, cases, accepted,
                          tuple(f for f, _ in forbidden_nodes), inflect, note)
        allowed = set(forms.allowed_forms())
        for bad, bad_node in forbidden_nodes:
            if bad in allowed:
                raise self.fail(bad_node, f"{where}: forbidden form {bad!r} is also an "
                                          "allowed form")
        return forms

    def build_cases(self, node: yaml.Node, lang: str, where: str, approved: str,
                    inflect: str, listed: dict[str, str]) -> dict[str, str]:
        if "nominative" in listed and listed["nominative"] != approved:
            raise self.fail(node, f"{where}: the nominative must be the approved form")
        cases = profile(lang).grammar.cases
        if inflect == "harmony":
            return {**profile(lang).grammar.generate(approved), **listed}
        if inflect in ("none", "prefixes"):
            if listed:
                raise self.fail(node, f"{where}: cases given but inflect is {inflect!r}")
            return dict.fromkeys(cases, approved)
        missing = [case for case in cases if case != "nominative" and case not in listed]
        if missing:
            raise self.fail(node, f"{where}: missing cases {', '.join(missing)} "
                                  "(or set inflect: none for a name that does not decline)")
        return {"nominative": approved, **listed}
