"""A name's sound skeleton, the same whichever script writes it (Latin, Cyrillic, Armenian, Hebrew,
Arabic).

MT models write a name they were given in a script of their own choosing (``Stepanakert`` →
``Степанакерт``, ``Ştepənəkert``, ``סטעפאנאקערט``). To find such a rendering in MT output, each
letter is reduced to a class: labials ``P``, dentals ``T``, velars and gutturals ``K``,
sibilants and affricates ``S``, ``M``, ``N``, ``L``, ``R``, and vowels ``V`` (a run of vowels
is one ``V``); ``h``, ``v``, ``w`` and signs are dropped. Common digraphs are read first
(``sh``, ``kh``, ``ts``, ``дж``, ``ու``, ``ג׳``). Hebrew and Persian write few vowels, so a text
with Hebrew or Arabic letters is compared by its consonants only (``same_name``); Persian ه, ح
and ع, like h, are dropped. A doubled class counts once
(``Russia``, ``Rusiya``).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_CLASSES = {
    "P": "bpfбпфբպփֆבפףبپف",
    "T": "tdтдտդթטתדتدط",
    "K": "kgqxğкгхկգքխղקכךגחکكگقغخ",  # and c, see skeleton()
    "S": "szjçşсзцчшщжսզցչշժծձջճסזצץשسزصضظثذشژجچ",
    "M": "mмմמםم",
    "N": "nнնנןن",
    "L": "lлլלل",
    "R": "rрրռרر",
    "V": "aeiouyəıöüаеёиоуыэюяйաեէըիոօւאעויהاآویيىأإئؤ",
}
_LETTER_CLASS = {letter: name for name, letters in _CLASSES.items() for letter in letters}
#: Letter pairs read as one sound, in any script a model may write them in (``sh``, ``сх``,
#: ``սհ``; ``kh``, ``кх``; ``ts``, ``тс``, ``ц``; ``дж``); anything else matched here is ``S``.
_DIGRAPHS = re.compile(r"[sсսסcчzж][hхհ]|[kкքק][hхհ]|gh|[tтթט][sсսסz]|dz|дж|th|ph|ու|[גזצ][׳'’]")
_DIGRAPH_CLASS = {"kh": "K", "кх": "K", "кh": "K", "kх": "K", "քհ": "K", "քh": "K", "gh": "K",
                  "th": "T", "ph": "P", "ու": "V"}
#: Scripts that write few vowels: Hebrew, and the Arabic script of Persian.
_FEW_VOWELS = re.compile("[\u05d0-\u05ea\u0620-\u064a\u0671-\u06d3]")


def _base(char: str) -> str:
    """The letter without accents (``é`` → ``e``; ``ə``, ``ı`` and non-Latin letters kept)."""
    decomposed = unicodedata.normalize("NFD", char)
    return decomposed[0] if len(decomposed) > 1 else char


@functools.lru_cache(maxsize=1 << 16)
def skeleton(text: str, c: str = "K") -> str:
    """The class letters of ``text`` (``"Stepanakert"`` → ``"STVPVNVKVRT"``); a Latin ``c`` is
    ``c`` (``K`` as in English ``Republic``, ``S`` as in Azerbaijani ``Azərbaycan``)."""
    lowered = "".join(_base(char) for char in text.lower().replace("i̇", "i"))
    classes: list[str] = []
    position = 0
    while position < len(lowered):
        digraph = _DIGRAPHS.match(lowered, position)
        if digraph:
            found = _DIGRAPH_CLASS.get(digraph.group(), "S")
            position = digraph.end()
        else:
            letter = lowered[position]
            found = c if letter == "c" else _LETTER_CLASS.get(letter, "")
            position += 1
        if found and not (classes and classes[-1] == found):
            classes.append(found)
    return "".join(classes)


def consonants(text: str, c: str = "K") -> str:
    """The skeleton without its vowels (``"Stepanakert"`` → ``"STPNKRT"``)."""
    return skeleton(text, c).replace("V", "")


def same_name(candidate: str, name: str) -> bool:
    """Whether ``candidate`` (a word or words of MT output) sounds like ``name``: the same
    skeleton, or the same consonants when either is Hebrew or Persian; never for a name of fewer
    than two consonants (too many words share one)."""
    wanted = consonants(name)
    if len(wanted) < 2:
        return False
    readings = ("K", "S") if "c" in (candidate + name).lower() else ("K",)
    if _FEW_VOWELS.search(candidate) or _FEW_VOWELS.search(name):
        return any(consonants(candidate, a) == consonants(name, b)
                   for a in readings for b in readings)
    return any(skeleton(candidate, a) == skeleton(name, b) for a in readings for b in readings)
