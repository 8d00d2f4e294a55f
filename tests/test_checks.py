"""The checks on one translation: one failing and one passing example per check in each
target language, exact messages, numbers, and what silences a check."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translate.checks import CHECKS, CODES, WORD, Finding, check_translation
from translate.glossary_file import read_glossary
from translate.tokens import strip_tokens

DATA = Path(__file__).parent / "data" / "qa"


@pytest.fixture(scope="module")
def glossary():
    """The project glossary's Nagorno-Karabakh term, read by translate/glossary.py."""
    return read_glossary(DATA / "glossary.yaml")


S_YEAR = "Nagorno-Karabakh has been under the control of ethnic Armenian forces since 1994."
S_DRONES = "The army received 1,500 drones, 60 percent of them from Israel."
S_URL = "The full statement is published at https://www.mfa.am/en/press-release/2020/10/01."
S_EMAIL = "Questions can be sent to press@mfa.am."
S_HANDLE = "Armenian foreign ministry spokeswoman @naghdalyan wrote on Twitter."
S_HASHTAG = "The ministry posted the videos with the hashtag #Artsakh."
S_BRACKETS = "Barak Ravid (@BarakRavid) reported the news on Thursday."
S_QUOTES = 'The spokeswoman called the sale "unacceptable" on Thursday.'
S_NAME = "Hikmet Hajiyev praised the effectiveness of the Israeli weapons."
S_GLOSSARY = "Nagorno-Karabakh lies within Azerbaijan."
S_RECALL = "Armenia recalled its ambassador from Israel."
S_PROTEST = (
    "Armenia recalled its ambassador from Israel to protest the sale of weapons to Azerbaijan.")
S_CLASH = (
    "The clash between Armenian and Azerbaijani forces continued for a fifth straight day "
    "on Thursday.")
S_MINISTRY = 'The ministry called the sale "unacceptable".'
S_IDF = "The Israel Defense Forces did not comment."

# (lang, source, correct translation): each has no finding at all.

S_LINK_MD = "The ambassador was [recalled][1] on Tuesday."
S_LINK_HTML = 'The ambassador was <a href="1">recalled</a> on Tuesday.'

PASSING = [
    ("ru", S_LINK_MD, "Посол был [отозван][1] во вторник."),
    ("he", S_LINK_HTML, 'השגריר <a href="1">הוחזר</a> ביום שלישי.'),
    # Russian
    ("ru", S_YEAR,
     "С 1994 года Нагорный Карабах находится под контролем этнических армянских сил."),
    ("ru", S_DRONES, "Армия получила 1\u00a0500 беспилотников, 60 % из них — из Израиля."),
    ("ru", S_URL,
     "Полный текст заявления опубликован на https://www.mfa.am/en/press-release/2020/10/01."),
    ("ru", S_EMAIL, "Вопросы можно направлять по адресу press@mfa.am."),
    ("ru", S_HANDLE, "Пресс-секретарь МИД Армении @naghdalyan написала в Twitter."),
    ("ru", S_HASHTAG, "Министерство опубликовало видео с хештегом #Artsakh."),
    ("ru", S_BRACKETS, "Барак Равид (@BarakRavid) сообщил об этом в четверг."),
    ("ru", S_QUOTES, "В четверг пресс-секретарь назвала продажу «неприемлемой»."),
    ("ru", S_NAME, "Хикмет Гаджиев высоко оценил эффективность израильского оружия."),
    ("ru", S_GLOSSARY, "Нагорный Карабах находится в пределах Азербайджана."),
    ("ru", S_RECALL, "Армения отозвала посла из Израиля."),
    ("ru", S_PROTEST,
     "Армения отозвала посла из Израиля в знак протеста против продажи оружия Азербайджану."),
    ("ru", S_CLASH,
     "Столкновения между армянскими и азербайджанскими силами продолжались в четверг пятый "
     "день подряд."),
    ("ru", S_MINISTRY, "Министерство назвало продажу «неприемлемой»."),
    # Armenian
    ("hy", S_YEAR,
     "1994 թվականից Լեռնային Ղարաբաղը գտնվում է էթնիկ հայկական ուժերի վերահսկողության ներքո։"),
    ("hy", S_DRONES, "Բանակը ստացել է 1\u00a0500 անօդաչու թռչող սարք, որոնց 60 տոկոսը՝ Իսրայելից։"),
    ("hy", S_URL,
     "Հայտարարության ամբողջական տեքստը հրապարակված է "
     "https://www.mfa.am/en/press-release/2020/10/01 կայքում։"),
    ("hy", S_EMAIL, "Հարցերը կարելի է ուղարկել press@mfa.am հասցեով։"),
    ("hy", S_HANDLE, "ՀՀ ԱԳՆ խոսնակ @naghdalyan-ը գրել է Twitter-ում։"),
    ("hy", S_HASHTAG, "Նախարարությունը տեսանյութերը հրապարակել է #Artsakh հեշթեգով։"),
    ("hy", S_BRACKETS, "Բարակ Ռավիդը (@BarakRavid) այս մասին հայտնել է հինգշաբթի։"),
    ("hy", S_QUOTES, "Հինգշաբթի օրը խոսնակը վաճառքն անվանել է «անընդունելի»։"),
    ("hy", S_NAME,
     "Հիքմեթ Հաջիևը բարձր է գնահատել իսրայելական զենքի արդյունավետությունը։"),
    ("hy", S_GLOSSARY, "Լեռնային Ղարաբաղը գտնվում է Ադրբեջանի սահմաններում։"),
    ("hy", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին։"),
    ("hy", S_CLASH,
     "Հինգշաբթի հայկական և ադրբեջանական ուժերի միջև բախումները շարունակվեցին հինգերորդ օրը "
     "անընդմեջ։"),
    ("hy", S_MINISTRY, "Նախարարությունը վաճառքն անվանել է «անընդունելի»։"),
    # Azerbaijani
    ("az", S_YEAR, "Dağlıq Qarabağ 1994-cü ildən etnik erməni qüvvələrinin nəzarəti altındadır."),
    ("az", S_DRONES, "Ordu 1.500 pilotsuz uçan aparat alıb, onların 60 faizi İsraildəndir."),
    ("az", S_URL,
     "Bəyanatın tam mətni https://www.mfa.am/en/press-release/2020/10/01 saytında dərc olunub."),
    ("az", S_EMAIL, "Suallar press@mfa.am ünvanına göndərilə bilər."),
    ("az", S_HANDLE, "Ermənistan XİN-in mətbuat katibi @naghdalyan Twitter-də yazıb."),
    ("az", S_HASHTAG, "Nazirlik videoları #Artsakh heşteqi ilə yayımlayıb."),
    ("az", S_BRACKETS, "Barak Ravid (@BarakRavid) bu barədə cümə axşamı məlumat verib."),
    ("az", S_QUOTES, "Mətbuat katibi cümə axşamı satışı «qəbuledilməz» adlandırıb."),
    ("az", S_NAME, "Hikmət Hacıyev İsrail silahlarının effektivliyini yüksək qiymətləndirib."),
    ("az", S_GLOSSARY, "Dağlıq Qarabağ Azərbaycanın ərazisində yerləşir."),
    ("az", S_RECALL, "Ermənistan İsraildəki səfirini geri çağırıb."),
    ("az", S_PROTEST,
     "Ermənistan Azərbaycana silah satışına etiraz olaraq İsraildəki səfirini geri çağırıb."),
    ("az", S_CLASH,
     "Erməni və Azərbaycan qüvvələri arasında toqquşmalar cümə axşamı ardıcıl beşinci gün "
     "davam edib."),
    ("az", S_MINISTRY, "Nazirlik satışı «qəbuledilməz» adlandırıb."),
    # Hebrew
    ("he", S_YEAR, "מאז 1994 נגורנו-קרבאך נמצאת בשליטת כוחות ארמניים אתניים."),
    ("he", S_DRONES, "הצבא קיבל 1,500 כטב״מים, 60 אחוז מהם מישראל."),
    ("he", S_URL, "הנוסח המלא של ההודעה פורסם בכתובת https://www.mfa.am/en/press-release/2020/10/01."),
    ("he", S_EMAIL, "ניתן לשלוח שאלות לכתובת press@mfa.am."),
    ("he", S_HANDLE, "דוברת משרד החוץ הארמני @naghdalyan כתבה בטוויטר."),
    ("he", S_HASHTAG, "המשרד פרסם את הסרטונים עם ההאשטאג #Artsakh."),
    ("he", S_BRACKETS, "ברק רביד (@BarakRavid) דיווח על כך ביום חמישי."),
    ("he", S_QUOTES, 'הדוברת כינתה ביום חמישי את המכירה "בלתי מתקבלת על הדעת".'),
    ("he", S_NAME, "חיכמת חג׳ייב שיבח את יעילות הנשק הישראלי."),
    ("he", S_GLOSSARY, "נגורנו-קרבאך שוכנת בתוך שטחה של אזרבייג׳ן."),
    ("he", S_RECALL, "ארמניה החזירה את שגרירה מישראל."),
    ("he", S_CLASH,
     "העימותים בין הכוחות הארמניים והאזריים נמשכו ביום חמישי זה היום החמישי ברציפות."),
    ("he", S_IDF, "צה״ל לא הגיב."),
]

# (lang, code, source, defective translation): the findings are exactly of that code.
FAILING = [
    # Russian
    ("ru", "untranslated", S_YEAR, ""),
    ("ru", "identical", S_YEAR, S_YEAR),
    ("ru", "numbers", S_YEAR,
     "С 1995 года Нагорный Карабах находится под контролем этнических армянских сил."),
    ("ru", "urls", S_URL,
     "Полный текст заявления опубликован на https://www.mfa.am/ru/press-release/2020/10/01."),
    ("ru", "emails", S_EMAIL, "Вопросы можно направлять по адресу пресс@mfa.am."),
    ("ru", "handles", S_HANDLE, "Пресс-секретарь МИД Армении @нагдалян написала в Twitter."),
    ("ru", "hashtags", S_HASHTAG, "Министерство опубликовало видео с хештегом #Арцах."),
    ("ru", "brackets", S_BRACKETS, "Барак Равид (@BarakRavid сообщил об этом в четверг."),
    ("ru", "quotes", S_QUOTES, "В четверг пресс-секретарь назвала продажу «неприемлемой."),
    ("ru", "placeholders", S_NAME, "⟦T0⟧ высоко оценил эффективность израильского оружия."),
    ("ru", "glossary", S_GLOSSARY, "Нагорно-Карабах находится в пределах Азербайджана."),
    ("ru", "script", S_RECALL, "Aрмения отозвала посла из Израиля."),
    ("ru", "language", S_RECALL, "Вірменія відкликала свого посла з Ізраїлю."),
    ("ru", "length", S_CLASH, "Столкновения продолжились."),
    ("ru", "punctuation", S_MINISTRY, 'Министерство назвало продажу "неприемлемой".'),
    # Armenian
    ("hy", "untranslated", S_YEAR, " "),
    ("hy", "identical", S_RECALL, S_RECALL),
    ("hy", "numbers", S_DRONES,
     "Բանակը ստացել է 1\u00a0600 անօդաչու թռչող սարք, որոնց 60 տոկոսը՝ Իսրայելից։"),
    ("hy", "urls", S_URL,
     "Հայտարարության ամբողջական տեքստը հրապարակված է "
     "https://www.mfa.am/hy/press-release/2020/10/01 կայքում։"),
    ("hy", "emails", S_EMAIL, "Հարցերը կարելի է ուղարկել press @mfa.am հասցեով։"),
    ("hy", "handles", S_HANDLE, "ՀՀ ԱԳՆ խոսնակ @ naghdalyan-ը գրել է Twitter-ում։"),
    ("hy", "hashtags", S_HASHTAG, "Նախարարությունը տեսանյութերը հրապարակել է #Արցախ հեշթեգով։"),
    ("hy", "brackets", S_BRACKETS, "Բարակ Ռավիդը @BarakRavid) այս մասին հայտնել է հինգշաբթի։"),
    ("hy", "quotes", S_QUOTES, "Հինգշաբթի օրը խոսնակը վաճառքն անվանել է անընդունելի։"),
    ("hy", "placeholders", S_NAME,
     "__TERM0__ բարձր է գնահատել իսրայելական զենքի արդյունավետությունը։"),
    ("hy", "glossary", S_GLOSSARY, "Արցախը գտնվում է Ադրբեջանի սահմաններում։"),
    ("hy", "script", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր посла։"),
    ("hy", "language", S_RECALL, "Armenia has recalled its ambassador from Israel."),
    ("hy", "length", S_CLASH, "Բախումները շարունակվեցին։"),
    ("hy", "punctuation", S_RECALL, "Հայաստանը հետ է կանչել Իսրայելում իր դեսպանին."),
    # Azerbaijani
    ("az", "untranslated", S_RECALL, ""),
    ("az", "identical", S_HANDLE, S_HANDLE),
    ("az", "numbers", S_DRONES,
     "Ordu 1.500 pilotsuz uçan aparat alıb, onların 80 faizi İsraildəndir."),
    ("az", "urls", S_URL, "Bəyanatın tam mətni www.mfa.am saytında dərc olunub."),
    ("az", "emails", S_EMAIL, "Suallar press@mfa.az ünvanına göndərilə bilər."),
    ("az", "handles", S_HANDLE, "Ermənistan XİN-in mətbuat katibi @Naghdalyan Twitter-də yazıb."),
    ("az", "hashtags", S_HASHTAG, "Nazirlik videoları #Artsax heşteqi ilə yayımlayıb."),
    ("az", "brackets", S_BRACKETS,
     "Barak Ravid (@BarakRavid] bu barədə cümə axşamı məlumat verib."),
    ("az", "quotes", S_QUOTES, 'Mətbuat katibi cümə axşamı satışı «qəbuledilməz" adlandırıb.'),
    ("az", "placeholders", S_NAME, "{0} İsrail silahlarının effektivliyini yüksək qiymətləndirib."),
    ("az", "glossary", S_GLOSSARY, "Yuxarı Qarabağ Azərbaycanın ərazisində yerləşir."),
    ("az", "script", S_RECALL, "Ermənistan İsraildəki сәфирини geri çağırıb."),
    ("az", "language", S_PROTEST,
     "Ermenistan, Azerbaycan'a silah satışını protesto etmek için İsrail'deki büyükelçisini "
     "geri çağırdı."),
    ("az", "length", S_CLASH, "Toqquşmalar davam edib."),
    ("az", "punctuation", S_MINISTRY, 'Nazirlik satışı "qəbuledilməz" adlandırıb.'),
    # Hebrew
    ("he", "untranslated", S_NAME, ""),
    ("he", "identical", S_CLASH, S_CLASH),
    ("he", "numbers", S_YEAR, "מאז 1949 נגורנו-קרבאך נמצאת בשליטת כוחות ארמניים אתניים."),
    ("he", "urls", S_URL, "הנוסח המלא של ההודעה פורסם בכתובת https://www.mfa.am/he/press-release/2020/10/01."),
    ("he", "emails", S_EMAIL, "ניתן לשלוח שאלות לכתובת press@mfa."),
    ("he", "handles", S_HANDLE, "דוברת משרד החוץ הארמני כתבה בטוויטר."),
    ("he", "hashtags", S_HASHTAG, "המשרד פרסם את הסרטונים עם ההאשטאג # Artsakh."),
    ("he", "brackets", S_BRACKETS, "ברק רביד (@BarakRavid)) דיווח על כך ביום חמישי."),
    ("he", "quotes", S_QUOTES, 'הדוברת כינתה ביום חמישי את המכירה "בלתי מתקבלת על הדעת.'),
    ("he", "placeholders", S_NAME, "%s שיבח את יעילות הנשק הישראלי."),
    ("he", "glossary", S_GLOSSARY, "קרבאך ההררי שוכן בתוך שטחה של אזרבייג׳ן."),
    ("he", "script", S_RECALL, "ארמניה החזירה את посла שלה מישראל."),
    ("he", "language", S_RECALL, "Armenia has recalled its ambassador from Israel."),
    ("he", "length", S_CLASH, "העימותים נמשכו."),
    ("he", "punctuation", S_IDF, 'צה"ל לא הגיב.'),
    # Inline markup of Markdown and HTML articles (translate/inline.py): each element once.
    ("ru", "inline", S_LINK_MD, "Посол был отозван во вторник."),
    ("hy", "inline", S_LINK_HTML, "Դեսպանը <em>հետ է կանչվել</em> երեքշաբթի։"),
    ("az", "inline", S_LINK_MD, "Səfir çərşənbə axşamı geri [çağırıldı][1] [çağırıldı][1]."),
    ("he", "inline", S_LINK_HTML, 'השגריר <a href="2">הוחזר</a> ביום שלישי.'),
]


def case_id(case: tuple[str, ...]) -> str:
    return f"{case[0]}-{case[1] if len(case) == 4 else case[1][:24]}"


@pytest.mark.parametrize(("lang", "source", "target"), PASSING, ids=map(case_id, PASSING))
def test_correct_translation_has_no_finding(lang, source, target, glossary):
    assert check_translation(source, target, lang, glossary=glossary) == []


@pytest.mark.parametrize(("lang", "code", "source", "target"), FAILING, ids=map(case_id, FAILING))
def test_defect_is_found_by_its_check_only(lang, code, source, target, glossary):
    findings = check_translation(source, target, lang, glossary=glossary)
    assert findings, f"{code} not found"
    assert {f.code for f in findings} == {code}, findings


@pytest.mark.parametrize(("lang", "code", "source", "target"), FAILING, ids=map(case_id, FAILING))
def test_ignoring_the_code_silences_the_defect(lang, code, source, target, glossary):
    assert check_translation(source, target, lang, glossary=glossary, ignore={code}) == []
    assert check_translation(source, target, lang, glossary=glossary, ignore={"all"}) == []


def test_every_check_has_a_failing_and_passing_case_in_every_language():
    failing = {(lang, code) for lang, code, _, _ in FAILING}
    assert failing == {(lang, code) for lang in ("ru", "hy", "az", "he") for code in CODES}
    assert {lang for lang, _, _ in PASSING} == {"ru", "hy", "az", "he"}


def test_codes_are_unique_and_named_after_their_checks():
    assert len(set(CODES)) == len(CHECKS)
    assert CODES[:3] == ("untranslated", "identical", "numbers")


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (S_YEAR, "С 1995 года Нагорный Карабах под контролем армянских сил.", [
            Finding("numbers", "the number 1994 of the source is missing"),
            Finding("numbers", "the number 1995 is not in the source", "warning"),
        ]),
        (S_HANDLE, "Пресс-секретарь МИД Армении написала в Twitter.", [
            Finding("handles", "the handle @naghdalyan is missing or changed"),
        ]),
        (S_NAME, "⟦T0⟧ высоко оценил эффективность израильского оружия.", [
            Finding("placeholders", "leftover placeholder or marker ⟦T0⟧"),
        ]),
        (S_RECALL, "Aрмения отозвала посла из Израиля.", [
            Finding("script", "the word Aрмения mixes scripts"),
        ]),
        (S_RECALL, "Вірменія відкликала свого посла з Ізраїлю.", [
            Finding("language", "not Russian: reads as Ukrainian, not Russian"),
        ]),
    ],
)
def test_messages_are_exact(source, target, expected):
    assert check_translation(source, target, "ru") == expected


@given(st.from_regex(r"[1-9]\d{0,2}(,\d{3}){0,2}(\.\d{1,2})?", fullmatch=True))
def test_number_only_target_identical_to_source_has_no_numbers_finding(number):
    for lang in ("ru", "hy", "az", "he"):
        codes = {f.code for f in check_translation(number, number, lang)}
        assert "numbers" not in codes


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["ru", "hy", "az", "he"]))
def test_number_written_in_target_convention_has_no_numbers_finding(value, lang):
    from babel.numbers import format_decimal

    source = f"The ministry counted {value:,} cases."
    target = f"{format_decimal(value, locale=lang)} ..."
    findings = check_translation(source, target, lang, ignore={"script", "language", "length"})
    assert [f for f in findings if f.code == "numbers"] == []


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_changed_number_is_always_found(value, delta):
    source = f"The ministry counted {value} cases."
    target = f"Министерство насчитало {value + delta} случаев."
    codes = [f.code for f in check_translation(source, target, "ru")]
    assert codes.count("numbers") == 2


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60))
def test_english_left_as_it_is_is_reported_as_identical_only(text):
    for lang in ("ru", "hy", "he"):
        codes = {f.code for f in check_translation(text, text, lang)}
        assert codes <= {"identical"}
        if WORD.search(strip_tokens(text)):  # words beyond handles, hashtags and URLs
            assert codes == {"identical"}


@given(st.text(max_size=40))
def test_checks_never_crash(text):
    for lang in ("ru", "hy", "az", "he"):
        assert all(f.severity in ("error", "warning") for f in check_translation(text, "x", lang))


@pytest.mark.parametrize("lang", ["ru", "hy", "az", "he"])
def test_pseudo_translation_is_one_placeholders_finding(lang):
    from translate.engine import PseudoTranslator

    target = PseudoTranslator(lang).translate([S_QUOTES])[0]
    assert target.startswith(f"⟦{lang}⟧")
    assert check_translation(S_QUOTES, target, lang) == [
        Finding("placeholders", "a pseudo-translation (⟦…⟧ markers), not a translation")]


def test_unknown_language_code_is_a_language_error():
    from translate.errors import LanguageError

    with pytest.raises(LanguageError, match="unknown language code 'xx-nope'"):
        check_translation("In 1994.", "В 1994 году.", "xx-nope")
