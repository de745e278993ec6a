"""Word tables for normalisation: abbreviations, months, states, units, currencies.

Kept apart from the rules so that adding a word is a one-line change and the
rules stay readable. English tables unless the name says otherwise.
"""

from __future__ import annotations

from typing import Final

MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip  # a table, 12 entries packed several a line

# Abbreviated month -> full name; read only next to a day number or year.
MONTH_ABBREVIATIONS: Final[dict[str, str]] = {
    "Jan": "January", "Feb": "February", "Mar": "March", "Apr": "April",
    "Jun": "June", "Jul": "July", "Aug": "August", "Sep": "September",
    "Sept": "September", "Oct": "October", "Nov": "November", "Dec": "December",
}  # fmt: skip  # a table, 12 entries packed several a line

# Titles read as a word only before a capitalised name ("Gen. Smith").
TITLES: Final[dict[str, str]] = {
    "Mr": "Mister", "Mrs": "Missus", "Ms": "Miz", "Dr": "Doctor", "Prof": "Professor",
    "Gen": "General", "Sen": "Senator", "Rep": "Representative", "Gov": "Governor",
    "Lt": "Lieutenant", "Col": "Colonel", "Capt": "Captain", "Sgt": "Sergeant",
    "Maj": "Major", "Adm": "Admiral", "Cmdr": "Commander", "Pres": "President",
    "Rev": "Reverend", "Fr": "Father", "Hon": "Honorable", "Amb": "Ambassador",
    "Supt": "Superintendent", "Cpl": "Corporal", "Pvt": "Private", "Mt": "Mount",
    "Ft": "Fort",
}  # fmt: skip  # a table, 26 entries packed several a line

# Words after a capitalised name ("Main St.", "Elm Ave.").
STREET_WORDS: Final[dict[str, str]] = {
    "St": "Street", "Ave": "Avenue", "Blvd": "Boulevard", "Rd": "Road", "Dr": "Drive",
    "Ln": "Lane", "Ct": "Court", "Pl": "Place", "Sq": "Square", "Hwy": "Highway",
    "Jr": "Junior", "Sr": "Senior", "Inc": "Incorporated", "Ltd": "Limited",
    "Corp": "Corporation", "Co": "Company", "Bros": "Brothers",
}  # fmt: skip  # a table, 17 entries packed several a line

# Abbreviations whose reading does not depend on their neighbours.
PLAIN_ABBREVIATIONS: Final[dict[str, str]] = {
    "vs.": "versus", "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera",
    "approx.": "approximately", "incl.": "including", "excl.": "excluding",
    "cf.": "compare", "ca.": "circa", "esp.": "especially", "dept.": "department",
    "Dept.": "Department", "Univ.": "University", "Ph.D.": "P H D", "a.k.a.": "also known as",
    "w/": "with", "govt.": "government", "Govt.": "Government", "min.": "minimum",
    "max.": "maximum", "est.": "established", "Est.": "established",
}  # fmt: skip  # a table, 22 entries packed several a line

# Read as "number", "page", ... only before a digit ("No. 5", "p. 12").
BEFORE_NUMBER: Final[dict[str, str]] = {
    "No": "number", "Nos": "numbers", "no": "number", "nos": "numbers", "p": "page",
    "pp": "pages", "Fig": "figure", "fig": "figure", "Vol": "volume", "vol": "volume",
    "Ch": "chapter", "ch": "chapter", "Art": "article", "Sec": "section", "sec": "section",
    "Nr": "number", "Pt": "part", "pt": "part", "Ep": "episode", "ep": "episode",
}  # fmt: skip  # a table, 20 entries packed several a line

# AP-style state abbreviations, read only after "City, " (addresses, datelines).
AP_STATES: Final[dict[str, str]] = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas",
    "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska",
    "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico",
    "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
    "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "R.I.": "Rhode Island",
    "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
    "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip  # a table, 44 entries packed several a line

POSTAL_STATES: Final[dict[str, str]] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida",
    "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana",
    "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine",
    "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska",
    "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico",
    "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio",
    "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "D C",
}  # fmt: skip  # a table, 51 entries packed several a line

# Unit after a number -> (singular, plural).
UNITS: Final[dict[str, tuple[str, str]]] = {
    "km": ("kilometer", "kilometers"), "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"), "mm": ("millimeter", "millimeters"),
    "mi": ("mile", "miles"), "ft": ("foot", "feet"), "yd": ("yard", "yards"),
    "kg": ("kilogram", "kilograms"), "g": ("gram", "grams"), "mg": ("milligram", "milligrams"),
    "lb": ("pound", "pounds"), "lbs": ("pound", "pounds"), "oz": ("ounce", "ounces"),
    "t": ("tonne", "tonnes"), "l": ("liter", "liters"), "L": ("liter", "liters"),
    "ml": ("milliliter", "milliliters"), "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "°C": ("degree Celsius", "degrees Celsius"), "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "ºC": ("degree Celsius", "degrees Celsius"), "ºF": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"), "sq km": ("square kilometer", "square kilometers"),
    "km2": ("square kilometer", "square kilometers"),
    "km²": ("square kilometer", "square kilometers"), "m²": ("square meter", "square meters"),
    "ha": ("hectare", "hectares"), "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"), "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"), "MWh": ("megawatt hour", "megawatt hours"),
    "Hz": ("hertz", "hertz"), "kHz": ("kilohertz", "kilohertz"), "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"), "KB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"), "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"), "hr": ("hour", "hours"), "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"), "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"), "ms": ("millisecond", "milliseconds"),
    "bn": ("billion", "billion"), "mln": ("million", "million"),
}  # fmt: skip  # a table, 51 entries packed several a line

# Currency sign or code -> (ISO code, English singular, plural, cent singular, plural).
CURRENCY_SIGNS: Final[dict[str, str]] = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "₽": "RUB", "₴": "UAH", "R$": "BRL", "₩": "KRW", "C$": "CAD", "A$": "AUD",
    "Rp": "IDR", "CHF": "CHF", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "UAH": "UAH", "RUB": "RUB",
    "zł": "PLN", "PLN": "PLN",
}  # fmt: skip  # a table, 21 entries packed several a line
CURRENCY_NAMES: Final[dict[str, tuple[str, str, str, str]]] = {
    "USD": ("dollar", "dollars", "cent", "cents"),
    "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "JPY": ("yen", "yen", "sen", "sen"),
    "INR": ("rupee", "rupees", "paisa", "paise"),
    "RUB": ("ruble", "rubles", "kopek", "kopeks"),
    "UAH": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
    "BRL": ("real", "reais", "centavo", "centavos"),
    "KRW": ("won", "won", "jeon", "jeon"),
    "CHF": ("Swiss franc", "Swiss francs", "rappen", "rappen"),
    "PLN": ("zloty", "zlotys", "grosz", "groszy"),
}
# Currency names num2words lacks: (language, code) -> (singular, plural).
LOCAL_CURRENCY_NAMES: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("pt", "BRL"): ("real", "reais"), ("es", "BRL"): ("real", "reales"),
    ("id", "IDR"): ("rupiah", "rupiah"), ("id", "USD"): ("dolar", "dolar"),
    ("id", "EUR"): ("euro", "euro"), ("pt", "UAH"): ("grívnia", "grívnias"),
    ("de", "UAH"): ("Hrywnja", "Hrywnja"),
}  # fmt: skip  # a table, 7 entries packed several a line
# Scale words written after an amount ("$5m", "€1.2 billion").
SCALES: Final[dict[str, str]] = {
    "k": "thousand", "K": "thousand", "m": "million", "M": "million", "mn": "million",
    "mln": "million", "bn": "billion", "b": "billion", "B": "billion", "tn": "trillion",
    "thousand": "thousand", "million": "million", "billion": "billion", "trillion": "trillion",
}  # fmt: skip  # a table, 14 entries packed several a line

FRACTIONS: Final[dict[int, tuple[str, str]]] = {
    2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"),
    5: ("fifth", "fifths"), 6: ("sixth", "sixths"), 8: ("eighth", "eighths"),
    10: ("tenth", "tenths"),
}  # fmt: skip  # a table, 7 entries packed several a line

# Per-language words used around numbers and symbols (primary subtag -> word).
RANGE_WORD: Final[dict[str, str]] = {
    "en": "to", "pt": "a", "es": "a", "fr": "à", "it": "a", "de": "bis", "nl": "tot",
    "id": "sampai", "ru": "—", "uk": "—", "pl": "—",
}  # fmt: skip  # a table, 11 entries packed several a line
PERCENT_WORD: Final[dict[str, str]] = {
    "en": "percent", "pt": "por cento", "es": "por ciento", "fr": "pour cent",
    "it": "per cento", "de": "Prozent", "nl": "procent", "id": "persen",
    "ru": "процентов", "uk": "відсотків", "pl": "procent",
}  # fmt: skip  # a table, 11 entries packed several a line
DOT_WORD: Final[dict[str, str]] = {
    "en": "dot", "pt": "ponto", "es": "punto", "fr": "point", "it": "punto", "de": "Punkt",
    "nl": "punt", "id": "titik", "ru": "точка", "uk": "крапка",
}  # fmt: skip  # a table, 10 entries packed several a line
AT_WORD: Final[dict[str, str]] = {
    "en": "at", "pt": "arroba", "es": "arroba", "fr": "arobase", "it": "chiocciola",
    "de": "at", "id": "at", "ru": "собака", "uk": "равлик",
}  # fmt: skip  # a table, 9 entries packed several a line
HASHTAG_WORD: Final[dict[str, str]] = {"en": "hashtag", "pt": "hashtag", "de": "Hashtag"}
AND_WORD: Final[dict[str, str]] = {
    "en": "and", "pt": "e", "es": "y", "fr": "et", "it": "e", "de": "und", "nl": "en",
    "id": "dan", "ru": "и", "uk": "і",
}  # fmt: skip  # a table, 10 entries packed several a line
PLUS_WORD: Final[dict[str, str]] = {
    "en": "plus", "pt": "mais", "es": "más", "fr": "plus", "de": "plus", "id": "plus",
    "ru": "плюс", "uk": "плюс",
}  # fmt: skip  # a table, 8 entries packed several a line
