"""Read-it-later exports and bookmark files -> the articles they list.

Recognised by their content, not their name:

- Pocket CSV (title,url,time_added,[cursor,]tags,status), Pocket HTML (`ril_export.html`:
  "Unread" and "Read Archive" lists of links with time_added);
- Instapaper CSV (URL,Title,Selection,Folder[,Timestamp,Tags]);
- Wallabag JSON (its export: a list of entries with url, title, is_archived, created_at
  and the article's `content`, which is narrated as is);
- Readeck JSON (its bookmark list, as `GET /api/bookmarks` returns it: href, url, title,
  type, is_archived, created, published, authors, lang);
- Netscape bookmark files (what every browser exports: <DT><A HREF ADD_DATE>).

Archived (already read) articles are left out unless asked for; a bookmark
file has no such notion, so all of its links count.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree, html

from narrate.core.errors import InputError
from narrate.core.http import host_of, is_web_url
from narrate.publish.subscriptions.feeds import CONTROLS as _CONTROLS
from narrate.publish.subscriptions.feeds import VIDEO_HOSTS, Entry

MAX_BYTES = 200 * 1024 * 1024  # a Wallabag export carries every article's text


@dataclass(frozen=True, slots=True)
class Export:
    kind: str  # the service, as the user knows it: "Pocket CSV", "Wallabag JSON", ...
    entries: tuple[Entry, ...]
    archived: int  # archived articles left out
    unreadable: int = 0  # rows with neither a web address nor the article's text, left out


def read_export(path: Path, include_archived: bool = False) -> Export:
    """The articles a read-it-later export or bookmark file lists."""
    raw = _read(path)
    text = raw.decode("utf-8-sig", errors="replace")
    head = text.lstrip()[:4096]
    if head.startswith(("[", "{")):
        kind, listed = _json_export(text, path)
    elif head.startswith("<"):
        kind, listed = _html_export(raw, path)
    else:
        kind, listed = _csv_export(text, path)
    kept = [entry for entry, archived in listed if include_archived or not archived]
    readable = [entry for entry in kept if entry.link or entry.content]
    unique = {entry.key: entry for entry in reversed(readable)}  # the first listing wins
    entries = tuple(e for e in readable if unique.get(e.key) is e)
    return Export(kind, entries, len(listed) - len(kept), len(kept) - len(readable))


Listed = list[tuple[Entry, bool]]  # each article and whether it is archived


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError as exc:
        raise InputError(f"no such file: {path}", "check the path") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", "check the path") from exc
    if len(raw) > MAX_BYTES:
        raise InputError(f"{path} is larger than {MAX_BYTES // 2**20} MB", "is it an export?")
    return raw


def _unknown(path: Path) -> InputError:
    return InputError(
        f"{path} is not an export narrate knows",
        "Pocket CSV/HTML, Instapaper CSV, Wallabag JSON, Readeck JSON or browser bookmarks",
    )


# CSV: Pocket and Instapaper


def _csv_export(text: str, path: Path) -> tuple[str, Listed]:
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error as exc:
        raise _unknown(path) from exc
    if not rows:
        raise _unknown(path)
    columns = {c.strip().lower() for c in rows[0] if c}
    if {"url", "time_added"} <= columns:
        return "Pocket CSV", [_pocket_row(_lower(row)) for row in rows if _lower(row).get("url")]
    if {"url", "folder"} <= columns:
        return "Instapaper CSV", [
            _instapaper_row(_lower(row)) for row in rows if _lower(row).get("url")
        ]
    raise _unknown(path)


def _lower(row: dict[str | Any, str | Any]) -> dict[str, str]:
    return {str(k).strip().lower(): str(v or "").strip() for k, v in row.items() if k}


def _pocket_row(row: dict[str, str]) -> tuple[Entry, bool]:
    status = row.get("status", "unread").lower()
    return _entry(row["url"], row.get("title"), _epoch(row.get("time_added"))), status not in (
        "",
        "unread",
    )


def _instapaper_row(row: dict[str, str]) -> tuple[Entry, bool]:
    archived = row.get("folder", "").lower() == "archive"
    return _entry(row["url"], row.get("title"), _epoch(row.get("timestamp"))), archived


# JSON: Wallabag and Readeck


def _json_export(text: str, path: Path) -> tuple[str, Listed]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{path} is not valid JSON: {exc}", "export it again") from exc
    except RecursionError:
        raise InputError(
            f"{path} is nested too deeply to be an export", "export it again"
        ) from None
    items = data.get("items") or data.get("bookmarks") if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise _unknown(path)
    keys = set().union(*(item.keys() for item in items)) if items else set()
    if "href" in keys and ({"is_marked", "document_type", "site_name"} & keys):
        return "Readeck JSON", [_readeck(item) for item in items if item.get("url")]
    if "url" in keys and ({"is_archived", "is_starred", "domain_name"} & keys):
        return "Wallabag JSON", [_wallabag(item) for item in items if item.get("url")]
    raise _unknown(path)


def _joined(authors: object) -> str | None:
    """An export's list of author names as one byline; None when it names nobody."""
    return ", ".join(map(str, authors)) if isinstance(authors, list) and authors else None


@dataclass(frozen=True, slots=True)
class _ExportNames:
    """What a JSON export calls the fields of an entry that the services share."""

    created: str
    authors: str
    language: str


_WALLABAG = _ExportNames(created="created_at", authors="published_by", language="language")
_READECK = _ExportNames(created="created", authors="authors", language="lang")


def _export_entry(item: dict[str, Any], names: _ExportNames, content: str | None = None) -> Entry:
    """The entry of one item of a JSON export, its fields found under `names`."""
    return _entry(
        str(item["url"]),
        item.get("title"),
        _iso(item.get(names.created)),
        author=_joined(item.get(names.authors)),
        language=item.get(names.language),
        content=content,
    )


def _wallabag(item: dict[str, Any]) -> tuple[Entry, bool]:
    content = item.get("content") if "html" in str(item.get("mimetype") or "text/html") else None
    text = content if isinstance(content, str) and content.strip() else None
    return _export_entry(item, _WALLABAG, text), flag(item.get("is_archived"))


def _readeck(item: dict[str, Any]) -> tuple[Entry, bool]:
    entry = _export_entry(item, _READECK)
    if item.get("type") == "video":
        entry = _with_skip(entry, "a video")
    elif item.get("type") == "photo":
        entry = _with_skip(entry, "a picture, not an article")
    return entry, flag(item.get("is_archived"))


def flag(value: object) -> bool:
    """A yes/no field as exports write it: true, 1, "1", "true" (Wallabag writes "0" for no)."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value) if isinstance(value, bool | int | float) else False


# HTML: Pocket's export and Netscape bookmark files


def _html_export(raw: bytes, path: Path) -> tuple[str, Listed]:
    try:
        root = html.fromstring(raw)
    except (etree.ParserError, ValueError) as exc:
        raise _unknown(path) from exc
    title = (root.findtext(".//title") or "").strip().lower()
    headings = [_text_of(h).lower() for h in root.iter("h1")]
    is_pocket = "pocket" in title or "read archive" in headings
    listed: Listed = []
    archived = False
    for element in root.iter("h1", "a"):
        if element.tag == "h1":
            archived = is_pocket and "archive" in _text_of(element).lower()
            continue
        url = (element.get("href") or "").strip()
        if not is_web_url(url):
            continue
        stamp = element.get("time_added") or element.get("add_date")
        listed.append((_entry(url, _text_of(element), _epoch(stamp)), archived))
    if not listed:
        raise _unknown(path)
    return ("Pocket HTML" if is_pocket else "bookmarks HTML"), listed


def _text_of(element: etree._Element) -> str:
    return " ".join("".join(str(t) for t in element.itertext()).split())


# Shared


def _entry(
    url: str,
    title: object,
    date: str | None,
    author: str | None = None,
    language: object = None,
    content: str | None = None,
) -> Entry:
    url = _CONTROLS.sub("", url).strip()  # no URL holds a control character (a NUL...)
    host = host_of(url)
    video = any(host == h or host.endswith("." + h) for h in VIDEO_HOSTS)
    clean_title = " ".join(_CONTROLS.sub(" ", title).split()) if isinstance(title, str) else ""
    if "://" in clean_title and " " not in clean_title:
        clean_title = ""  # Pocket gives an article it could not title its address as title
    author = " ".join(_CONTROLS.sub(" ", author).split()) or None if author else None
    return Entry(
        key=url,
        title=clean_title or None,
        link=url if is_web_url(url) else None,
        author=author,
        date=date,
        language=str(language) if isinstance(language, str) and language else None,
        content=content,
        skip="a video" if video else None,
    )


def _with_skip(entry: Entry, reason: str) -> Entry:
    return replace(entry, skip=reason)


def _epoch(value: str | None) -> str | None:
    """Seconds since 1970 as ISO 8601; None for a value no date can be (past year 9999)."""
    if not value or not value.strip().isdigit():
        return None
    try:
        return datetime.fromtimestamp(int(value.strip()), UTC).isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def _iso(value: object) -> str | None:
    """An ISO 8601 date as Wallabag (+0200) or Readeck (Z) write it, in UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = f"{text[:-2]}:{text[-2:]}"  # +0200 -> +02:00 (fromisoformat before 3.11 needs it)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).isoformat()
    except OverflowError:  # 0001-01-01 east of UTC, 9999-12-31 west of it
        return None
