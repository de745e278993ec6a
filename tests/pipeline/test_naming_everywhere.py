"""Episode names are the same wherever an episode goes and whatever it is read from: a
folder or a bucket (moto's S3 server on 127.0.0.1), a page, a note from stdin, an e-mail
or an mbox's message, by `article` or `batch` (pipeline/naming.py). Distinct articles get
distinct names; the same source narrated again replaces its own episode."""

from __future__ import annotations

import mailbox
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import pytest
from typer.testing import CliRunner

from narrate.cli.app import app
from tests.s3_server import S3Server, quiet_aws_environment

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_machine_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    quiet_aws_environment(monkeypatch, tmp_path)


def _letter(subject: str, sender: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = subject, sender, "me@example.org"
    message["Date"] = "Mon, 30 Nov 2026 10:00:00 +0000"
    message.set_content(body)
    return message


ANN = _letter("Weekly notes", "Ann <ann@example.org>",
              "The garden grew well this week. We planted beans and peas along the fence.\n\n"
              "Next week we will water them twice a day, as the weather turns warm.\n")  # fmt: skip
BOB = _letter("Weekly notes", "Bob <bob@example.org>",
              "The workshop opened on Tuesday. Twelve people came to learn to mend chairs.\n\n"
              "We will meet again on Friday to finish the legs and the seats.\n")  # fmt: skip
CY = _letter("Harbour news", "Cy <cy@example.org>",
             "The ferry runs again from Monday. The timetable is on the harbour board.\n\n"
             "Tickets cost the same as last year, and children travel free.\n")  # fmt: skip
NOTES = (b"We met at noon. The tea was cold.\n", b"A second note came later. It is short too.\n")


def _inputs(root: Path) -> tuple[Path, Path]:
    """A folder of two letters of the same subject, and a folder with an mbox of three."""
    letters, boxes = root / "letters", root / "boxes"
    letters.mkdir()
    boxes.mkdir()
    (letters / "a.eml").write_bytes(bytes(ANN))
    (letters / "b.eml").write_bytes(bytes(BOB))
    box = mailbox.mbox(boxes / "box.mbox")
    for message in (ANN, BOB, CY):
        box.add(message)
    box.flush()
    return letters, boxes


def _run(*args: str, stdin: bytes | None = None) -> None:
    result = runner.invoke(app, [*args, "-q"], input=stdin)
    assert result.exit_code == 0, result.output


def _check_names(out: str, episodes: Callable[[str], list[str]], letters: Path, boxes: Path,
                 extra: list[str]) -> None:  # fmt: skip
    """The same commands into `out` (a folder or a bucket) give the same names."""
    _run("article", str(letters / "a.eml"), "-o", f"{out}/one", *extra)
    _run("article", str(letters / "b.eml"), "-o", f"{out}/one", *extra)
    _run("article", str(letters / "a.eml"), "-o", f"{out}/one", *extra)  # its own, replaced
    assert episodes("one") == ["weekly-notes", "weekly-notes-2"]
    for note in (*NOTES, NOTES[0]):
        _run("article", "-", "-o", f"{out}/notes", *extra, stdin=note)
    assert episodes("notes") == ["untitled", "untitled-2"]
    for _ in range(2):  # the second batch finds its own episodes up to date
        _run("batch", str(letters), "-o", f"{out}/batch", *extra)
        _run("batch", str(boxes), "-o", f"{out}/batch", *extra)
    assert episodes("batch") == [
        "box/harbour-news", "box/weekly-notes", "box/weekly-notes-2",
        "weekly-notes", "weekly-notes-2",
    ]  # fmt: skip


@pytest.mark.slow
def test_a_folder_and_a_bucket_name_episodes_alike(s3: S3Server, tmp_path: Path) -> None:
    letters, boxes = _inputs(tmp_path)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    local = tmp_path / "out"

    def in_folder(prefix: str) -> list[str]:
        return sorted(p.relative_to(local / prefix).with_suffix("").as_posix()
                      for p in (local / prefix).rglob("*.mp3"))  # fmt: skip

    _check_names(str(local), in_folder, letters, boxes, cache)

    bucket = s3.bucket("names")

    def in_bucket(prefix: str) -> list[str]:
        keys = s3.keys("names", prefix + "/")
        return sorted(k.removeprefix(prefix + "/").removesuffix(".mp3")
                      for k in keys if k.endswith(".mp3"))  # fmt: skip

    _check_names(bucket, in_bucket, letters, boxes, [*cache, *s3.cli])
    # every episode in the bucket is whole: its manifest names its audio
    assert len([k for k in s3.keys("names") if k.endswith(".json") and "chapters" not in k]) == 9
