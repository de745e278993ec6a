"""Imported once by the process a local cluster forks its workers from: a head start.

On its first article, a worker would import extraction, normalisation and the
audio helpers, compile their patterns and load the language model: about a
second of CPU, in every worker. `--cluster local:N` starts its workers with
forkserver (client._start_method) and names this module for that server to
import: it does that work once, by preparing the scripts of two small pages
(HTML and plain text), and every worker forked after it, including one started
again after a crash, begins with it done (in memory it shares, copy-on-write).

Never the engine: a forked copy of a started engine waits forever for a
synthesis thread it does not have. Nothing here starts one, opens a cache or
starts a thread. Any failure is ignored: the worker then does it all itself.
"""

from __future__ import annotations

WARM_PARAGRAPHS = (
    "The harbour opened before dawn, and the first boats came in with the tide.",
    "Nobody on the quay had expected so many of them, or so early in the year.",
    "By noon the market was full, and the prices had fallen by a third since May.",
)


def warm() -> None:
    """Everything a worker's first article loads, short of the engine and the cache."""
    try:
        from narrate.audio import encode, limiter, trim  # noqa: F401  (pydub, numpy)
        from narrate.core.settings import Settings
        from narrate.pipeline.cluster import worker  # noqa: F401
        from narrate.pipeline.scripts import script_for_document, script_profile
        from narrate.text.load import document_from_bytes

        settings = Settings()
        profile = script_profile(settings)
        body = "".join(f"<p>{text}</p>" for text in WARM_PARAGRAPHS)
        html = f"<html><body><article><h1>Warm</h1>{body}</article></body></html>"
        plain = "Warm\n\n" + "\n\n".join(WARM_PARAGRAPHS)
        for name, page in (("warm.html", html), ("warm.txt", plain)):
            script_for_document(document_from_bytes(name, page.encode()), settings, profile)
    except Exception:  # only a head start: the worker loads whatever is missing itself
        return


warm()
