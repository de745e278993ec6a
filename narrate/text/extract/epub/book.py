"""An EPUB's structure: metadata, spine, table of contents, landmarks and cover.

An EPUB is a ZIP of XHTML files: `META-INF/container.xml` names the package
document (OPF), whose manifest lists the files, whose spine gives the reading
order and whose metadata the title, author, language and date. The table of
contents is the EPUB 3 navigation document (`<nav epub:type="toc">`) or the
EPUB 2 NCX. Read here with zipfile and lxml (ebooklib, the usual library, is
AGPL; narrate is MIT), with an XML parser that neither loads entities nor
reaches the network. A book under DRM (Adobe's `rights.xml`, Apple's
`sinf.xml`, or content listed in `encryption.xml` with anything but the
font-obfuscation algorithms) cannot be read and is refused with one line.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote, urldefrag

from lxml import etree

from narrate.core.errors import InputError

_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "enc": "http://www.w3.org/2001/04/xmlenc#",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
# Fonts may be obfuscated (not encrypted) under these; the text stays readable.
_FONT_OBFUSCATION = frozenset(
    {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
)
_DRM_FILES = ("META-INF/rights.xml", "META-INF/sinf.xml")
_XML = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
MEMBER_MAX_BYTES = 64 * 2**20  # no chapter, picture or package file of a book is larger
_JPEG, _PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class SpineItem:
    path: str  # inside the archive
    linear: bool  # linear="no": read out of order (pop-up notes), not in the reading


@dataclass(frozen=True, slots=True)
class TocEntry:
    label: str
    path: str
    fragment: str  # "" for the top of the file


@dataclass(frozen=True, slots=True)
class Book:
    title: str | None
    creators: tuple[str, ...]
    language: str | None
    date: str | None
    spine: tuple[SpineItem, ...]
    toc: tuple[TocEntry, ...]
    landmarks: dict[str, str]  # path -> what the book's landmarks or guide call it
    nav_path: str | None
    cover: bytes | None  # JPEG or PNG


def open_book(data: bytes, source: str) -> tuple[zipfile.ZipFile, Book]:
    """The archive and its structure; InputError for a damaged, truncated or DRM-locked book."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        _check_drm(archive, names, source)
        opf_path = _rootfile(archive, source)
        return archive, _book(archive, names, opf_path, source)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, etree.XMLSyntaxError) as exc:
        raise InputError(
            f"{source} is a damaged or truncated EPUB ({exc})", "download or export it again"
        ) from exc


def read_member(archive: zipfile.ZipFile, path: str, source: str) -> bytes:
    """One file of the book; InputError when it is missing, damaged or implausibly large
    once unpacked (a ZIP bomb)."""
    try:
        if archive.getinfo(path).file_size > MEMBER_MAX_BYTES:
            raise InputError(f"{source}: {path} unpacks to more than 64 MB", "is it a book?")
        return archive.read(path)
    except KeyError as exc:
        raise InputError(f"{source} lacks {path}", "is the EPUB complete?") from exc
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise InputError(f"{source} is a damaged EPUB ({path}: {exc})", "export it again") from exc


def _check_drm(archive: zipfile.ZipFile, names: set[str], source: str) -> None:
    hint = "narrate reads only books without DRM"
    if any(name in names for name in _DRM_FILES):
        raise InputError(f"{source} is DRM-protected", hint)
    if "META-INF/encryption.xml" not in names:
        return
    root = etree.fromstring(read_member(archive, "META-INF/encryption.xml", source), _XML)
    if root is None:
        return
    for method in root.iterfind(".//enc:EncryptionMethod", _NS):
        if method.get("Algorithm") not in _FONT_OBFUSCATION:
            raise InputError(f"{source} is DRM-protected (its text is encrypted)", hint)


def _rootfile(archive: zipfile.ZipFile, source: str) -> str:
    container = etree.fromstring(read_member(archive, "META-INF/container.xml", source), _XML)
    found = None if container is None else container.find(".//c:rootfile", _NS)
    path = found.get("full-path") if found is not None else None
    if not path:
        raise InputError(f"{source} names no package document", "is it an EPUB?")
    return path


def _xml(archive: zipfile.ZipFile, path: str, source: str) -> etree._Element:
    root = etree.fromstring(read_member(archive, path, source), _XML)
    if root is None:
        raise InputError(f"{source}: {path} is not XML", "is the EPUB damaged?")
    return root


def _href(base: str, href: str) -> tuple[str, str]:
    """An href relative to the file `base` -> (path in the archive, fragment)."""
    url, fragment = urldefrag(href)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(url)))
    return path, fragment


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    text = " ".join("".join(str(t) for t in el.itertext()).split())
    return text or None


def _book(archive: zipfile.ZipFile, names: set[str], opf_path: str, source: str) -> Book:
    opf = _xml(archive, opf_path, source)
    manifest: dict[str, tuple[str, str, str]] = {}  # id -> (path, media type, properties)
    for item in opf.iterfind(".//opf:manifest/opf:item", _NS):
        path, _ = _href(opf_path, item.get("href") or "")
        manifest[item.get("id") or path] = (
            path,
            item.get("media-type") or "",
            item.get("properties") or "",
        )
    spine_el = opf.find(".//opf:spine", _NS)
    spine = tuple(
        SpineItem(manifest[ref.get("idref") or ""][0], ref.get("linear") != "no")
        for ref in opf.iterfind(".//opf:spine/opf:itemref", _NS)
        if ref.get("idref") in manifest
    )
    nav_path = next((p for p, _, props in manifest.values() if "nav" in props.split()), None)
    toc: tuple[TocEntry, ...] = ()
    landmarks: dict[str, str] = {}
    if nav_path is not None and nav_path in names:
        toc, landmarks = _nav(_xml(archive, nav_path, source), nav_path)
    if not toc and spine_el is not None and spine_el.get("toc") in manifest:
        toc = _ncx(
            _xml(archive, manifest[spine_el.get("toc") or ""][0], source),
            manifest[spine_el.get("toc") or ""][0],
        )
    for ref in opf.iterfind(".//opf:guide/opf:reference", _NS):
        path, _ = _href(opf_path, ref.get("href") or "")
        landmarks.setdefault(path, (ref.get("type") or "").lower())
    metadata = opf.find(".//opf:metadata", _NS)
    creators = tuple(t for t in (_text(c) for c in opf.iterfind(".//dc:creator", _NS)) if t)
    date = _text(opf.find(".//dc:date", _NS))
    return Book(
        title=_text(opf.find(".//dc:title", _NS)),
        creators=creators,
        language=_text(opf.find(".//dc:language", _NS)),
        date=date[:10] if date else None,
        spine=spine,
        toc=toc,
        landmarks=landmarks,
        nav_path=nav_path,
        cover=_cover(archive, names, manifest, metadata, source),
    )


def _nav(nav: etree._Element, nav_path: str) -> tuple[tuple[TocEntry, ...], dict[str, str]]:
    """The entries of `<nav epub:type="toc">`, flattened in order, and the landmarks."""
    toc: list[TocEntry] = []
    landmarks: dict[str, str] = {}
    for el in nav.iter("{*}nav"):
        kind = (el.get(EPUB_TYPE) or el.get("role") or "").lower()
        for link in el.iter("{*}a"):
            href, label = link.get("href"), _text(link)
            if not href:
                continue
            path, fragment = _href(nav_path, href)
            if "toc" in kind and label:
                toc.append(TocEntry(label, path, fragment))
            elif "landmarks" in kind and not fragment:
                landmarks.setdefault(path, (link.get(EPUB_TYPE) or "").lower())
    return tuple(toc), landmarks


def _ncx(ncx: etree._Element, ncx_path: str) -> tuple[TocEntry, ...]:
    """An EPUB 2 NCX's navPoints, flattened in document order (their playOrder)."""
    entries: list[TocEntry] = []
    for point in ncx.iterfind(".//ncx:navPoint", _NS):
        label = _text(point.find("ncx:navLabel", _NS))
        content = point.find("ncx:content", _NS)
        if label and content is not None and content.get("src"):
            path, fragment = _href(ncx_path, content.get("src") or "")
            entries.append(TocEntry(label, path, fragment))
    return tuple(entries)


def _cover(
    archive: zipfile.ZipFile,
    names: set[str],
    manifest: dict[str, tuple[str, str, str]],
    metadata: etree._Element | None,
    source: str,
) -> bytes | None:
    """The cover image (EPUB 3 `cover-image`, else EPUB 2 `<meta name="cover">`), JPEG or PNG."""
    path = next((p for p, _, props in manifest.values() if "cover-image" in props.split()), None)
    if path is None and metadata is not None:
        for meta in metadata.iterfind("opf:meta", _NS):
            if meta.get("name") == "cover" and meta.get("content") in manifest:
                path = manifest[meta.get("content") or ""][0]
    if path is None or path not in names:
        return None
    image = read_member(archive, path, source)
    return image if image.startswith((_JPEG, _PNG)) else None
