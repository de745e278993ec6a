"""Structural rules that mark an HTML element as not-article, with the reason why.

Rules look at what the page's markup says an element is (tag, ARIA role, class and
id names), not at English wording: class names are written in English on most
sites whatever the page language, so they carry across sites and languages. The
few phrase rules (`STOCK_PHRASES`) are short and multilingual on purpose.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# Tags whose content is never read, dropped before anything else.
INVISIBLE_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "map",
        "button",
        "select",
        "input",
        "textarea",
        "label",
        "head",
        "link",
        "meta",
        "picture",
        "source",
        "img",
        "dialog",
    }
)

# Structural tags that are never article body, and why.
TAG_REASONS: dict[str, str] = {
    "nav": "nav",
    "footer": "footer",
    "aside": "related",
    "figcaption": "caption",
    "figure": "caption",
    "form": "form",
    "menu": "nav",
    "pre": "code",
    "code": "code",
    "table": "table",
}

ROLE_REASONS: dict[str, str] = {
    "navigation": "nav",
    "contentinfo": "footer",
    "complementary": "related",
    "banner": "boilerplate",
    "search": "nav",
    "menu": "nav",
    "menubar": "nav",
    "dialog": "boilerplate",
    "alert": "boilerplate",
    "figure": "caption",
}

# Class/id names -> reason. Matched against the lower-cased "class id" string;
# order matters (the first match wins), so specific names come first.
_CLASS_RULES: tuple[tuple[str, str], ...] = (
    (r"caption|credit|photo-?desc|image-?desc|img-?desc|wp-caption-text", "caption"),
    (r"comment|disqus|respond|replies", "comments"),
    (r"newsletter|subscri|signup|sign-up|paywall|regwall|inline-?cta", "newsletter"),
    (r"share|sharing|social|sociable|addthis|shareaholic|whatsapp|facebook|twitter", "share"),
    (
        r"related|recommend|more-?stories|more-?articles|read-?more|read-?next|readnext"
        r"|also-?read|see-?also|teaser|outbrain|taboola|trending|popular|most-?read",
        "related",
    ),
    (
        r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert|adslot|ad-?slot|ad-?unit|ad-?container|dfp|gpt-"
        r"|sponsor|promo|banner|commercial",
        "advertisement",
    ),
    (r"author-?bio|author-?info|about-?the-?author|author-?box|bio-?box|contributor", "author-bio"),
    (
        r"byline|author|posted-?by|dateline|timestamp|publish|(?:^|[\s_-])date|post-?meta"
        r"|entry-?meta|article-?meta|meta-?data",
        "byline",
    ),
    (
        r"breadcrumb|(?:^|[\s_-])tags?(?:$|[\s_-])|tag-?list|post-?tags|categor|pagination|pager"
        r"|(?:^|[\s_-])menu|(?:^|[\s_-])nav",
        "nav",
    ),
    (r"footer|copyright|disclaimer", "footer"),
    (
        r"sidebar|widget|modal|popup|popover|tooltip|rollover|hover-?card|cookie|gdpr|consent|toolbar|skip-?link|sr-only"
        r"|visually-?hidden|screen-?reader|print-?only",
        "boilerplate",
    ),
    (r"pull-?quote|pullquote", "pullquote"),
)
_CLASS_RES = tuple((re.compile(pattern), reason) for pattern, reason in _CLASS_RULES)
# One search first: most class names match no rule, and this is the hot path.
_ANY_CLASS_RULE = re.compile("|".join(f"(?:{pattern})" for pattern, _ in _CLASS_RULES))

# Class names that look like a rule above but name the article itself
# ("article-body", "post-content", "entry-content").
_CONTENT_CLASS = re.compile(
    r"article-?body|articlebody|story-?body|post-?body|entry-?content|post-?content"
    r"|article-?content|story-?content|main-?content|rich-?text|body-?text|articletext"
)

# Whole-block texts that are page furniture in any of the languages we meet.
STOCK_PHRASES = frozenset(
    {
        "advertisement",
        "advertising",
        "ad",
        "sponsored",
        "publicidade",
        "publicidad",
        "publicité",
        "anzeige",
        "werbung",
        "pubblicità",
        "iklan",
        "реклама",
        "광고",
        "広告",
        "read more",
        "continue reading",
        "leia mais",
        "leia também",
        "saiba mais",
        "leer más",
        "lire la suite",
        "weiterlesen",
        "leggi anche",
        "baca juga",
        "читайте также",
        "share",
        "compartilhe",
        "compartir",
        "partager",
        "teilen",
        "condividi",
        "bagikan",
        "поделиться",
        "tweet",
        "print",
        "email",
    }
)


def class_reason(element: HtmlElement) -> str | None:
    """The reason an element's class/id names mark it as page furniture, if any."""
    names = f"{element.get('class', '')} {element.get('id', '')}".lower().strip()
    if not names or not _ANY_CLASS_RULE.search(names) or _CONTENT_CLASS.search(names):
        return None
    for pattern, reason in _CLASS_RES:
        if pattern.search(names):
            return reason
    return None


def is_content_class(element: HtmlElement) -> bool:
    """True when the class/id names say 'this is the article body'."""
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return bool(_CONTENT_CLASS.search(names))


def element_reason(element: HtmlElement) -> str | None:
    """Why this element (tag, role or class) is not article text, or None if it may be."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in TAG_REASONS:
        return TAG_REASONS[tag]
    if tag == "article" and next(element.iterancestors("article"), None) is not None:
        return "related"  # an <article> inside another is a teaser or a comment
    if tag == "blockquote":
        return None  # embedded posts (class "twitter-tweet") are quotes the article makes
    role = (element.get("role") or "").lower()
    if role in ROLE_REASONS:
        return ROLE_REASONS[role]
    return class_reason(element)


def is_hidden(element: HtmlElement) -> bool:
    """True for elements the browser does not show (hidden attribute, display:none)."""
    if element.get("hidden") is not None:
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def is_stock_phrase(text: str) -> bool:
    """True for a block that is only 'Advertisement', 'Read more', 'Share' and the like."""
    return text.strip(" .:…»›>|-–—").lower() in STOCK_PHRASES
