"""Sound skeletons (translate.text.skeleton): a name found whichever script a model wrote it in."""

from __future__ import annotations

import pytest

from translate.text.skeleton import consonants, same_name, skeleton


@pytest.mark.parametrize(("candidate", "name"), [
    ("Степанакерт", "Stepanakert"),
    ("Ştepənəkert", "Stepanakert"),  # the transliterating fixture, az
    ("Ստեփանակերտ", "Stepanakert"),
    ("סטפנקרט", "Stepanakert"),  # Hebrew: consonants only
    ("Əzərbəyçən", "Azərbaycan"),  # Azerbaijani c read as S
    ("Rüşıyə", "Rusiya"),
    ("Арцах", "Artsakh"),  # ts → ц
    ("Карабакх", "Karabakh"),  # kh → кх
    ("Dəğlıq Qərəbəğ", "Dağlıq Qarabağ"),
    # Persian writes few vowels too: consonants only, as for Hebrew
    ("استپانکرت", "Stepanakert"),
    ("استپاناکرت", "Stepanakert"),
    ("ترتر", "Tartar"),
    ("قره باغ", "Karabakh"),
])
def test_same_name_across_scripts(candidate, name):
    assert same_name(candidate, name)


@pytest.mark.parametrize(("candidate", "name"), [
    ("ранее", "Iran"),  # same consonants, other vowels
    ("Баку", "Iran"),
    ("Иерусалим", "Jerusalem"),  # a translation, not a transliteration
    ("Валла", "Walla"),  # one consonant: too many words share it
    ("تهران", "Iran"),  # Tehran
])
def test_other_words_do_not_sound_like_the_name(candidate, name):
    assert not same_name(candidate, name)


def test_skeleton_classes():
    assert skeleton("Stepanakert") == "STVPVNVKVRT"
    assert consonants("Nagorno-Karabakh") == "NKRNKRPK"
    assert skeleton("Russia") == skeleton("Rusiya") == "RVSV"
