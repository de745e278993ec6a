"""load: files, stdin and real HTTP on 127.0.0.1; charsets; the bad inputs."""

from __future__ import annotations

import http.server
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from narrate.core.errors import InputError
from narrate.text.load import load

PAGE = "<!doctype html><html><head><title>T</title></head><body><p>Olá, café</p></body></html>"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/missing":
            self.send_error(404, "Not Found")
            return
        if self.path == "/nowhere":  # a redirect without a Location
            self.send_response(302)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        body = PAGE.encode("iso-8859-1")
        self.send_response(200)
        # as Python's http.server names it: a header's name has no case
        name = "Content-type" if self.path == "/lower" else "Content-Type"
        self.send_header(name, "text/html; charset=iso-8859-1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A real HTTP server on loopback, stopped when the test ends."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_html_is_detected_by_content_not_extension(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_text(PAGE, "utf-8")
    assert load(str(page)).media_type == "html"


def test_text_page_copy_is_text(tmp_path: Path) -> None:
    page = tmp_path / "copy.html"
    page.write_text("Menu\nHeadline of the story\n\nA paragraph < with a sign.\n", "utf-8")
    assert load(str(page)).media_type == "text"


def test_declared_charset_is_used(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    page.write_bytes(PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1"))
    document = load(str(page))
    assert "Olá, café" in document.text
    assert document.charset == "iso-8859-1"


def test_undeclared_charset_is_detected(tmp_path: Path) -> None:
    page = tmp_path / "russian.txt"
    text = "Заголовок статьи\n\nЭто первый абзац статьи, написанный по-русски для проверки. " * 5
    page.write_bytes(text.encode("cp1251"))
    assert "первый абзац" in load(str(page)).text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # read as cp1250 ('crčme brűlée naďve') and mac_iceland before the language said
        ("<p>The café on the corner serves crème brûlée and a naïve résumé.</p>", "cp1252"),
        (
            "Après le déjeuner, nous sommes allés à la plage. Les enfants étaient très contents.",
            "cp1252",
        ),
        ("Große Straße, schön und grün. Müller sagt: Grüße aus Köln!", "cp1252"),
        ("Dobrý den, jak se máte? Děkuji, dobře. Čeština je krásný jazyk.", "cp1250"),
        ("Magyar szöveg: árvíztűrő tükörfúrógép, őszi erdő.", "cp1250"),
        ("Zażółć gęślą jaźń, powiedział pan Łukasz.", "cp1250"),
        # the first choice by sureness alone took garbled Croatian for Lithuanian
        (
            "Jučer je u Zagrebu održana svečana sjednica Gradskog vijeća. Gradonačelnik je "
            "govorio o novim projektima za građane.",
            "cp1250",
        ),
        (
            "Jučer je u Sarajevu održana svečana sjednica. Načelnik je govorio o novim "
            "projektima i o tome šta će se desiti sa gradom.",
            "iso8859_2",
        ),
        (
            "Det är en fin dag i Göteborg, och många människor går ut för att njuta av solen.",
            "cp1252",
        ),
        ("Το πρωί ήταν ήσυχο στο λιμάνι.", "cp1253"),  # not Latin: as detected
    ],
)
def test_an_undeclared_code_page_is_read_as_its_language_reads(
    tmp_path: Path, text: str, encoding: str
) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(text.encode(encoding))
    document = load(str(page))
    assert document.text.strip() == text
    assert document.charset == encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text(tmp_path: Path, encoding: str) -> None:
    # it was 'not text (a binary file?)'
    page = tmp_path / "wide.txt"
    text = "Headline of the story\n\nThe café opens at nine, and the harbour wakes with it.\n"
    page.write_bytes(text.encode(encoding))
    assert "The café opens at nine" in load(str(page)).text


def test_utf16_with_bom(tmp_path: Path) -> None:
    page = tmp_path / "wide.txt"
    page.write_bytes("Headline\n\nBody text here.".encode("utf-16"))
    assert load(str(page)).text.startswith("Headline")


def test_stdin() -> None:
    document = load("-", io.BytesIO(PAGE.encode("utf-8")))
    assert document.media_type == "html"
    assert document.source == "-"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"  \n\t\n", "is empty"), (b"\x00\x01\x02PK\x03\x04" * 200, "not text")],
)
def test_bad_files(tmp_path: Path, content: bytes, message: str) -> None:
    page = tmp_path / "bad.html"
    page.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load(str(page))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load(str(tmp_path / "nope.html"))
    with pytest.raises(InputError, match="is a folder"):
        load(str(tmp_path))


def test_fetch_over_http_decodes_header_charset(server: str) -> None:
    document = load(f"{server}/redirect")
    assert document.media_type == "html"
    assert "Olá, café" in document.text
    assert document.url == f"{server}/page"


def test_a_url_file_is_read_as_the_page_it_names(server: str, tmp_path: Path) -> None:
    # a .url file was read as a page copy: 'no article text found' for any of them
    shortcut = tmp_path / "story.url"
    shortcut.write_text(f"[InternetShortcut]\nURL={server}/redirect\n", "utf-8")
    assert "Olá, café" in load(str(shortcut)).text
    shortcut.write_text(f"{server}/redirect\n", "utf-8-sig")  # as Notepad saves it
    assert "Olá, café" in load(str(shortcut)).text


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "holds no http.s. URL"), ("garbage\n", "holds no http.s. URL"),
     ("example.org/x\n", "holds no http.s. URL"),
     ("http://a.test/1\nhttp://a.test/2\n", "lists 2 URLs")],
)  # fmt: skip  # a table of cases, packed several a line
def test_a_url_file_without_one_url_is_one_line(tmp_path: Path, content: str, message: str) -> None:
    shortcut = tmp_path / "story.url"
    shortcut.write_text(content, "utf-8")
    with pytest.raises(InputError, match=message):
        load(str(shortcut))


def test_a_space_around_a_url_or_in_its_fragment_is_no_fault(server: str) -> None:
    # urllib drops both; only a space inside the address is refused, before connecting
    assert "Olá, café" in load(f"{server}/redirect ").text
    assert "Olá, café" in load(f"{server}/redirect#a b").text
    with pytest.raises(InputError, match="holds a space"):
        load(f"{server}/re direct")


def test_a_header_is_found_whatever_the_case_of_its_name(server: str) -> None:
    # 'Content-type' was missed: the charset, a feed's type, ETag and Last-Modified with it
    from narrate.core.http import get

    answer = get(f"{server}/lower")
    assert answer.header("Content-Type") == "text/html; charset=iso-8859-1"
    assert load(f"{server}/lower").charset == "iso-8859-1"


def test_standard_input_from_a_terminal_is_refused_at_once(tmp_path: Path) -> None:
    # it waited for a page typed in, without a word
    leader, follower = os.openpty()
    try:
        with os.fdopen(follower, "rb") as terminal, pytest.raises(InputError, match="piped in"):
            load("-", terminal)
    finally:
        os.close(leader)


def test_a_redirect_to_nowhere_is_said_so(server: str) -> None:
    # it was called a loop
    with pytest.raises(InputError, match="a redirect, without saying where to"):
        load(f"{server}/nowhere")


def test_http_error_is_input_error(server: str) -> None:
    with pytest.raises(InputError, match="HTTP 404"):
        load(f"{server}/missing")


def test_unreachable_and_bad_urls() -> None:
    with pytest.raises(InputError, match="could not fetch"):
        load("http://127.0.0.1:9/article")  # the discard port: nothing listens there
    with pytest.raises(InputError, match="can fetch"):
        load("ftp://example.org/article")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_wide_html_with_a_bom_is_html(tmp_path: Path, encoding: str) -> None:
    page = tmp_path / "wide.html"
    text = PAGE if encoding != "utf-16-be" else "\ufeff" + PAGE
    page.write_bytes(text.encode(encoding))
    document = load(str(page))
    assert document.media_type == "html"
    assert "<title>T</title>" in document.text


def test_control_characters_are_dropped_before_parsing(tmp_path: Path) -> None:
    """Found by the fuzz test: one \\x01 in a page made lxml raise ValueError."""
    page = tmp_path / "page.html"
    page.write_bytes(b"\x01" + PAGE.encode("utf-8").replace(b"caf", b"c\x02af\x0c"))
    document = load(str(page))
    assert "\x01" not in document.text
    assert "\x02" not in document.text
    assert "Olá, caf\n" in document.text


def test_invisible_characters_that_split_words_are_removed(tmp_path: Path) -> None:
    page = tmp_path / "copy.txt"
    page.write_text("Das Mit\u00adtel\u00adal\u00adter und die Zeit\u200bwende.\n", "utf-8")
    assert load(str(page)).text == "Das Mittelalter und die Zeitwende.\n"


def test_decomposed_letters_are_composed(tmp_path: Path) -> None:
    """A page storing 'ü' as 'u' + U+0308 (dev-phrases t0041) read as the letter a person
    types: a lexicon entry or a search for 'geprüft' finds it."""
    page = tmp_path / "page.html"
    page.write_text(PAGE.replace("Olá", "Gepru\u0308ft und gepr\u00fcft"), "utf-8")
    assert "Geprüft und geprüft" in load(str(page)).text
