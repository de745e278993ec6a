"""Lines that are page furniture by their own shape, wherever they stand in the body.

A page copy runs into the article's text the pieces of the page set beside it: a link
to another page, a tags line, a file to download, a picture's caption with its credit,
a newsletter box. Each has a shape no paragraph of an article has: a mark before a
link, a label above, a file's size, a name after the last sentence, a button's words
at the end. Each rule was kept only when no site half of either data set lost, and its
row in docs/benchmarks.md ("Extraction rules and thresholds") gives the figures.
"""

from __future__ import annotations

import re

from narrate.text.extract.notes import is_download
from narrate.text.extract.pagecopy.lines import Line
from narrate.text.extract.words import SENTENCE_END

# '>> Mehr lesen: …', '» Coluna de …': a page marks a link to another of its pages with
# '>>' or '»' and a space. A German quotation opens with '»' and no space ('»Wir …«').
# Across all 382 copies it dropped only such links (docs/benchmarks.md, thresholds).
_LINK_MARK = re.compile(r"^(?:>>|»)\s")
_LINK_MAX_WORDS = 25


def is_marked_link(line: Line) -> bool:
    """A line the page marks as a link to one of its other pages ('>> Read more: …')."""
    return line.words <= _LINK_MAX_WORDS and bool(_LINK_MARK.match(line.text))


# A label over the article's tags, alone on its line ('Tags', 'Schlagwörter', 'Etiquetas'):
# plurals only. Not 'Topics' ('Themen', 'Temas'): sites head menus and sections with it;
# not 'Stichwort' or 'Tag': a glossary box ('Stichwort: …') and a day ('Tag 3').
_TAGS_LABEL = re.compile(
    r"^(?:tags|schlagw(?:örter|orte)|stichw(?:örter|orte)|etiquetas|mots[- ]cl[ée]s"
    r"|palavras[- ]chave|tagi|tagit|taggar|trefwoorden|теги|метки)\s*:?$",
    re.IGNORECASE,
)


def is_tag_list(line: Line, lines: list[Line]) -> bool:
    """The line under a tags label standing alone in its block: the article's tags, which
    the page copies as one run of words ('Kirche Religion Essen (Stadt)'), no sentence."""
    if line.index == 0 or line.group_pos != 0 or SENTENCE_END.search(line.text):
        return False
    label = lines[line.index - 1]
    return label.group_size == 1 and bool(_TAGS_LABEL.match(label.text))


# A link to a file: a download link's label (`notes.is_download`: a file's size and its
# format, '(PDF, 298KB)', 'mp3 (30 MB)') or a line naming the format it is in
# ('Pressemitteilung als PDF'). Over all copies and the dev truth, no article line has
# this shape (docs/benchmarks.md, thresholds).
_AS_FILE = re.compile(r"\b(?:als|as|en|em|in|jako|come)\s+pdf$", re.IGNORECASE)
_FILE_LINK_WORDS = 12


def is_file_link(line: Line) -> bool:
    """A link to download a file ('Messengerdienste … (PDF, 298KB)', 'Download: mp3 (30 MB)',
    'Pressemitteilung als PDF'), not a sentence of the text."""
    if line.text.endswith("."):
        return False
    as_file = line.words <= _FILE_LINK_WORDS and bool(_AS_FILE.search(line.text))
    return as_file or is_download(line.text)


# A caption with its picture's credit after its last sentence: a name in brackets
# ('… Mujeres Populares. (Teresa Canino Rivera)', two to four capitalised words and
# nothing else; '(Quelle: SWR)' after a paragraph names its source, and is read), or the
# credit's word and a name ('… in Las Croabas. By U.S. CUSTOMS AND BORDER PROTECTION',
# '… Photo by David Dyer-Bennet.', one to six capitalised words), or an agency and its
# photographer joined by a slash ('… November 18, 2019. REUTERS/Brendan McDermid',
# '… Matthias Mitzscherlich.DCV / Oppitz'; one side in capitals, an agency's, or two words
# each, a name and an agency: not 'Yes/No' or 'Ärzte/Ärztinnen'). An agency in brackets
# after a paragraph, '(Associated Press)', '(Deutsche Presse-Agentur)', names its source.
_CREDIT_AFTER = re.compile(r"[.!?]\s*\(([^()\d:/]{3,60})\)$")
_CREDIT_WORDS = (2, 4)
_AGENCY = re.compile(
    r"(?<![^\W\d_])(?:press|presse\w*|\w*agentur|agency|agencia|agence|agenzia|agência|news"
    r"|nachrichten|noticias)(?![^\W\d_])",
    re.IGNORECASE,
)
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
        return low <= len(names) <= high and _capitalised(names) and not _AGENCY.search(found[1])
    if found := _CREDIT_SLASH.search(line.text):
        sides = [side.split() for side in found[1].split("/")]
        agency = any(word.isupper() and len(word) > 1 for side in sides for word in side)
        named = agency or all(len(side) >= 2 for side in sides)
        return named and _capitalised([word for side in sides for word in side])
    found = _CREDITED_BY.search(line.text)
    return found is not None and _capitalised(found[1].split())


def _capitalised(names: list[str]) -> bool:
    return all(name[:1].isupper() for name in names)


# A newsletter box copied as one line, its pitch and then its button: '… never miss our
# top stories Free Sign Up'. The button's words in their imperative form: a German
# sentence may end on its infinitive ('… auf der Seite des Vereins anmelden'), so only
# 'Jetzt anmelden' there; and no clause: a paragraph that lost its stop has commas.
_SIGN_UP_BOX_WORDS = 40
_SIGN_UP_BUTTON = re.compile(
    r"\b(?:sign up|subscribe(?: now)?|jetzt (?:anmelden|abonnieren|registrieren)"
    r"|suscr[ií]bete|suscribirme|inscreva-se|assine|s'inscrire|je m'abonne|iscriviti"
    r"|zapisz się|subskrybuj)$",
    re.IGNORECASE,
)


def is_sign_up_box(line: Line) -> bool:
    """A newsletter box run into one line: a pitch that ends on its button's words."""
    if line.words > _SIGN_UP_BOX_WORDS or line.has_clause:
        return False
    return bool(_SIGN_UP_BUTTON.search(line.text))
