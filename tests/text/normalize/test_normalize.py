"""The whole normaliser: other languages, the input left alone, and the seed read cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.text.normalize import (
    NormalizeOptions,
    normalize,
)

SEED = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "data"
    / "seed"
    / "000_aa3e79220b873b39.expected.txt"
)

FOREIGN: list[tuple[str, str, str]] = [
    ("pt-BR", "São 1.000 pessoas", "São mil pessoas"),
    ("pt-BR", "Custa 2,5 reais", "Custa dois vírgula cinco reais"),
    ("pt-BR", "R$ 1.000", "mil reais"),
    ("pt-BR", "subiu 10%", "subiu dez por cento"),
    ("pt-BR", "o 1º lugar", "o primeiro lugar"),
    ("pt-BR", "de 10-12 dias", "de dez a doze dias"),
    ("pt", "21 dias", "vinte e um dias"),
    ("ru", "1 000 человек", "одна тысяча человек"),
    ("ru", "2,5 процента", "две целых пять десятых процента"),
    ("ru", "в 2023 году", "в две тысячи двадцать третьем году"),
    ("ru", "-3 градуса", "минус три градуса"),
    ("ru", "100 ₽", "сто рублей"),
    ("id", "1.500 orang", "seribu lima ratus orang"),
    ("id", "2,5 persen", "dua koma lima persen"),
    ("id", "naik 10%", "naik sepuluh persen"),
    ("id", "Rp 5.000", "lima ribu rupiah"),
    ("de", "1.000 Menschen", "eintausend Menschen"),
    ("de", "2,5 Prozent", "zwei Komma fünf Prozent"),
    ("de", "5 €", "fünf Euro"),
    ("de", "10-12 Tage", "zehn bis zwölf Tage"),
    ("de", "12,5 %", "zwölf Komma fünf Prozent"),
    ("fr", "1 000 personnes", "mille personnes"),
    ("es", "3,5 millones", "tres punto cinco millones"),
    ("de", "um 16:30", "um sechzehn dreißig"),
    ("ru", "Читайте meduza.io", "Читайте meduza точка io"),
    ("xx", "there are 5 cats", "there are 5 cats"),
]


@pytest.mark.parametrize(("lang", "text", "spoken"), FOREIGN)
def test_other_languages(lang: str, text: str, spoken: str) -> None:
    assert normalize(text, NormalizeOptions(lang=lang)) == spoken


def test_input_is_not_modified() -> None:
    text = "On Nov. 23 the U.S. paid $5m."
    copy = str(text)
    normalize(text)
    assert text == copy


@pytest.mark.skipif(
    not SEED.exists(),
    reason=f"{SEED} is missing: shared data lives beside the checkout",
)
def test_seed_article_reads_cleanly() -> None:
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    spoken = [normalize(line) for line in lines]
    for line in spoken:
        assert not any(ch.isdigit() for ch in line), line
        assert "Nov." not in line
        assert "U.S." not in line
        assert "(" not in line
    text = "\n".join(spoken)
    assert "U N S C R's" in text  # espeak-ng reads "Rs" as "R S"
    assert "UNSCRs" not in text
    assert "Reuters reported on November twenty-third." in text
    assert "launch on November twenty-first was" in text
    assert "images of U S military facilities" in text
    assert '"They, the intelligence agency, were not' in text
    assert "According to U S State Secretary" in text
