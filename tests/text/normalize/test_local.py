"""Numbers, dates, times, money, units and abbreviations spoken in the article's language."""

from __future__ import annotations

import pytest

from narrate.text.normalize import NormalizeOptions, lint, normalize

SPOKEN = [
    # German: ordinals take the ending the words before them ask for
    ("de", "Am 3. Oktober 2024", "Am dritten Oktober zweitausendvierundzwanzig"),
    ("de", "Der 2. Weltkrieg", "Der zweite Weltkrieg"),
    ("de", "am 03.10.2024", "am dritten Oktober zweitausendvierundzwanzig"),
    ("de", "um 14:30 Uhr", "um vierzehn Uhr dreißig"),
    ("de", "4,50 €", "vier Euro und fünfzig Cent"),
    ("de", "30 km weit", "dreißig Kilometer weit"),
    ("de", "z. B. 3 Mio. Euro", "zum Beispiel drei Millionen Euro"),
    ("de", "im Jahr 1998", "im Jahr neunzehnhundertachtundneunzig"),
    # French
    ("fr", "le 1er mars", "le premier mars"),
    ("fr", "au XXe siècle", "au vingtième siècle"),
    ("fr", "à 14 h 30", "à quatorze heures trente"),
    ("fr", "le 2024-10-03", "le trois octobre deux mille vingt-quatre"),
    ("fr", "M. Dupont pèse 80 kg", "Monsieur Dupont pèse quatre-vingts kilos"),
    ("fr", "40 % des graines", "quarante pour cent des graines"),
    # Spanish
    ("es", "el 1.º de mayo, la 2.ª vez", "el primero de mayo, la segunda vez"),
    ("es", "el 03/10/2024", "el tres de octubre de dos mil veinticuatro"),
    ("es", "640 km", "seiscientos cuarenta kilómetros"),
    ("es", "35 € en EE. UU.", "treinta y cinco euros en Estados Unidos"),
    # Italian
    ("it", "il 1º maggio", "il primo maggio"),
    ("it", "5 kg, ecc.", "cinque chili, eccetera"),
    # Portuguese
    ("pt", "R$ 1.250,50", "mil duzentos e cinquenta reais e cinquenta centavos"),
    ("pt", "às 14h30", "às catorze horas trinta"),
    # Dutch
    ("nl", "de 1e plaats, bijv. 5 kg", "de eerste plaats, bijvoorbeeld vijf kilo"),
    ("nl", "op 2024-10-03", "op drie oktober tweeduizendvierentwintig"),
    # Polish: genitive dates, plural forms by the count
    (
        "pl",
        "3 października 2024 r.",
        "trzeciego października dwa tysiące dwudziestego czwartego roku",
    ),
    ("pl", "w 2024 roku", "w dwa tysiące dwudziestym czwartym roku"),
    ("pl", "3 mln zł", "trzy miliony złotych"),
    ("pl", "2 km i 5 km", "dwa kilometry i pięć kilometrów"),
    # Russian: cases from num2words, plural forms by the count
    ("ru", "3 октября 2024 года", "третьего октября две тысячи двадцать четвёртого года"),
    ("ru", "в 2024 году", "в две тысячи двадцать четвёртом году"),
    ("ru", "1-й раз, в 1990-х", "первый раз, в тысяча девятьсот девяностых"),
    ("ru", "21 км и 5 кг", "двадцать один километр и пять килограммов"),
    ("ru", "21 тыс. человек", "двадцать одна тысяча человек"),
    ("ru", "т. е. 300 ₽", "то есть триста рублей"),
]


@pytest.mark.parametrize(("lang", "text", "spoken"), SPOKEN)
def test_spoken_in_the_language(lang: str, text: str, spoken: str) -> None:
    assert normalize(text, NormalizeOptions(lang=lang)) == spoken


def test_english_letters_are_respelled_only_in_english() -> None:
    assert normalize("die UAE") == "die U Eh E"
    assert normalize("die UAE", NormalizeOptions(lang="de")) == "die U A E"


def test_chinese_numbers_are_left_to_the_chinese_voice() -> None:
    # num2words has no Chinese: the engine's Mandarin voice reads the digits itself
    assert normalize("一共有12台望远镜。", NormalizeOptions(lang="zh")) == "一共有12台望远镜。"


def test_lint_reports_abbreviations_the_language_lexicon_lacks() -> None:
    options = NormalizeOptions(lang="de")
    tokens = {
        issue.token: issue.reason for issue in lint("Das gilt bzgl. der Miete usw. immer.", options)
    }
    assert tokens == {"bzgl.": "abbreviation not in the lexicon"}  # usw. is in de.toml
