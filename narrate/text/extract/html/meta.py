"""Page metadata: headline, author, site, date, language and image.

Read in order of trust: schema.org ld+json (what the publisher declares for
search engines), OpenGraph / <meta> tags, then the visible page (h1, byline
element, <title>). Standard-library json is enough; no extra dependency.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from narrate.core.http import host_of
from narrate.text.extract.html.dom import squash
from narrate.text.extract.html.howto import declared_howto, declared_steps
from narrate.text.extract.html.titles import choose_title, names_site, title_remainder

_ARTICLE_TYPES = re.compile(r"article|posting|report|story|webpage", re.I)
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_BY_PREFIX = re.compile(r"^(?:by|por|von|par|di|oleh|автор|от)\s*[:\-]?\s+", re.I)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about itself, each field None when it does not say."""

    title: str | None
    byline: str | None
    site: str | None
    published: str | None
    language: str | None
    image: str | None
    body: str | None = None  # the ld+json articleBody (or a HowTo's steps), when declared
    description: str | None = None  # og:description or <meta name=description>
    steps: tuple[str, ...] = ()  # a declared Recipe's instructions


def _meta(root: HtmlElement, *names: str) -> str | None:
    """The first non-empty <meta property|name|itemprop=...> content among `names`."""
    for name in names:
        for attr in ("property", "name", "itemprop"):
            for el in root.iterfind(f".//meta[@{attr}='{name}']"):
                value = squash(el.get("content"))
                if value:
                    return value
    return None


def _json_objects(data: Any) -> list[dict[str, Any]]:
    """Flatten ld+json (lists, @graph) into its objects."""
    if isinstance(data, list):
        return [obj for item in data for obj in _json_objects(item)]
    if isinstance(data, dict):
        return [data, *_json_objects(data.get("@graph", []))]
    return []


def _ld_article(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The page's schema.org Article object among its ld+json `objects`, or {}."""
    for obj in objects:
        kind = obj.get("@type", "")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds) and (
            obj.get("headline") or obj.get("articleBody")
        ):
            return obj
    return {}


def _names(value: Any) -> list[str]:
    """Author names from an ld+json author value (string, object or list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value for name in _names(item)]
    return []


def _people(author: Any, site: tuple[str, ...]) -> Any:
    """The ld+json authors without an organisation named like the site or its publisher
    ('Contributors to Wikimedia projects' on Wikipedia): that is no byline."""
    if isinstance(author, list):
        return [a for a in author if _people(a, site) is not None]
    if isinstance(author, dict) and author.get("@type") == "Organization":
        name = author.get("name")
        if isinstance(name, str) and names_site(name, site):
            return None
    return author


def _byline(root: HtmlElement, ld: dict[str, Any], site: tuple[str, ...]) -> str | None:
    names = [squash(n) for n in _names(_people(ld.get("author"), site)) if squash(n)]
    if names:
        return ", ".join(dict.fromkeys(names))
    meta = _meta(root, "author", "article:author", "byl", "dc.creator", "sailthru.author")
    if meta and not meta.startswith("http"):
        return _BY_PREFIX.sub("", meta)
    for el in root.iterfind(".//*[@rel='author']"):
        text = squash(el.text_content())
        if 0 < len(text) < 80:
            return _BY_PREFIX.sub("", text)
    return None


def _title(root: HtmlElement, ld: dict[str, Any], site: str | None) -> str | None:
    """The article's name, chosen among what the page says (`html/titles.choose_title`)."""
    headline = ld.get("headline")
    declared = [
        _meta(root, "og:title", "twitter:title"),
        headline if isinstance(headline, str) else None,
    ]
    h1s = [text for h1 in root.iterfind(".//h1") if (text := squash(h1.text_content()))]
    return choose_title([squash(d) for d in declared if d], _page_title(root), h1s, site)


def _page_title(root: HtmlElement) -> str:
    title_el = root.find(".//title")
    return squash(title_el.text_content()) if title_el is not None else ""


def _site_names(
    root: HtmlElement, ld: dict[str, Any], url: str | None, title: str | None
) -> tuple[str, ...]:
    """The names the page gives its site: og:site_name, the publisher's, what its <title>
    adds to the article's name ('Hafenstadt – Wikipedia'), and its host's."""
    names = [_meta(root, "og:site_name", "application-name") or ""]
    publisher = ld.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        names.append(squash(publisher["name"]))
    names += title_remainder(_page_title(root), title)
    host = host_of(page_url(root, url) or "")
    names += [label for label in host.split(".")[:-1] if label != "www"]
    return tuple(dict.fromkeys(name for name in names if name))


def _date(root: HtmlElement, ld: dict[str, Any]) -> str | None:
    candidates = [
        ld.get("datePublished"),
        _meta(
            root,
            "article:published_time",
            "datePublished",
            "pubdate",
            "date",
            "dc.date",
            "og:pubdate",
            "publish-date",
            "sailthru.date",
        ),
    ]
    candidates += [el.get("datetime") for el in root.iterfind(".//time[@datetime]")]
    for value in candidates:
        match = _ISO_DATE.search(value) if isinstance(value, str) else None
        if match:
            return match.group(1)
    return None


def _language(root: HtmlElement) -> str | None:
    raw = (
        root.get("lang")
        or root.get("xml:lang")
        or _meta(root, "og:locale", "language")
        or _content_language(root)
    )
    if not raw:
        body = root.find("body")
        raw = body.get("lang") if body is not None else None
    if not raw:
        return None
    parts = raw.strip().replace("_", "-").split("-")
    if not parts[0].isalpha():
        return None
    tag = parts[0].lower()
    if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha():
        tag += "-" + parts[1].upper()
    return tag


def _content_language(root: HtmlElement) -> str | None:
    """<meta http-equiv="Content-Language" content="de, en">: the first language named."""
    for meta in root.iterfind(".//meta[@http-equiv]"):
        if str(meta.get("http-equiv", "")).strip().lower() == "content-language":
            first = str(meta.get("content") or "").split(",")[0].strip()
            if first:
                return first
    return None


def _site(root: HtmlElement, ld: dict[str, Any], url: str | None) -> str | None:
    site = _meta(root, "og:site_name", "application-name")
    publisher = ld.get("publisher")
    if not site and isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        site = squash(publisher["name"])
    if not site and url:
        host = host_of(url)
        site = host.removeprefix("www.") or None
    return site


def page_url(root: HtmlElement, given: str | None) -> str | None:
    """The page's own URL: the one given, else its canonical or og:url."""
    if given:
        return given
    link = root.find(".//link[@rel='canonical']")
    href = str(link.get("href") or "") if link is not None else ""
    if href.startswith("http"):
        return href
    return _meta(root, "og:url")


def read_meta(root: HtmlElement, url: str | None) -> PageMeta:
    """Everything the page declares about itself (before the tree is cleaned)."""
    objects = _ld_objects(root)  # parsed once: the Article, a HowTo and a Recipe come from them
    ld = _ld_article(objects)
    site = _site(root, ld, page_url(root, url))
    image = _meta(root, "og:image", "twitter:image")
    title = _title(root, ld, site)
    names = _site_names(root, ld, url, title)
    return PageMeta(
        title=title,
        byline=_byline(root, ld, names),
        site=site,
        published=_date(root, ld),
        language=_language(root),
        image=image,
        body=_declared_body(ld) or declared_howto(objects),
        steps=declared_steps(objects),
        description=_meta(root, "og:description", "description", "twitter:description"),
    )


def _ld_objects(root: HtmlElement) -> list[dict[str, Any]]:
    """Every object of the page's ld+json scripts."""
    found: list[dict[str, Any]] = []
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            found.extend(_json_objects(json.loads(script.text or "", strict=False)))
        except (ValueError, RecursionError):  # not JSON, or nested past any real page
            continue
    return found


def _declared_body(ld: dict[str, Any]) -> str | None:
    body = ld.get("articleBody")
    return body.strip() or None if isinstance(body, str) else None
