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


# '>> Mehr lesen: …', '» Coluna de …': a page marks a link to another of its pages with
# '>>' or '»' and a space. A German quotation opens with '»' and no space ('»Wir …«').
# Across all 382 copies it dropped only such links (docs/benchmarks.md, thresholds).
_LINK_MARK = re.compile(r"^(?:>>|»)\s")
_LINK_MAX_WORDS = 25


def is_marked_link(line: Line) -> bool:
    """A line the page marks as a link to one of its other pages ('>> Read more: …')."""
    return line.words <= _LINK_MAX_WORDS and bool(_LINK_MARK.match(line.text))


# A label over the article's tags, alone on its line ('Tags', 'Schlagwörter', 'Etiquetas').
# Not 'Topics' ('Themen', 'Temas'): sites head menus and sections with it.
_TAGS_LABEL = re.compile(
    r"^(?:tags?|schlagw[öo]rte?r?|stichw[öo]rte?r?|etiquetas|mots[- ]cl[ée]s|palavras[- ]chave"
    r"|tagi|tagit|taggar|trefwoorden|теги|метки)\s*:?$",
    re.IGNORECASE,
)


def is_tag_list(line: Line, lines: list[Line]) -> bool:
    """The line under a tags label standing alone in its block: the article's tags, which
    the page copies as one run of words ('Kirche Religion Essen (Stadt)')."""
    if line.index == 0 or line.group_pos != 0:
        return False
    label = lines[line.index - 1]
    return label.group_size == 1 and bool(_TAGS_LABEL.match(label.text))


# A link to a file: its size in brackets ('(PDF, 298KB)', 'mp3 (30 MB)') or a line naming
# the format it is in ('Pressemitteilung als PDF'). Over all copies and the dev truth,
# no article line has this shape (docs/benchmarks.md, thresholds).
_FILE_SIZE = re.compile(
    r"\(\s*(?:(?:pdf|docx?|xlsx?|pptx?|odt|mp3|mp4|m4a|zip|epub)[,;]?\s*)?[\d.,]+\s*[kmg]i?b\s*\)",
    re.IGNORECASE,
)
_AS_FILE = re.compile(r"\b(?:als|as|en|em|in|jako|come)\s+pdf$", re.IGNORECASE)
_FILE_LINK_WORDS = 12


def is_file_link(line: Line) -> bool:
    """A link to download a file ('Messengerdienste … (PDF, 298KB)', 'Download: mp3 (30 MB)',
    'Pressemitteilung als PDF'), not a sentence of the text."""
    if line.words > _FILE_LINK_WORDS or line.text.endswith("."):
        return False
    return bool(_FILE_SIZE.search(line.text) or _AS_FILE.search(line.text))


# A caption with its picture's credit after its last sentence: a name in brackets
# ('… Mujeres Populares. (Teresa Canino Rivera)', two to four capitalised words and
# nothing else; '(Quelle: SWR)' after a paragraph names its source, and is read), or the
# credit's word and a name ('… in Las Croabas. By U.S. CUSTOMS AND BORDER PROTECTION',
# '… Photo by David Dyer-Bennet.', one to six capitalised words), or an agency and its
# photographer joined by a slash ('… November 18, 2019. REUTERS/Brendan McDermid',
# '… Matthias Mitzscherlich.DCV / Oppitz').
_CREDIT_AFTER = re.compile(r"[.!?]\s*\(([^()\d:/]{3,60})\)$")
_CREDIT_WORDS = (2, 4)
_CREDITED_BY = re.compile(
    r"[.!?”\"]\s+(?:by|por|von|par|door|di|photo(?: by)?|foto(?: von| de| di)?|bild)\b:?"
    r"((?:\s+[^\W\d_][\w’.&-]*){1,6})\.?$",
    re.IGNORECASE,
)
_CREDIT_SLASH = re.compile(
    r"[.!?”\"]\s*([^\W\d_][\w.&-]*(?:\s[^\W\d_][\w.&-]*)?\s?/\s?[^\W\d_][\w.-]*"
    r"(?:\s[^\W\d_][\w.-]*){0,2})$"
)
_CREDITED_CAPTION_WORDS = 40  # longer, it is a paragraph


def is_credited_caption(line: Line) -> bool:
    """A caption that ends with its picture's credit: a name after its last sentence, in
    brackets, after 'By', 'Foto', 'Photo by', or an agency's and a name with a slash."""
    if line.words > _CREDITED_CAPTION_WORDS:
        return False
    if found := _CREDIT_AFTER.search(line.text):
        names = found[1].split()
        low, high = _CREDIT_WORDS
        return low <= len(names) <= high and _capitalised(names)
    found = _CREDITED_BY.search(line.text) or _CREDIT_SLASH.search(line.text)
    return found is not None and _capitalised(found[1].replace("/", " ").split())


def _capitalised(names: list[str]) -> bool:
    return all(name[:1].isupper() for name in names)


# A newsletter box copied as one line, its pitch and then its button: '… never miss our
# top stories Free Sign Up'. A sentence does not end on the button's words.
_SIGN_UP_BUTTON = re.compile(
    r"\b(?:sign up|subscribe(?: now)?|(?:jetzt )?(?:anmelden|abonnieren|registrieren)"
    r"|suscr[ií]bete|suscribirme|inscreva-se|assine|s'inscrire|je m'abonne|iscriviti"
    r"|zapisz się|subskrybuj)$",
    re.IGNORECASE,
)
_SIGN_UP_BOX_WORDS = 40


def is_sign_up_box(line: Line) -> bool:
    """A newsletter box run into one line: a pitch that ends on its button's words."""
    return line.words <= _SIGN_UP_BOX_WORDS and bool(_SIGN_UP_BUTTON.search(line.text))


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
