from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.clean import Cleaner
from newsevents.errors import NotEnglish
from newsevents.model import Article

TEXT = (
    "Rebels Seize Northern Town\n\n"
    "Rebels Seize Northern Town\n\n"
    "By Amina Koné\n\n"
    "Rebels seized the northern town of Kidal on Monday after two days of fighting, "
    "residents said. The army said it would retake the town.\n\n"
    "COMMENTS\n\n"
    "Please log in to comment.\n"
)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def test_clean_masks_repeated_title_byline_and_trailer(cleaner: Cleaner) -> None:
    article = Article(id="t", text=TEXT, title="Rebels Seize Northern Town")
    cleaned = cleaner.clean(article)
    assert len(cleaned.text) == len(TEXT)
    reasons = [reason for _, _, reason in cleaned.removed]
    assert reasons == ["repeated title", "byline", "trailing page furniture"]
    assert cleaned.text.startswith("Rebels Seize Northern Town\n")
    assert "Amina" not in cleaned.text and "COMMENTS" not in cleaned.text
    body = TEXT.index("Rebels seized")
    assert cleaned.text[body : body + 40] == TEXT[body : body + 40]
    assert cleaned.language == "en"


def test_clean_rejects_non_english(cleaner: Cleaner) -> None:
    text = (
        "Le gouvernement malien a annoncé mardi la fermeture de la frontière avec "
        "l'Algérie, après des affrontements entre l'armée et des groupes armés dans "
        "le nord du pays, selon un communiqué officiel publié à Bamako."
    )
    with pytest.raises(NotEnglish) as info:
        cleaner.clean(Article(id="fr", text=text))
    assert info.value.code == "NE104"
    assert info.value.language == "fr"
    assert "[NE104]" in str(info.value)


def test_clean_keeps_short_english_sentence(cleaner: Cleaner) -> None:
    cleaned = cleaner.clean(Article(id="s", text="Police arrested ten protesters in Lagos."))
    assert cleaned.removed == ()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_clean_never_moves_a_character(text: str) -> None:
    cleaned = Cleaner(check_language=False).clean(Article(id="p", text=text or " "))
    original = text or " "
    assert len(cleaned.text) == len(original)
    for before, after in zip(original, cleaned.text, strict=True):
        assert after == before or after == " "
