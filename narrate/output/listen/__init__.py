"""The listen page, a sidecar beside the audio: the text as read, following the voice.

`page` builds it from the script and timeline; `document` wraps a body with the
package's own CSS and script (listen.css, listen.js, index.js) inlined under a
strict Content-Security-Policy, so the page works from disk with no request
to anywhere. The episode index of `narrate serve` uses the same document.
"""

from __future__ import annotations

from narrate.output.listen.document import html_document
from narrate.output.listen.page import episode_key, listen_page

__all__ = ["episode_key", "html_document", "listen_page"]
