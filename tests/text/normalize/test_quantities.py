"""Money, percentages and units, as the engine gets them."""

from __future__ import annotations

import pytest

from narrate.text.normalize import normalize

CASES: list[tuple[str, str]] = [
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
]


@pytest.mark.parametrize(("text", "spoken"), CASES)
def test_english(text: str, spoken: str) -> None:
    assert normalize(text) == spoken
