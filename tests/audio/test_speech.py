"""The file's one gain: the voice's reference is kept when the article is close to it."""

from __future__ import annotations

from narrate.audio.speech import GAIN_TOLERANCE_DB, REFERENCE_PASSAGE, choose_gain, sentence_keys
from narrate.core.models import Article, Script, Segment, Sentence


def test_the_reference_gain_is_kept_when_close() -> None:
    assert choose_gain(3.4, 3.0) == 3.0
    assert choose_gain(3.0 + GAIN_TOLERANCE_DB + 0.25, 3.0) == 3.0 + GAIN_TOLERANCE_DB + 0.25
    assert choose_gain(-2.0, 3.0) == -2.0


def test_sentence_keys_follow_voice_and_text() -> None:
    article = Article(title="T", blocks=(), language="en", source="x.html")
    sentences = (Sentence("A.", "A."), Sentence("B.", "B."))
    segment = Segment(0, "paragraph", "A. B.", "A. B.", 0, 500, sentences, 250)
    script = Script(article, (segment,), ())
    keys = sentence_keys(script, [{"id": "gmw/en-us", "rate": 175}])
    assert len(keys) == 1
    assert len(set(keys[0])) == 2
    assert keys == sentence_keys(script, [{"id": "gmw/en-us", "rate": 175}])
    assert keys != sentence_keys(script, [{"id": "gmw/en-us", "rate": 200}])


def test_the_reference_passage_is_whole_sentences() -> None:
    assert all(s.endswith(".") and s[0].isupper() for s in REFERENCE_PASSAGE)
