"""Feeds, pages and OPML of our own, short so narrating them stays quick."""

from __future__ import annotations

from html import escape

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Harbour Notes</title>
<meta name="author" content="The page's own author"></head>
<body><nav><a href="/">Home</a> <a href="/archive">Archive</a></nav>
<article><h1>{title}</h1>
<p>{first}</p>
<p>People on the quay say the change was overdue, and most of them welcome it.</p>
</article><footer>Sign up for our newsletter</footer></body></html>
"""
ARTICLES = {
    "lamp": ("The Lighthouse Keeps Its Lamp", "The old lighthouse will keep its lamp lit."),
    "market": ("A Market Returns to the Square", "The Saturday market is back in the square."),
    "bridge": ("The Footbridge Reopens", "The footbridge over the river opens again on Monday."),
    "ferry": ("The Night Ferry Sails Again", "The night ferry to the islands sails again."),
}


def page(key: str, lang: str = "en") -> str:
    title, first = ARTICLES[key]
    return PAGE.format(title=title, first=first, lang=lang)


def rss(base: str, items: list[dict[str, str]], title: str = "Harbour Notes") -> str:
    """An RSS 2.0 feed; each item: title, link, guid, date (RFC 822), and optional extras."""
    parts = []
    for item in items:
        extra = item.get("extra", "")
        author = item.get("author", "")  # RSS's own <author> is RFC 822: "addr (Name)"
        tag = "author" if "@" in author else "dc:creator"
        author = f"<{tag}>{escape(author)}</{tag}>" if author else ""
        parts.append(
            f"<item><title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
            f'<guid isPermaLink="false">{escape(item["guid"])}</guid>'
            f"<pubDate>{item['date']}</pubDate>{author}"
            f"<description>{escape(item.get('description', 'A short note.'))}</description>"
            f"{extra}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{escape(title)}</title><link>{base}</link>"
        "<description>News from the harbour</description><language>en</language>"
        + "".join(parts)
        + "</channel></rss>\n"
    )


def atom(base: str, entries: list[dict[str, str]], lang: str = "de") -> str:
    """An Atom feed whose entries carry their whole article in <content type="html">."""
    parts = []
    for entry in entries:
        parts.append(
            f"<entry><title>{escape(entry['title'])}</title><id>{entry['id']}</id>"
            f'<link rel="alternate" href="{escape(entry["link"])}"/>'
            f"<updated>{entry['date']}</updated><published>{entry['date']}</published>"
            f"<author><name>{escape(entry['author'])}</name></author>"
            f"<summary>{escape(entry.get('summary', ''))}</summary>"
            f'<content type="html">{escape(entry["content"])}</content></entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">'
        f"<title>Hafenblatt</title><id>urn:test:hafenblatt</id>"
        f'<link rel="self" href="{base}atom.xml"/>'
        f"<updated>2026-11-20T08:00:00Z</updated>" + "".join(parts) + "</feed>\n"
    )


def opml(feeds: list[tuple[str, str]]) -> str:
    outlines = "".join(
        f'<outline type="rss" text="{escape(t)}" title="{escape(t)}" xmlUrl="{escape(u)}"/>'
        for t, u in feeds
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head>'
        "<title>My subscriptions</title></head><body>"
        f'<outline text="News" title="News">{outlines}</outline></body></opml>\n'
    )
