"""Line-level rules for page dumps: what marks a line as boilerplate, and why.

Each rule looks at the shape of one line (and its neighbours in the same
group), not at one site's wording: photo credits '(Name / Agency)', timestamps
and tickers, related-article cards, truncated teasers, form and newsletter
text. The few phrase lists are short and multilingual on purpose.
"""

from __future__ import annotations

import functools
import re

from narrate.text.extract.dates import MONTHS, has_date
from narrate.text.extract.notes import CREDIT
from narrate.text.extract.pagecopy.lines import Line
from narrate.text.extract.words import WORD

# Times, dates and 'n hours ago' tickers.
TIMESTAMP = re.compile(
    r"^(?:\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d+\s*(?:min|mins|minutes?|hours?|hrs?|days?|weeks?"
    r"|months?|jam|menit|hari|horas?|dias?|minutos?|час\w*|мин\w*|дн\w*|분|시간|일|分|時間|日)"
    r"(?:\s+\w+)?|(?:updated|published|posted|atualizado|publicado|diperbarui|veröffentlicht|aktualisiert"
    r"|erstellt|geändert|publié|mis à jour|actualizado|pubblicato|aggiornato|opublikowano)\b.*"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:\s.*)?)$",
    re.IGNORECASE,
)
# Forms, newsletters, sharing and ads, in the languages the pages come in.
FORM_WORDS = re.compile(
    r"\b(?:subscribe|subscription|newsletter|sign up|sign in|log in|email address|"
    r"required|advertisement|sponsored|share this|follow us|read more|related|"
    r"comments?|reply|cookies?|all rights reserved|"
    r"assine|inscreva|publicidade|compartilh\w*|leia (?:também|mais)|coment\w+|"
    r"berlangganan|baca juga|iklan|bagikan|komentar|"
    r"suscr[ií]b\w*|publicidad|"
    r"abonnieren|anzeige|werbung|kommentar\w*|kommentier\w*|registrieren|anmelden|abmelden|"
    r"einloggen|e-mail-adresse|erforderlich|pflichtfeld|gesponsert|folgen sie uns|folge uns|"
    r"(?:artikel|beitrag|seite|jetzt) teilen|teilen mit|sharen|weiterlesen|ähnliche beiträge|"
    r"verwandte (?:artikel|beiträge)|antworten|alle rechte vorbehalten|"
    r"abonnez-vous|s'abonner|inscrivez-vous|se connecter|obligatoire|publicité|partager|"
    r"suivez-nous|lire la suite|commentaires?|répondre|tous droits réservés|"
    r"regístrate|iniciar sesión|obligatorio|patrocinado|compartir|síguenos|leer más|"
    r"comentarios?|todos los derechos reservados|"
    r"iscriviti|pubblicità|commenti|accedi|condividi|seguici|leggi anche|tutti i diritti riservati|"
    r"zaloguj|udostępnij|czytaj (?:też|także|więcej)|komentarz\w*|wszelkie prawa zastrzeżone|"
    r"подпис\w*|реклама|комментар\w*|читайте также|"
    r"구독|광고|댓글|購読|広告|コメント|関連記事)\b",
    re.IGNORECASE,
)
# Headings of the other-stories boxes that follow an article ('You may also like', 'Most read').
# Not 'Read more' or 'Related': those boxes also sit inside articles.
MORE_STORIES = re.compile(
    r"^(?:you (?:may|might) (?:also )?(?:like|enjoy)|more (?:from|stories|articles|news)\b.*"
    r"|most (?:read|popular|viewed|shared)\b.*|recommended for you|what to read next"
    r"|você (?:também )?pode gostar|mais lidas|veja mais|te puede interesar|lo más leído"
    r"|artikel terkait|berita terkait|terpopuler|das könnte (?:sie|dich) auch interessieren"
    r"|meistgelesen|weitere artikel|ti potrebbe interessare|potrebbe interessarti|più lett[ie]"
    r"|самое популярное|другие новости|популярное|вам может понравиться"
    r"|많이 본 (?:뉴스|기사)|추천 기사|人気記事|おすすめ記事|あわせて読みたい)"
    r"\s*(?:[.:…»›>]+)?$",
    re.IGNORECASE,
)
# A pitch for a newsletter, an e-book or an app: what an article's last lines must not be.
# 'app' alone ('Get the latest news on your phone with the … app', 'Hol dir die App'):
# over all copies it cut two closing lines, both pitches or app-store small print, and
# no article's own last line (docs/benchmarks.md, thresholds).
PITCH = re.compile(
    r"\b(?:newsletters?|subscribe|sign up|(?:your|seu|sua|tu|votre|ihre?) e-?mail|inscreva|assine|"
    r"receba|suscr[ií]bete|apps?|berlangganan|abonnieren|iscriviti|подпишитесь|구독하기|購読)\b",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^(?:by|por|oleh|von|di|par|door|автор[ы]?:?|texto|reportagem)\s+\S", re.I)
ELLIPSIS = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")


def is_byline(line: Line) -> bool:
    """'By Jane Roe', 'Por Ana Lima | 5 de maio': short, not a sentence starting with 'By'."""
    return line.words <= 15 and not line.text.endswith(".") and bool(BYLINE.match(line.text))


def is_prose(line: Line) -> bool:
    """A line that reads as running text: long enough and shaped like sentences."""
    if line.words >= 10 and line.ends_sentence:
        return True
    if line.words >= 20:  # long paragraphs sometimes lose their final stop
        return line.has_clause and not is_truncated(line)
    return line.words >= 5 and line.ends_sentence and not line.text.endswith(":")


def is_more_stories(line: Line) -> bool:
    """The heading of a box of other stories, which ends an article."""
    return line.words <= 8 and bool(MORE_STORIES.match(line.text))


def is_pitch(line: Line) -> bool:
    """A short paragraph asking the reader to subscribe, sign up or download."""
    return line.words <= 60 and bool(PITCH.search(line.text))


def is_credit(line: Line) -> bool:
    return line.words <= 40 and _credit(line.text)


def is_timestamp(line: Line) -> bool:
    """A time, date or 'n hours ago' on a line of its own (or with a name or two), or a
    longer line that is mostly dates and times (`_mostly_dates`)."""
    if line.words > 10 or (line.words > 6 and line.text.endswith(".")):
        return (line.words <= 8 and _time(line.text)) or _mostly_dates(line)
    return _time_or_date(line.text) if line.words <= 8 else _date(line.text)


def is_form_text(line: Line) -> bool:
    """Short lines that belong to a form, share bar, newsletter box or ad slot."""
    return line.words <= 14 and _form(line.text)


# The line model's features ask the same questions of every line as the body rules
# do: the answers depend on the text alone, so they are kept for the page's lines.
_SEEN = 4096


@functools.lru_cache(maxsize=_SEEN)
def _credit(text: str) -> bool:
    return bool(CREDIT.search(text))


@functools.lru_cache(maxsize=_SEEN)
def _form(text: str) -> bool:
    return bool(FORM_WORDS.search(text))


def _time(text: str) -> bool:
    return bool(TIMESTAMP.match(text))


@functools.lru_cache(maxsize=_SEEN)
def _date(text: str) -> bool:
    return has_date(text)


@functools.lru_cache(maxsize=_SEEN)
def _time_or_date(text: str) -> bool:
    return _time(text) or has_date(text)


_DATELINE_MAX_WORDS = 16
_DATE_SHARE = 0.6


def _mostly_dates(line: Line) -> bool:
    """A longer date line: 'Pubblicato il 19 Febbraio 2020 Ultima modifica 19 Febbraio 2020
    12:02', half of it numbers and month names, and no sentence."""
    if line.words > _DATELINE_MAX_WORDS or line.ends_sentence or not _date(line.text):
        return False
    tokens = WORD.findall(line.text)
    dated = sum(1 for t in tokens if t.isdigit() or t.casefold() in MONTHS)
    return dated >= _DATE_SHARE * len(tokens)


def is_truncated(line: Line) -> bool:
    """A teaser or cut paragraph: ends in an ellipsis (full paragraphs rarely do)."""
    return bool(ELLIPSIS.search(line.text))


def is_headline_like(line: Line) -> bool:
    """A short label that could be a headline or subheading (no final full stop)."""
    text = line.text
    return (
        1 <= line.words <= 20
        and not text.endswith((".", ",", ";", "…"))
        and not (is_timestamp(line) or is_credit(line))
    )


def is_shouted(line: Line) -> bool:
    """A whole line in capitals: a 'READ MORE ON ...' link or promo, not a sentence."""
    if line.words < 5 or line.text.upper() != line.text:  # a lower-case letter: not shouted
        return False
    letters = [ch for ch in line.text if ch.isalpha()]
    return line.words >= 5 and len(letters) >= 15 and all(ch.isupper() for ch in letters)


# A row of buttons: a block whose lines end in one and the same note in brackets ('Share on
# Facebook (Opens in new window)', 'Klicken zum Ausdrucken (Wird in neuem Fenster
# geöffnet)'), a blog's share box; its lines end like sentences, so the body read them.
# Never an article's text on dev or dev-phrases (docs/benchmarks.md, thresholds).
_BUTTON_NOTE = re.compile(r"\((?=[^()]*[^\W\d_])[^()]{3,}\)$")  # words, not (...)
_BUTTONS = (3, 12)  # lines with the same note in one block, at least half of it; a row's size


def is_button(line: Line, lines: list[Line]) -> bool:
    """A line of a row of buttons (see _BUTTON_NOTE)."""
    low, high = _BUTTONS
    note = _BUTTON_NOTE.search(line.text)
    if note is None or not low <= line.group_size <= high:
        return False
    group = lines[line.index - line.group_pos :][: line.group_size]
    same = sum(other.text.endswith(note.group(0)) for other in group)
    return same >= low and 2 * same >= len(group)


def is_table_row(line: Line) -> bool:
    """A row of a standings/results table: several cells, many of them numbers."""
    return line.words >= 3 and line.digits >= 0.12 and not is_timestamp(line)
