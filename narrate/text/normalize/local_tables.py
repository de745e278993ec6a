"""Word tables for languages other than English: months, units, clock and year words.

Kept apart from the rules (local.py) so that adding a language or a unit is a
one-line change. Keys are primary language subtags. Slavic languages give
three forms (one, few, many: "километр", "километра", "километров"); the
others two (one, many).
"""

from __future__ import annotations

from typing import Final

MONTHS_LOCAL: Final[dict[str, tuple[str, ...]]] = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
    "pt": ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    # Polish and Russian dates put the month in the genitive: "3 października", "3 октября".
    "pl": ("stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
           "września", "października", "listopada", "grudnia"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
}  # fmt: skip  # a table, 8 entries packed several a line

# How a full date is said: "{day} {month} {year}" with the words each language puts between.
DATE_PATTERN: Final[dict[str, str]] = {
    "es": "{day} de {month} de {year}", "pt": "{day} de {month} de {year}",
    "pl": "{day} {month} {year} roku", "ru": "{day} {month} {year} года",
}  # fmt: skip  # a table, 4 entries packed several a line
DEFAULT_DATE_PATTERN: Final = "{day} {month} {year}"

# The hour word of a clock time ("14 h 30", "14h30"): one, many.
HOUR_WORDS: Final[dict[str, tuple[str, str]]] = {
    "fr": ("heure", "heures"), "pt": ("hora", "horas"), "es": ("hora", "horas"),
    "it": ("ora", "ore"),
}  # fmt: skip  # a table, 4 entries packed several a line

# Unit symbol -> spoken forms, per language: (one, many) or (one, few, many).
LOCAL_UNITS: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "de": {
        "km": ("Kilometer", "Kilometer"), "m": ("Meter", "Meter"), "cm": ("Zentimeter",) * 2,
        "mm": ("Millimeter",) * 2, "kg": ("Kilogramm",) * 2, "g": ("Gramm",) * 2,
        "mg": ("Milligramm",) * 2, "t": ("Tonne", "Tonnen"), "l": ("Liter",) * 2,
        "ml": ("Milliliter",) * 2, "km/h": ("Kilometer pro Stunde",) * 2,
        "m²": ("Quadratmeter",) * 2, "qm": ("Quadratmeter",) * 2, "km²": ("Quadratkilometer",) * 2,
        "ha": ("Hektar",) * 2, "°C": ("Grad Celsius",) * 2, "kW": ("Kilowatt",) * 2,
        "MW": ("Megawatt",) * 2, "kWh": ("Kilowattstunde", "Kilowattstunden"),
        "GB": ("Gigabyte",) * 2, "MB": ("Megabyte",) * 2, "Std.": ("Stunde", "Stunden"),
        "Min.": ("Minute", "Minuten"), "min": ("Minute", "Minuten"), "h": ("Stunde", "Stunden"),
    },
    "fr": {
        "km": ("kilomètre", "kilomètres"), "m": ("mètre", "mètres"),
        "cm": ("centimètre", "centimètres"), "mm": ("millimètre", "millimètres"),
        "kg": ("kilo", "kilos"), "g": ("gramme", "grammes"), "t": ("tonne", "tonnes"),
        "l": ("litre", "litres"), "km/h": ("kilomètre heure", "kilomètres heure"),
        "m²": ("mètre carré", "mètres carrés"), "km²": ("kilomètre carré", "kilomètres carrés"),
        "ha": ("hectare", "hectares"), "°C": ("degré", "degrés"), "kW": ("kilowatt", "kilowatts"),
        "MW": ("mégawatt", "mégawatts"), "kWh": ("kilowattheure", "kilowattheures"),
        "Go": ("gigaoctet", "gigaoctets"), "Mo": ("mégaoctet", "mégaoctets"),
        "min": ("minute", "minutes"),
    },
    "es": {
        "km": ("kilómetro", "kilómetros"), "m": ("metro", "metros"),
        "cm": ("centímetro", "centímetros"), "mm": ("milímetro", "milímetros"),
        "kg": ("kilo", "kilos"), "g": ("gramo", "gramos"), "t": ("tonelada", "toneladas"),
        "l": ("litro", "litros"), "km/h": ("kilómetro por hora", "kilómetros por hora"),
        "m²": ("metro cuadrado", "metros cuadrados"), "ha": ("hectárea", "hectáreas"),
        "°C": ("grado", "grados"), "kW": ("kilovatio", "kilovatios"),
        "MW": ("megavatio", "megavatios"), "kWh": ("kilovatio hora", "kilovatios hora"),
        "GB": ("gigabyte", "gigabytes"), "min": ("minuto", "minutos"),
    },
    "it": {
        "km": ("chilometro", "chilometri"), "m": ("metro", "metri"),
        "cm": ("centimetro", "centimetri"), "mm": ("millimetro", "millimetri"),
        "kg": ("chilo", "chili"), "g": ("grammo", "grammi"), "t": ("tonnellata", "tonnellate"),
        "l": ("litro", "litri"), "km/h": ("chilometro orario", "chilometri orari"),
        "m²": ("metro quadrato", "metri quadrati"), "ha": ("ettaro", "ettari"),
        "°C": ("grado", "gradi"), "kW": ("chilowatt", "chilowatt"),
        "MW": ("megawatt", "megawatt"), "kWh": ("chilowattora", "chilowattora"),
        "GB": ("gigabyte", "gigabyte"), "min": ("minuto", "minuti"),
    },
    "pt": {
        "km": ("quilômetro", "quilômetros"), "m": ("metro", "metros"),
        "cm": ("centímetro", "centímetros"), "mm": ("milímetro", "milímetros"),
        "kg": ("quilo", "quilos"), "g": ("grama", "gramas"), "t": ("tonelada", "toneladas"),
        "l": ("litro", "litros"), "km/h": ("quilômetro por hora", "quilômetros por hora"),
        "m²": ("metro quadrado", "metros quadrados"), "ha": ("hectare", "hectares"),
        "°C": ("grau", "graus"), "kW": ("quilowatt", "quilowatts"),
        "MW": ("megawatt", "megawatts"), "kWh": ("quilowatt-hora", "quilowatts-hora"),
        "GB": ("gigabyte", "gigabytes"), "min": ("minuto", "minutos"),
    },
    "nl": {
        "km": ("kilometer", "kilometer"), "m": ("meter", "meter"), "cm": ("centimeter",) * 2,
        "mm": ("millimeter",) * 2, "kg": ("kilo", "kilo"), "g": ("gram", "gram"),
        "t": ("ton", "ton"), "l": ("liter", "liter"), "km/h": ("kilometer per uur",) * 2,
        "m²": ("vierkante meter",) * 2, "ha": ("hectare",) * 2, "°C": ("graden Celsius",) * 2,
        "kW": ("kilowatt",) * 2, "MW": ("megawatt",) * 2, "kWh": ("kilowattuur",) * 2,
        "GB": ("gigabyte",) * 2, "min": ("minuut", "minuten"),
    },
    "pl": {
        "km": ("kilometr", "kilometry", "kilometrów"), "m": ("metr", "metry", "metrów"),
        "cm": ("centymetr", "centymetry", "centymetrów"),
        "mm": ("milimetr", "milimetry", "milimetrów"),
        "kg": ("kilogram", "kilogramy", "kilogramów"), "g": ("gram", "gramy", "gramów"),
        "t": ("tona", "tony", "ton"), "l": ("litr", "litry", "litrów"),
        "km/h": ("kilometr na godzinę", "kilometry na godzinę", "kilometrów na godzinę"),
        "m²": ("metr kwadratowy", "metry kwadratowe", "metrów kwadratowych"),
        "ha": ("hektar", "hektary", "hektarów"), "°C": ("stopień", "stopnie", "stopni"),
        "kW": ("kilowat", "kilowaty", "kilowatów"), "MW": ("megawat", "megawaty", "megawatów"),
        "kWh": ("kilowatogodzina", "kilowatogodziny", "kilowatogodzin"),
        "GB": ("gigabajt", "gigabajty", "gigabajtów"), "min": ("minuta", "minuty", "minut"),
        "tys.": ("tysiąc", "tysiące", "tysięcy"), "mln": ("milion", "miliony", "milionów"),
        "mld": ("miliard", "miliardy", "miliardów"),
    },
    "ru": {
        "км": ("километр", "километра", "километров"), "м": ("метр", "метра", "метров"),
        "см": ("сантиметр", "сантиметра", "сантиметров"),
        "мм": ("миллиметр", "миллиметра", "миллиметров"),
        "кг": ("килограмм", "килограмма", "килограммов"), "г": ("грамм", "грамма", "граммов"),
        "т": ("тонна", "тонны", "тонн"), "л": ("литр", "литра", "литров"),
        "км/ч": ("километр в час", "километра в час", "километров в час"),
        "м²": ("квадратный метр", "квадратных метра", "квадратных метров"),
        "га": ("гектар", "гектара", "гектаров"), "°C": ("градус", "градуса", "градусов"),
        "°": ("градус", "градуса", "градусов"), "кВт": ("киловатт", "киловатта", "киловатт"),
        "МВт": ("мегаватт", "мегаватта", "мегаватт"),
        "кВт·ч": ("киловатт-час", "киловатт-часа", "киловатт-часов"),
        "ГБ": ("гигабайт", "гигабайта", "гигабайт"), "мин": ("минута", "минуты", "минут"),
        "ч": ("час", "часа", "часов"), "тыс.": ("тысяча", "тысячи", "тысяч"),
        "млн": ("миллион", "миллиона", "миллионов"),
        "млрд": ("миллиард", "миллиарда", "миллиардов"),
    },
}  # fmt: skip  # a table, 8 entries packed several a line

# Currency names num2words lacks for a language, with the cents: (one, many, cent, cents).
CENT_WORDS: Final[dict[str, tuple[str, str]]] = {
    "pt": ("centavo", "centavos"), "es": ("céntimo", "céntimos"), "de": ("Cent", "Cent"),
    "fr": ("centime", "centimes"), "it": ("centesimo", "centesimi"), "nl": ("cent", "cent"),
}  # fmt: skip  # a table, 6 entries packed several a line

# Scale words after an amount ("3 Mio. Euro" is in the lexicon; "€3m", "3 mln zł" here):
# the English scale's name -> the language's forms.
LOCAL_SCALES: Final[dict[str, dict[str, tuple[str, ...]]]] = {
    "de": {"thousand": ("Tausend",) * 2, "million": ("Million", "Millionen"),
           "billion": ("Milliarde", "Milliarden")},
    "fr": {"thousand": ("mille",) * 2, "million": ("million", "millions"),
           "billion": ("milliard", "milliards")},
    "es": {"thousand": ("mil",) * 2, "million": ("millón", "millones"),
           "billion": ("mil millones",) * 2},
    "it": {"thousand": ("mille", "mila"), "million": ("milione", "milioni"),
           "billion": ("miliardo", "miliardi")},
    "pt": {"thousand": ("mil",) * 2, "million": ("milhão", "milhões"),
           "billion": ("bilhão", "bilhões")},
    "nl": {"thousand": ("duizend",) * 2, "million": ("miljoen",) * 2,
           "billion": ("miljard",) * 2},
    "pl": {"thousand": ("tysiąc", "tysiące", "tysięcy"),
           "million": ("milion", "miliony", "milionów"),
           "billion": ("miliard", "miliardy", "miliardów")},
    "ru": {"thousand": ("тысяча", "тысячи", "тысяч"),
           "million": ("миллион", "миллиона", "миллионов"),
           "billion": ("миллиард", "миллиарда", "миллиардов")},
}  # fmt: skip  # a table, 8 entries packed several a line
# Russian nouns of feminine gender among the units: "одна тысяча", "две тонны".
RU_FEMININE: Final = frozenset({
    "тысяча", "тысячи", "тысяч", "тонна", "тонны", "тонн", "минута", "минуты", "минут",
})  # fmt: skip  # a table, 9 entries packed several a line
