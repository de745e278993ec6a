"""A byline as a name to read: never an e-mail address.

Feeds give authors in RFC 822 form (`maya@example.org (Maya Okafor)`, or
`Maya Okafor <maya@example.org>`), and pages sometimes put an address beside the
name. The name is kept; an address is never read aloud, shown or tagged. The
script carries the cleaned byline, so the tags, the manifest, the feed and the
listen page all get it from there.
"""

from __future__ import annotations

import re
from email.utils import parseaddr

EMAIL = re.compile(r"<?\b(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b>?", re.IGNORECASE)
_EDGES = " ,;:|/-–—()[]<>"


def clean_byline(byline: str | None) -> str | None:
    """The byline without e-mail addresses: RFC 822 `addr (Name)` and `Name <addr>` give
    the name; a byline that is only an address gives None."""
    if byline is None or "@" not in byline:
        return byline
    if EMAIL.fullmatch(byline.split("(")[0].strip()) or byline.rstrip().endswith(">"):
        name, _ = parseaddr(byline)
        if name.strip():
            return name.strip()
    rest = " ".join(EMAIL.sub(" ", byline).split()).strip(_EDGES).strip()
    return rest or None
