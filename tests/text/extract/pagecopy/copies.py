"""A page copy built in the tests: an English menu, footer and article paragraphs, and the
extractor's answer for the parts joined as a pasted page would be."""

from __future__ import annotations

from narrate.core.models import Article, Document
from narrate.text.extract.pagecopy.extract import extract_text

MENU = "Home\nNews\nSport\nCulture\nContact"
FOOTER = "About us\nPrivacy\nImprint"
PARAGRAPHS = (
    "The council voted on Monday night to build a new footbridge over the river, "
    "after two years of debate about its cost and its place in the old town.",
    "Work on the footbridge is to start next spring, and the river path will stay "
    "open while it is built, the council said in a statement after the vote.",
    "Residents who had asked for the footbridge for a decade welcomed the decision, "
    "though some still worry about the traffic it may bring to their streets.",
)


def page(*parts: str) -> Article:
    return extract_text(Document("-", "\n\n".join(parts), "text", "utf-8"))
