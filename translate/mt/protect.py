"""Spans of a source that must come out of MT as a given target text: protected, verified, restored.

A ``Guard`` is one such span (a glossary place name today; an inline tag or a link tomorrow):
where it is in the source, the target text it must become, and a ``Rule`` that recognises that
text, or a wrong rendering of it, in MT output. ``translate_guarded`` gets a batch of texts
right with as few model calls as it can, trying per text, in this order, each strategy verified
before it is accepted (the order is the one ``benchmarks/glossary_measure.py`` measured best):

1. ``inline``: every span is replaced by its target text in the MT input (one model call for
   the whole batch); the output must hold an accepted rendering for each span (a rule with
   two spans needs two).
2. ``locate``: for a rule still short, the model's rendering of its text is found in that
   output and replaced by the target text, with no model call: a rendering the rule knows is
   wrong (a forbidden variant), or words that sound like the target text or the source span
   in any script (``translate.text.skeleton``: ``Ştepənəkert`` for ``Stepanakert``).
3. ``placeholder``: the texts still short go to the model once more (one call for all of
   them), each failing span as a ``{N}`` placeholder (the one marker shape models copy byte
   for byte most often); every placeholder must come back exactly once, and is replaced by
   the target text in the form its context asks for (``Rule.restore``).
4. report: a rule still short keeps the best output (never one with a placeholder left in it)
   and a problem naming the expected text (``Rule.problem``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from translate.text.skeleton import same_name

#: A span of a text: (start, end).
Span = tuple[int, int]
#: A replacement: the span of a text and what goes there.
Edit = tuple[Span, str]

STRATEGIES = ("inline", "locate", "placeholder")
#: A word of MT output, for finding renderings (letters, marks and the apostrophes and
#: gereshes inside names).
WORD = re.compile(r"[^\W\d_](?:[\w'’׳״]*[^\W_])?")
#: What may stand between the words of one name in MT output.
BETWEEN_WORDS = re.compile(r"[\s\-\u05be]+")
PLACEHOLDER = re.compile(r"\{\s*(\d+)\s*\}")
#: How many letters a rendering may carry after the sound of its name (a case suffix).
SUFFIX_LETTERS = 3


class Rule(Protocol):
    """What a guard's target text is and how to recognise it (one rule per term and text)."""

    @property
    def name(self) -> str:
        """For messages and measurements (a glossary term's English form)."""
        ...

    def accepted(self, output: str) -> list[Span]:
        """Where ``output`` holds an accepted rendering."""
        ...

    def wrong(self, output: str) -> list[Span]:
        """Where ``output`` holds a rendering known to be wrong (e.g. a forbidden variant)."""
        ...

    def sounds(self) -> tuple[str, ...]:
        """Texts whose sound a model's rendering may keep (target forms, source names)."""
        ...

    def replace(self, output: str, span: Span, guard: Guard) -> tuple[Edit, str | None]:
        """The accepted text to put over a rendering found at ``span``, and a note for the
        translator when the replacement calls for one (else None)."""
        ...

    def restore(self, output: str, span: Span, guard: Guard) -> Edit:
        """The accepted text to put over the placeholder of ``guard`` at ``span``."""
        ...

    def problem(self, output: str, missing: int) -> str:
        """The message for an output that lacks ``missing`` of the rule's renderings."""
        ...


@dataclass(frozen=True, eq=False)
class Guard:
    """A span of the source that must come out as ``target`` (recognised by ``rule``)."""

    start: int
    end: int
    target: str
    rule: Rule


class Guarded(Protocol):
    """A source text and the guards of its spans: what ``translate_guarded`` takes."""

    @property
    def source(self) -> str:
        """The text as it goes to MT."""
        ...

    @property
    def guards(self) -> Sequence[Guard]:
        """The spans of ``source`` that must come out as given."""
        ...


class Guards(Protocol):
    """What finds the guarded spans of a text (the glossary does: its place names)."""

    def prepare(self, text: str, lang: str) -> Guarded:
        """``text`` with the spans that must come out of MT in ``lang`` as given."""
        ...


@dataclass
class Outcome:
    """What became of one text: the output and, per rule, how it was got right or not."""

    text: str
    fixed: dict[str, str] = field(default_factory=dict)  # rule name → strategy
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    decodes: int = 1  # model calls this text took


def inline_text(source: str, guards: Sequence[Guard]) -> str:
    """``source`` with every guarded span replaced by its target text."""
    return splice(source, [((g.start, g.end), g.target) for g in guards])


def placeholder_text(source: str, guards: Sequence[Guard],
                     failing: set[Rule]) -> tuple[str, dict[int, Guard]]:
    """``source`` with the spans of ``failing`` rules as ``{N}`` placeholders (numbers the
    source does not use) and the others inlined; and which guard each number stands for."""
    used = {int(number) for number in PLACEHOLDER.findall(source)}
    number = max(used, default=0) + 1
    edits: list[Edit] = []
    numbers: dict[int, Guard] = {}
    for guard in guards:
        if guard.rule in failing:
            numbers[number] = guard
            edits.append(((guard.start, guard.end), f"{{{number}}}"))
            number += 1
        else:
            edits.append(((guard.start, guard.end), guard.target))
    return splice(source, edits), numbers


def splice(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with each (non-overlapping) edit made."""
    for (start, end), replacement in sorted(edits, key=lambda e: -e[0][0]):
        text = text[:start] + replacement + text[end:]
    return text


def overlaps(span: Span, spans: Sequence[Span]) -> bool:
    """Whether ``span`` overlaps one of ``spans``."""
    return any(span[0] < end and start < span[1] for start, end in spans)


def rules_of(guards: Sequence[Guard]) -> list[Rule]:
    """Each rule of ``guards`` once, longest target first (so ``Republic of Armenia`` claims its
    words before ``Armenia`` does)."""
    rules = dict.fromkeys(guard.rule for guard in guards)
    longest = {rule: max(len(g.target) for g in guards if g.rule is rule) for rule in rules}
    return sorted(rules, key=lambda rule: -longest[rule])


def claim(output: str, guards: Sequence[Guard],
          source: str = "") -> tuple[dict[Rule, int], list[Span]]:
    """How many accepted renderings each rule lacks in ``output`` (rules with none lacking are
    left out), and the spans the accepted renderings claim. Each span counts for one rule
    only, and a rule takes first the spans no other rule accepts (``Шуши`` is the genitive of
    ``Шуша`` and the name ``Shushi``: with both terms in the source, ``Шуша`` goes to Shusha
    and ``Шуши`` to Shushi), then (given the ``source``) the spans nearest its mentions."""
    rules = rules_of(guards)
    accepted = {rule: sorted(set(rule.accepted(output))) for rule in rules}
    claimed: list[Span] = []
    short: dict[Rule, int] = {}
    for rule in rules:
        needed = sum(1 for guard in guards if guard.rule is rule)
        others = [span for other in rules if other is not rule for span in accepted[other]]
        mine = [guard for guard in guards if guard.rule is rule]
        spans = sorted(accepted[rule], key=lambda span: (
            overlaps(span, others), distance(span, output, mine, source) if source else 0))
        found = 0
        for span in spans:
            if found < needed and not overlaps(span, claimed):
                claimed.append(span)
                found += 1
        if found < needed:
            short[rule] = needed - found
    return short, claimed


def sounding_spans(output: str, texts: Sequence[str]) -> list[Span]:
    """Runs of words of ``output`` that sound like one of ``texts`` (as many words), whole
    runs first, then runs whose last word goes on for up to ``SUFFIX_LETTERS`` letters
    (``Tartarı``, ``Karabakh's``): each span ends where the sound of the text ends."""
    words = [match.span() for match in WORD.finditer(output)]
    whole: list[Span] = []
    stems: list[Span] = []
    for text in dict.fromkeys(texts):
        count = len(WORD.findall(text))
        for first in range(len(words) - count + 1):
            run = words[first:first + count]
            if count > 1 and not all(BETWEEN_WORDS.fullmatch(output[a[1]:b[0]])
                                     for a, b in itertools.pairwise(run)):
                continue
            start, end = run[0][0], run[-1][1]
            for cut in range(end, max(end - SUFFIX_LETTERS, run[-1][0] + 1) - 1, -1):
                if same_name(output[start:cut], text):
                    found = whole if cut == end else stems
                    if (start, cut) not in found:
                        found.append((start, cut))
                    break
    return whole + [span for span in stems if not overlaps(span, whole)]


def locate(output: str, source: str, guards: Sequence[Guard],
           short: dict[Rule, int], claimed: list[Span]) -> tuple[str, list[str]]:
    """``output`` with the renderings of the ``short`` rules found and replaced (strategy
    ``locate``), and the notes the replacements call for."""
    edits: list[Edit] = []
    notes: list[str] = []
    taken = list(claimed)
    for rule, missing in short.items():
        rule_guards = [guard for guard in guards if guard.rule is rule]
        candidates = [span for span in rule.wrong(output) if not overlaps(span, taken)]
        candidates += [span for span in sounding_spans(output, rule.sounds())
                       if not overlaps(span, taken) and span not in candidates]
        candidates.sort(key=lambda span: distance(span, output, rule_guards, source))
        for span in candidates:
            if missing == 0:
                break
            if overlaps(span, taken):
                continue
            guard = nearest_guard(span, output, rule_guards, source)
            edit, note = rule.replace(output, span, guard)
            if overlaps(edit[0], taken):
                continue
            if note:
                notes.append(note)
            edits.append(edit)
            taken.append(edit[0])
            missing -= 1
    return splice(output, edits), notes


def nearest_guard(span: Span, output: str, guards: Sequence[Guard], source: str) -> Guard:
    """The guard whose place in the source is nearest (relatively) to ``span`` in ``output``."""
    return min(guards, key=lambda guard: distance(span, output, [guard], source))


def distance(span: Span, output: str, guards: Sequence[Guard], source: str) -> float:
    """How far ``span`` is, relative to the length of ``output``, from the nearest of
    ``guards`` relative to the length of ``source`` (0: the same place in both)."""
    where = span[0] / max(len(output), 1)
    return min(abs(guard.start / max(len(source), 1) - where) for guard in guards)


def settle(output: str, source: str, guards: Sequence[Guard], fixed: dict[str, str],
           strategy: str, *, locating: bool = True) -> tuple[str, dict[Rule, int], list[str]]:
    """Verify ``output`` and (``locating``) locate what is short. Returns the output, what is
    still short, and notes; ``fixed`` gets the strategy of each rule got right now."""
    short, claimed = claim(output, guards, source)
    for rule in rules_of(guards):
        if rule not in short:
            fixed.setdefault(rule.name, strategy)
    if not short or not locating:
        return output, short, []
    located, notes = locate(output, source, guards, short, claimed)
    still, _claimed = claim(located, guards, source)
    for rule in short:
        if rule not in still:
            fixed.setdefault(rule.name, "locate")
    return located, still, notes


def restore_placeholders(output: str, numbers: dict[int, Guard]) -> str | None:
    """``output`` with each placeholder replaced by its guard's target text, or None unless
    every placeholder is there exactly once (respaced is fine: ``{ 1 }``) and no other of
    ours is (a placeholder of the source itself, numbered below ours, is the source's)."""
    first = min(numbers)
    found: dict[int, list[Span]] = {}
    for match in PLACEHOLDER.finditer(output):
        if int(match.group(1)) >= first:
            found.setdefault(int(match.group(1)), []).append(match.span())
    if sorted(found) != sorted(numbers) or any(len(spans) != 1 for spans in found.values()):
        return None
    return splice(output, [numbers[number].rule.restore(output, spans[0], numbers[number])
                           for number, spans in found.items()])


def translate_guarded(items: Sequence[tuple[str, Sequence[Guard]]],
                      translate: Callable[[list[str], bool], list[str]],
                      strategies: Sequence[str] = STRATEGIES) -> list[Outcome]:
    """Translate each (source, guards) with its guards verified (strategies above).

    ``translate(texts, first)`` is the model: it is called once with every text (``first``
    True) and at most once more with the texts still short. ``strategies`` (``inline``
    first, then ``locate`` and ``placeholder`` in any order, either may be left out) is for
    measuring other orders: with ``placeholder`` before ``locate``, a text goes back to the
    model before its first output is searched, and is searched only if that fails.
    """
    locating = "locate" in strategies
    locate_first = locating and ("placeholder" not in strategies or strategies.index(
        "locate") < strategies.index("placeholder"))
    outputs = translate([inline_text(source, guards) for source, guards in items], True)
    outcomes: list[Outcome] = []
    shortfalls: list[dict[Rule, int]] = []
    for (source, guards), output in zip(items, outputs, strict=True):
        outcome = Outcome(output)
        short: dict[Rule, int] = {}
        if guards:
            outcome.text, short, outcome.notes = settle(output, source, guards, outcome.fixed,
                                                        "inline", locating=locate_first)
        outcomes.append(outcome)
        shortfalls.append(short)
    retry = [index for index, short in enumerate(shortfalls) if short]
    if retry and "placeholder" in strategies:
        retry_placeholders(items, outcomes, shortfalls, retry, translate, locating=locating)
    if locating and not locate_first:
        for index in (index for index in retry if shortfalls[index]):
            source, guards = items[index]
            outcome = outcomes[index]
            outcome.text, shortfalls[index], outcome.notes = settle(
                outcome.text, source, guards, outcome.fixed, "inline")
    for outcome, short in zip(outcomes, shortfalls, strict=True):
        outcome.problems = [rule.problem(outcome.text, missing) for rule, missing in short.items()]
    return outcomes


def retry_placeholders(items: Sequence[tuple[str, Sequence[Guard]]], outcomes: list[Outcome],
                       shortfalls: list[dict[Rule, int]], retry: list[int],
                       translate: Callable[[list[str], bool], list[str]], *,
                       locating: bool) -> None:
    """Strategy ``placeholder``: the texts ``retry`` once more through the model, the spans of
    their short rules as placeholders; an output is taken when it is short of less."""
    inputs = [placeholder_text(items[index][0], items[index][1], set(shortfalls[index]))
              for index in retry]
    second = translate([text for text, _numbers in inputs], False)
    for index, (_text, numbers), output in zip(retry, inputs, second, strict=True):
        source, guards = items[index]
        outcome = outcomes[index]
        outcome.decodes += 1
        restored = restore_placeholders(output, numbers)
        if restored is None:
            continue
        fixed: dict[str, str] = {}
        text, short, notes = settle(restored, source, guards, fixed, "placeholder",
                                    locating=locating)
        if sum(short.values()) < sum(shortfalls[index].values()):
            outcome.text, outcome.notes = text, notes
            for rule in shortfalls[index]:
                if rule not in short:
                    outcome.fixed[rule.name] = fixed[rule.name]
            shortfalls[index] = short
