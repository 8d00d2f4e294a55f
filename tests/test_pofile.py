"""PO text in and out: files exactly as GNU gettext writes them, and bad files reported."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from po_helpers import LINES, SOURCE, assert_gettext_clean, make_article, msgcat, write_catalog

from translate import __version__
from translate.core.fsutil import write_scope
from translate.errors import CatalogError
from translate.po.catalog import entry_state, get_notes, po_path
from translate.po.merge import merge_catalog
from translate.po.pofile import format_catalog, format_date, read_catalog

pytestmark = [pytest.mark.gettext, pytest.mark.usefixtures("fixed_clock")]


@pytest.mark.parametrize("lang", ["hy", "az", "he", "ru"])
def test_new_catalog_is_what_gettext_writes(tmp_path, lang):
    path = po_path(tmp_path, lang, "armenia-recalls-ambassador")
    po = merge_catalog(None, make_article(LINES), lang)
    assert write_catalog(po, path)
    assert_gettext_clean(path)
    po = read_catalog(path)
    assert po.metadata["Language"] == lang
    assert po.metadata["Plural-Forms"].startswith("nplurals=")
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    entry = po.find(LINES[1])
    assert entry.occurrences == [(SOURCE, "2")]
    assert get_notes(entry, "role") == ["sentence"]
    assert entry_state(entry) == "untranslated"


def test_seed_entry_text_is_pinned(tmp_path):
    path = tmp_path / "ru/LC_MESSAGES/a.po"
    write_catalog(merge_catalog(None, make_article(LINES[:2]), "ru"), path)
    text = path.read_text(encoding="utf-8")
    # issue 16: the article's version (of its units), the generator, the bugs address field
    assert text.startswith(
        'msgid ""\nmsgstr ""\n"Project-Id-Version: armenia-recalls-ambassador 98ccf19e\\n"\n'
        '"Report-Msgid-Bugs-To: \\n"\n'
    )
    assert f'"X-Generator: translate-news {__version__}\\n"\n\n' in text
    assert '"PO-Revision-Date: 2020-09-13 12:26+0000\\n"\n' in text
    assert text.endswith(
        "#. role: sentence\n"
        "#. unit: " + make_article(LINES[:2]).units[1].id + "\n"
        "#: seeds/armenia-recalls-ambassador.txt:2\n"
        'msgid ""\n'
        '"Jerusalem says it regrets Armenian decision, which comes after Azeri "\n'
        '"official confirmed his country is using Israeli attack drones in fresh "\n'
        '"fighting"\n'
        'msgstr ""\n'
    )


def test_write_catalog_leaves_unchanged_file_alone(tmp_path):
    path = tmp_path / "ru/LC_MESSAGES/a.po"
    po = merge_catalog(None, make_article(LINES), "ru")
    assert write_catalog(po, path)
    os.utime(path, (1, 1))
    again = merge_catalog(read_catalog(path), make_article(LINES), "ru")
    assert not write_catalog(again, path)
    assert path.stat().st_mtime == 1
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    again.find(LINES[0]).msgstr = "Армения"
    assert write_catalog(again, path)
    assert read_catalog(path).metadata["PO-Revision-Date"] == "2023-11-14 22:13+0000"


@pytest.mark.broken_po
@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nnonsense\n', 6),
        ('msgid ""\nmsgstr ""\n\nmsgid "unterminated\nmsgstr ""\n', 4),
    ],
)
def test_bad_po_file_reported_with_line_and_untouched(tmp_path, text, line):
    path = tmp_path / "ru/LC_MESSAGES/a.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert "\n" not in message
    assert path.read_text(encoding="utf-8") == text
    subprocess.run(["msgfmt", "-o", os.devnull, str(path)], capture_output=True)
    assert message.split(":")[1].isdigit()
    assert abs(int(message.split(":")[1]) - line) <= 1


def test_language_header_must_match_folder(tmp_path):
    path = tmp_path / "hy/LC_MESSAGES/a.po"
    write_catalog(merge_catalog(None, make_article(LINES), "ru"), path)
    with pytest.raises(CatalogError, match=r"a\.po:\d+: Language header is 'ru'.*'hy' folder"):
        read_catalog(path)


TRICKY = [
    "",
    "x" * 300,
    "a\nb",
    "ends with newline\n",
    "\n",
    "two\n\nblank lines\n\n",
    'quotes "inside" and \\backslashes\\ and \ttabs',
    "Armenian foreign ministry spokewoman @naghdalyan: \"For us, Israel's supply of ultra-modern "
    'weapons to Azerbaijan is unacceptable"',
    "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին՝ ի նշան բողոքի Ադրբեջանին զենք վաճառելու "
    "դեմ։ Իսրայելը ափսոսանք է հայտնել։",
    "ירושלים אומרת שהיא מצטערת על החלטת ארמניה, שהגיעה לאחר שבכיר אזרי אישר כי ארצו משתמשת "
    "ברחפני תקיפה ישראליים בלחימה־החדשה",
    "Армения отозвала посла — «решение» МИД (2020) стоит 5 000 ₽, 50% и №7… http://x.am/a/b/c",
    "http://example.com/" + "segment/" * 15,
    "中文字符的宽度是两个列所以换行的位置会不同这是一个很长的句子用来测试换行",
    "e\u0301 combining and zero\u200bwidth and no\u00a0break and soft\u00adhyphen " * 3,
]


def write_entries(tmp_path: Path, texts: list[str], flags: list[str]) -> Path:
    po = merge_catalog(None, make_article(["Title"]), "he")
    for number, text in enumerate(dict.fromkeys(texts)):
        if text and text != "Title":
            po.append(
                polib.POEntry(
                    msgid=text,
                    msgstr=text.swapcase(),
                    flags=list(flags),
                    occurrences=[(f"seeds/{'long-' * number}name.txt", str(number))] * 1,
                    tcomment=f"translator {number}",
                    previous_msgid=text if number % 2 else None,
                )
            )
    path = tmp_path / "he/LC_MESSAGES/x.po"
    write_catalog(po, path)
    return path


@pytest.mark.parametrize("flags", [[], ["fuzzy"], ["no-wrap", "python-format"]])
def test_tricky_strings_round_trip_through_msgcat(tmp_path, flags):
    path = write_entries(tmp_path, TRICKY, flags)
    assert_gettext_clean(path)
    again = read_catalog(path)
    assert [e.msgstr for e in again if e.msgid][1:] == [t.swapcase() for t in TRICKY if t]
    assert format_catalog(again) == path.read_text(encoding="utf-8")


def test_obsolete_entries_round_trip(tmp_path):
    old = merge_catalog(None, make_article(LINES), "ru")
    for entry in old:
        if entry.msgid:
            entry.msgstr = entry.msgid.upper() * 2
    po = merge_catalog(old, make_article(["Completely different text here."]), "ru")
    path = tmp_path / "ru/LC_MESSAGES/a.po"
    write_catalog(po, path)
    assert_gettext_clean(path)
    assert "#~ msgid" in path.read_text(encoding="utf-8")
    assert format_catalog(read_catalog(path)) == path.read_text(encoding="utf-8")


TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ019 .,;:!?-/\\\"'()[]%$@#\t\n")
        + list("«»“”‘’„—–…€₽№")
        + list("Հայաստան՝։֊")
        + list("ישראל־׳״")
        + list("Армения")
        + ["\u00a0", "\u200b", "\u0301", "\u05b8", "中"]
    ),
    max_size=220,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(TEXT, min_size=1, max_size=8), no_wrap=st.booleans())
def test_any_catalog_is_printed_unchanged_by_msgcat(tmp_path_factory, texts, no_wrap):
    path = write_entries(tmp_path_factory.mktemp("po"), texts, ["no-wrap"] if no_wrap else [])
    assert msgcat(path) == path.read_text(encoding="utf-8")


def test_line_separators_inside_a_unit_survive_write_read_and_msgcat(tmp_path):
    from translate.formats.reader import parse_article

    text = (
        "Headline here\nThe ambassador,\u2028who will return.\n"
        "Soft\x0bbreak in a line. A \x1e record and a \x85 next line.\n"
    )
    article = parse_article(text, "seps", Path("seps.txt"))
    path = tmp_path / "ru" / "LC_MESSAGES" / "seps.po"
    write_catalog(merge_catalog(None, article, "ru"), path)
    again = read_catalog(path)
    assert [e.msgid for e in again] == [u.text for u in article.units]
    catted = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert catted.stdout == path.read_text(encoding="utf-8")
    assert write_catalog(merge_catalog(again, article, "ru"), path) is False  # stable


def test_language_header_with_a_region_is_accepted_in_its_language_folder(tmp_path):
    path = tmp_path / "ru" / "LC_MESSAGES" / "a.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n"Language: ru_RU\\n"\n', encoding="utf-8")
    assert read_catalog(path).metadata["Language"] == "ru_RU"
    path.write_text('msgid ""\nmsgstr ""\n"Language: he_IL\\n"\n', encoding="utf-8")
    with pytest.raises(CatalogError, match="Language header is 'he_IL'"):
        read_catalog(path)


@pytest.mark.parametrize(("value", "fixed"), [("1601510400", True), ("yesterday", False)])
def test_source_date_epoch_fixes_dates_and_a_bad_value_is_ignored(monkeypatch, value, fixed):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert (format_date() == "2020-10-01 00:00+0000") is fixed


# --- Charsets: decoded as declared, always written as UTF-8 ----------------------------------


def header_in(charset: str) -> str:
    return (
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"MIME-Version: 1.0\\n"\n'
        f'"Content-Type: text/plain; charset={charset}\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n\n'
        f'msgid "{LINES[2]}"\nmsgstr "Столкновения продолжались пятый день подряд."\n'
    )


def msgconv_to_utf8(path: Path) -> polib.POFile:
    done = subprocess.run(["msgconv", "--to-code=UTF-8", str(path)], capture_output=True,
                          check=True)
    return polib.pofile(done.stdout.decode("utf-8"))


def test_a_catalog_in_another_charset_is_read_as_declared_and_written_in_utf8(tmp_path):
    path = tmp_path / "ru/LC_MESSAGES/armenia-recalls-ambassador.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(header_in("KOI8-R").encode("koi8_r"))
    po = read_catalog(path)
    assert [e.msgstr for e in po] == [e.msgstr for e in msgconv_to_utf8(path)]
    assert po.find(LINES[2]).msgstr == "Столкновения продолжались пятый день подряд."
    write_catalog(merge_catalog(po, make_article(LINES[:3]), "ru"), path)
    text = path.read_bytes().decode("utf-8")  # UTF-8 now, with a header that says so
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in text
    assert "Столкновения продолжались пятый день подряд." in text
    assert_gettext_clean(path)


def test_utf8_text_under_a_header_declaring_another_charset_is_refused(tmp_path):
    # It used to be written back with its wrong header; msgconv (as gettext reads it) then
    # turns the Cyrillic into mojibake.
    path = tmp_path / "ru/LC_MESSAGES/armenia-recalls-ambassador.po"
    path.parent.mkdir(parents=True)
    path.write_bytes(header_in("ISO-8859-1").encode("utf-8"))
    assert "Ð¡Ñ\x82Ð¾Ð»" in msgconv_to_utf8(path).find(LINES[2]).msgstr
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert str(caught.value) == (
        f"{path}:9: the text is UTF-8 but the header (line 5) declares charset=ISO-8859-1; "
        "correct it to charset=UTF-8"
    )


@pytest.mark.broken_po
@pytest.mark.parametrize(
    ("charset", "data", "message"),
    [
        ("UTF-8", b"\xff", "9: not UTF-8 (byte 0xff)"),
        ("ASCII", "é".encode("latin-1"), "9: not ASCII (byte 0xe9)"),
        ("NO-SUCH-CHARSET", b"a", "5: unknown charset 'NO-SUCH-CHARSET' in the Content-Type "
         "header; declare charset=UTF-8 (or convert the file with msgconv)"),
    ],
)
def test_bytes_not_in_the_declared_charset_are_refused_with_file_and_line(
    tmp_path, charset, data, message
):
    path = tmp_path / "ru/LC_MESSAGES/a.po"
    path.parent.mkdir(parents=True)
    text = header_in(charset).split("msgid \"The")[0]
    path.write_bytes(text.encode("ascii") + b'msgid "x"\nmsgstr "' + data + b'"\n')
    with pytest.raises(CatalogError) as caught:
        read_catalog(path)
    assert str(caught.value) == f"{path}:{message}"


def test_a_symlinked_catalog_is_written_through_its_link(tmp_path):
    shared = tmp_path / "shared/armenia-recalls-ambassador.ru.po"
    shared.parent.mkdir()
    write_catalog(merge_catalog(None, make_article(LINES[:2]), "ru"), shared)
    link = po_path(tmp_path / "locales", "ru", "armenia-recalls-ambassador")
    link.parent.mkdir(parents=True)
    link.symlink_to(shared)
    with write_scope(tmp_path):  # the project: the link stays inside it (see test_links.py)
        assert write_catalog(merge_catalog(read_catalog(link), make_article(LINES[:3]), "ru"),
                             link)
    assert link.is_symlink() and link.resolve() == shared.resolve()
    assert LINES[2] in shared.read_text(encoding="utf-8")
    assert [p.name for p in shared.parent.iterdir()] == [shared.name]  # no temporary left
