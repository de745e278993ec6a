"""Table-driven tests for narrate.text.normalize: what the engine gets for what the page says."""

from __future__ import annotations

from pathlib import Path

import pytest

from narrate.core.errors import InputError
from narrate.text.normalize import (
    Lexicon,
    LexiconEntry,
    LintIssue,
    NormalizeOptions,
    default_lexicon_path,
    lint,
    normalize,
)

SEED = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "data"
    / "seed"
    / "000_aa3e79220b873b39.expected.txt"
)

ENGLISH: list[tuple[str, str]] = [
    # cardinals, decimals, separators, negatives, ranges
    ("There were 5 cars.", "There were five cars."),
    ("He counted 1,000 birds.", "He counted one thousand birds."),
    (
        "About 1,234,567 people",
        "About one million two hundred and thirty-four thousand"
        " five hundred and sixty-seven people",
    ),
    ("It rose 3.5 points", "It rose three point five points"),
    ("Temperatures fell to -5 overnight", "Temperatures fell to minus five overnight"),
    ("Between 10-12 people", "Between ten to twelve people"),
    ("about 10–12 drones", "about ten to twelve drones"),
    ("0.5 of it", "zero point five of it"),
    ("a 42-year-old man", "a forty-two-year-old man"),
    ("100 soldiers", "one hundred soldiers"),
    ("1500 people came", "one thousand five hundred people came"),
    ("1999 was a good year", "nineteen ninety-nine was a good year"),
    ("Score: 7", "Score: seven"),
    # ordinals
    ("the 21st century", "the twenty-first century"),
    ("his 2nd term", "his second term"),
    ("the 3rd brigade", "the third brigade"),
    ("the 47th Mechanized Brigade", "the forty-seventh Mechanized Brigade"),
    ("the 100th day", "the one hundredth day"),
    # years and decades
    ("in 1999", "in nineteen ninety-nine"),
    ("In 2023, prices rose.", "In twenty twenty-three, prices rose."),
    ("since 1991", "since nineteen ninety-one"),
    ("in 2005", "in two thousand and five"),
    ("the 1990s", "the nineteen nineties"),
    ("the 1900s", "the nineteen hundreds"),
    ("the 2010s", "the twenty tens"),
    ("the '80s", "the eighties"),
    ("people in their 30s", "people in their thirties"),
    ("from 2014-2022", "from twenty fourteen to twenty twenty-two"),
    ("the 1939–45 war", "the nineteen thirty-nine to nineteen forty-five war"),
    ("It was 2022.", "It was twenty twenty-two."),
    # dates
    ("Reuters reported on Nov. 23.", "Reuters reported on November twenty-third."),
    ("on Nov. 21 it launched", "on November twenty-first it launched"),
    ("on 23 November 2023", "on the twenty-third of November twenty twenty-three"),
    ("on 2023-11-23", "on November twenty-third, twenty twenty-three"),
    ("on November 23, 2023, he", "on November twenty-third, twenty twenty-three, he"),
    ("by Sept. 30", "by September thirtieth"),
    ("on Feb 24 2022", "on February twenty-fourth twenty twenty-two"),
    ("in March 2022", "in March twenty twenty-two"),
    ("on 11/23/2023", "on November twenty-third, twenty twenty-three"),
    ("the 24th of February", "the twenty-fourth of February"),
    ("on Jan. 1, 2000", "on January first, two thousand"),
    ("On 5 Dec. 2023", "On the fifth of December twenty twenty-three"),
    # times
    ("at 4:32 PM", "at four thirty-two P M"),
    ("at 16:30", "at sixteen thirty"),
    ("at 16:00", "at sixteen hundred"),
    ("at 9:05 a.m. local time", "at nine oh five Eh M local time"),
    ("at 4 p.m. Then it ended.", "at four P M. Then it ended."),
    ("at 10am", "at ten Eh M"),
    ("at 7:00 pm", "at seven P M"),
    # currency
    ("It cost $250,000.", "It cost two hundred and fifty thousand dollars."),
    ("a €5m grant", "a five million euros grant"),
    ("£1.2 billion", "one point two billion pounds"),
    ("$3.50 each", "three dollars and fifty cents each"),
    ("$1 coin", "one dollar coin"),
    ("$0.99", "ninety-nine cents"),
    ("$5bn in aid", "five billion dollars in aid"),
    ("US$10 million", "ten million dollars"),
    ("$10-12 billion", "ten to twelve billion dollars"),
    ("₴500", "five hundred hryvnias"),
    ("¥1,000", "one thousand yen"),
    ("USD 5 million", "five million dollars"),
    ("$1.5 trillion", "one point five trillion dollars"),
    # percentages
    ("up 5%", "up five percent"),
    ("a 5-10% rise", "a five to ten percent rise"),
    ("12.5% of voters", "twelve point five percent of voters"),
    ("100 percent", "one hundred percent"),
    # units
    ("10 km away", "ten kilometers away"),
    ("1 km away", "one kilometer away"),
    ("5kg of flour", "five kilograms of flour"),
    ("It was 20°C", "It was twenty degrees Celsius"),
    ("-5 °C at night", "minus five degrees Celsius at night"),
    ("60 mph", "sixty miles per hour"),
    ("120 km/h", "one hundred and twenty kilometers per hour"),
    ("30 cm long", "thirty centimeters long"),
    ("a wall 5 m high", "a wall five meters high"),
    ("3 mi", "three miles"),
    ("200 lb", "two hundred pounds"),
    ("1.5 kg", "one point five kilograms"),
    ("10-15 km", "ten to fifteen kilometers"),
    ("a 90° turn", "a ninety degrees turn"),
    ("75°F", "seventy-five degrees Fahrenheit"),
    ("500 sq km", "five hundred square kilometers"),
    ("1 GW plant", "one gigawatt plant"),
    # fractions and phone-like numbers
    ("1/2 of it", "one half of it"),
    ("3/4 of them", "three quarters of them"),
    ("2/3 majority", "two thirds majority"),
    ("open 24/7", "open twenty-four seven"),
    ("Call 555-123-4567.", "Call five five five, one two three, four five six seven."),
    ("Call +1 (555) 123-4567", "Call plus one, five five five, one two three, four five six seven"),
    ("dial 020 7946 0958", "dial zero two zero, seven nine four six, zero nine five eight"),
    ("code 0800123456", "code zero eight zero zero one two three four five six"),
    ("No. 5", "number five"),
    ("the #1 seller", "the number one seller"),
    # titles and abbreviations
    ("Mr. Smith arrived", "Mister Smith arrived"),
    ("Mrs. Smith arrived", "Missus Smith arrived"),
    ("Dr. Jones said", "Doctor Jones said"),
    ("said Dr. Kim", "said Doctor Kim"),
    ("Mulholland Dr. is long", "Mulholland Drive is long"),
    ("in St. Louis", "in Saint Louis"),
    ("St. Petersburg", "Saint Petersburg"),
    ("on Main St. in town", "on Main Street in town"),
    ("He lives on Main St. Then he left.", "He lives on Main Street. Then he left."),
    ("Gen. Valerii Zaluzhnyi", "General Valerii Zaluzhnyi"),
    ("Sen. Warren", "Senator Warren"),
    ("Rep. Ocasio-Cortez", "Representative Ocasio-Cortez"),
    ("Gov. Hochul", "Governor Hochul"),
    ("Lt. Col. Smith", "Lieutenant Colonel Smith"),
    ("Prof. Ng", "Professor Ng"),
    ("Ukraine vs. Russia", "Ukraine versus Russia"),
    ("fruit, e.g. apples", "fruit, for example apples"),
    ("the capital, i.e. Kyiv", "the capital, that is Keev"),
    ("tanks, guns, etc. The war", "tanks, guns, et cetera. The war"),
    ("tanks, guns, etc., were sent", "tanks, guns, et cetera, were sent"),
    ("approx. 300 troops", "approximately three hundred troops"),
    ("Martin Luther King Jr. said", "Martin Luther King Junior said"),
    ("Apple Inc. said", "Apple Incorporated said"),
    ("Gen Z voters", "Gen Z voters"),
    # US states and datelines
    ("SPRINGFIELD, Ill. (AP) — The", "SPRINGFIELD, Illinois. Eh P. The"),
    ("in Portland, Ore., on Monday", "in Portland, Oregon, on Monday"),
    ("Austin, TX 78701", "Austin, Texas seven eight seven zero one"),
    ("from Dover, Del., said", "from Dover, Delaware, said"),
    ("Washington, D.C., is", "Washington, D C, is"),
    # acronyms
    ("U.S. military", "U S military"),
    ("sent to the U.S.", "sent to the U S."),
    ("the U.K. and U.N. said", "the U K and U N said"),
    ("the UN said", "the U N said"),
    ("the FBI raid", "the F B I raid"),
    ("resolutions (UNSCRs)", "resolutions, U N S C R's"),
    ("NATO allies", "Nato allies"),
    ("NASA launched", "Nasa launched"),
    ("UNESCO sites", "Unesco sites"),
    ("NATO's summit", "Nato's summit"),
    ("the CEOs met", "the C E O's met"),
    ("the NGOs", "the N G O's"),
    ("the XYZ group", "the X Y Z group"),
    ("the PFLP said", "the P F L P said"),
    ("the BREAKING NEWS TODAY banner", "the BREAKING NEWS TODAY banner"),
    ("AT&T", "Eh T and T"),
    ("the F-16 jets", "the F sixteen jets"),
    ("the G7 summit", "the G seven summit"),
    ("flight MH17", "flight M H seventeen"),
    ("COVID-19 cases", "Covid nineteen cases"),
    ("5G networks", "five G networks"),
    ("two Su-25s", "two Su twenty-fives"),
    ("The S&P 500 rose", "The S and P five hundred rose"),
    ("Version 2.0.1 is out", "Version two point zero point one is out"),
    ("Russia's 2022 full-scale invasion", "Russia's twenty twenty-two full-scale invasion"),
    ("the 2024 presidential race", "the twenty twenty-four presidential race"),
    ("the 9/11 attacks", "the nine eleven attacks"),
    ("The U.S.-led coalition", "The U S-led coalition"),
    # Roman numerals
    ("World War II", "World War two"),
    ("Queen Elizabeth II died", "Queen Elizabeth the Second died"),
    ("Chapter IV", "Chapter four"),
    ("Pope John Paul II", "Pope John Paul the Second"),
    ("Super Bowl LVII", "Super Bowl fifty-seven"),
    ("Henry VIII", "Henry the Eighth"),
    ("Louis XIV", "Louis the Fourteenth"),
    ("World War I began", "World War one began"),
    ("I think so", "I think so"),
    ("NEW MIX OUT NOW", "NEW MIX OUT NOW"),
    ("CIVIL WAR STORIES", "CIVIL WAR STORIES"),
    # addresses, hashtags, handles
    ("Read kyivindependent.com today", "Read kyivindependent dot com today"),
    ("See https://www.bbc.co.uk/news/world-123.", "See bbc dot co dot uk."),
    ("Mail news@example.org now", "Mail news at example dot org now"),
    ("#climate protests", "hashtag climate protests"),
    ("#StandWithUkraine", "hashtag Stand With Ukraine"),
    ("follow @nasa", "follow at nasa"),
    # symbols and pauses
    ("Tom & Jerry", "Tom and Jerry"),
    ("2 + 2 = 4", "two plus two equals four"),
    ("and/or", "and or"),
    ("Israel/Gaza war", "Israel Gaza war"),
    ("He paused... then spoke", "He paused, then spoke"),
    ("It ended… Then silence.", "It ended. Then silence."),
    ("the war — and the peace", "the war, and the peace"),
    ("the war -- and peace", "the war, and peace"),
    ("They (the agency) were", "They, the agency, were"),
    ("as noted.[1] Then", "as noted. Then"),
    ("it rose[12] sharply", "it rose sharply"),
    ("a claim[citation needed] here", "a claim here"),
    ("Acme™ and Foo®", "Acme and Foo"),
    ("he said [sic] it", "he said it"),
    ("~300 troops", "about three hundred troops"),
    ("long-range missiles", "long-range missiles"),
    ("two-way street", "two-way street"),
]

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


@pytest.mark.parametrize(("text", "spoken"), ENGLISH)
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken


@pytest.mark.parametrize(("lang", "text", "spoken"), FOREIGN)
def test_other_languages(lang: str, text: str, spoken: str) -> None:
    assert normalize(text, NormalizeOptions(lang=lang)) == spoken


def test_input_is_not_modified() -> None:
    text = "On Nov. 23 the U.S. paid $5m."
    copy = str(text)
    normalize(text)
    assert text == copy


@pytest.mark.parametrize(
    ("urls", "spoken"),
    [("domain", "Read more at kyivindependent dot com."), ("drop", "Read more at.")],
)
def test_url_options(urls: str, spoken: str) -> None:
    options = NormalizeOptions(urls=urls)  # type: ignore[arg-type]
    assert normalize("Read more at https://kyivindependent.com/news/x.", options) == spoken


def test_url_drop_email() -> None:
    options = NormalizeOptions(urls="drop")
    assert normalize("Write to tips@example.com today", options) == "Write to today"


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_lexicon_loading(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "mine.toml",
        '[words]\nZSU = "Zed Es U"\nKyiv = "Kiev"\n[regex]\n\'\\bOdesa\\b\' = "Odessa"\n',
    )
    lexicon = Lexicon.load(path)
    assert LexiconEntry("ZSU", "Zed Es U") in lexicon.entries
    options = NormalizeOptions(lexicon=lexicon)
    spoken = normalize("The ZSU left Odesa for Kyiv.", options)
    assert spoken == "The Zed Es U left Odessa for Kiev."


def test_lexicon_later_entries_win(tmp_path: Path) -> None:
    first = Lexicon.load(_write(tmp_path, "a.toml", '[words]\nFOO = "one"\n'))
    second = Lexicon.load(_write(tmp_path, "b.toml", '[words]\nFOO = "two"\n'))
    assert normalize("FOO", NormalizeOptions(lexicon=first.merged(second))) == "two"
    assert normalize("FOO", NormalizeOptions(lexicon=second.merged(first))) == "one"
    both = Lexicon.load(tmp_path / "a.toml", tmp_path / "b.toml")
    assert normalize("FOOs", NormalizeOptions(lexicon=both)) == "twos"


def test_user_lexicon_overrides_shipped(tmp_path: Path) -> None:
    mine = Lexicon.load(_write(tmp_path, "nato.toml", '[words]\nNATO = "N A T O"\n'))
    assert normalize("NATO met", NormalizeOptions(lexicon=mine)) == "N Eh T O met"


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ('[words]\nOK = "fine"\nBAD = \n', "line 3"),
        ("[words]\nNUM = 5\n", "line 2"),
        ("[regex]\n'(unclosed' = \"x\"\n", "line 2"),
        ('[other]\nX = "y"\n', "line 1"),
    ],
)
def test_broken_lexicon_raises_input_error(tmp_path: Path, body: str, line: str) -> None:
    path = _write(tmp_path, "broken.toml", body)
    with pytest.raises(InputError) as caught:
        Lexicon.load(path)
    assert str(path) in str(caught.value)
    assert line in str(caught.value)


def test_missing_lexicon_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        Lexicon.load(tmp_path / "absent.toml")


def test_default_lexicon_path() -> None:
    path = default_lexicon_path("en")
    assert path is not None
    assert path.name == "en.toml"
    assert default_lexicon_path("en-US") == path
    assert default_lexicon_path("xx") is None
    assert Lexicon.load(path).entries


def test_lint_reports_unknown_acronyms_and_mixed_tokens() -> None:
    issues = lint("The ZAPAD drills and the ZAP unit used the T-72B3 and the NATO plan.")
    tokens = {issue.token for issue in issues}
    assert {"ZAPAD", "ZAP", "T-72B3"} <= tokens
    assert "NATO" not in tokens  # in the shipped lexicon
    zapad = next(issue for issue in issues if issue.token == "ZAPAD")
    assert zapad == LintIssue("ZAPAD", "unknown acronym, read as a word", "ZAPAD")
    zap = next(issue for issue in issues if issue.token == "ZAP")
    assert zap == LintIssue("ZAP", "unknown acronym, spelled as letters", "Z Eh P")
    assert "KZ" not in {issue.token for issue in lint("the KZ unit")}  # no vowel: surely letters


def test_lint_reports_odd_symbols_and_leftover_digits() -> None:
    issues = lint("Go → there")
    assert any(issue.token == "→" and "symbol" in issue.reason for issue in issues)
    assert any(issue.token == "5" for issue in lint("5 cats", NormalizeOptions(lang="xx")))


def test_lint_is_quiet_on_plain_text() -> None:
    assert lint("The FBI said on Nov. 23 that 5 people in the U.S. paid $3.50.") == []


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
