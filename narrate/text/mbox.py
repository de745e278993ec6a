"""An mbox file: the messages in it, and one of them named as `BOX.mbox#N`.

`narrate batch` lists an mbox as one article per message (`BOX.mbox#1`,
`BOX.mbox#2`, ...; numbered from 1 in the file's order) and `narrate article
BOX.mbox#N` reads one. The standard library's `mailbox` splits the file at
its `From ` lines and undoes their quoting (`>From`).
"""

from __future__ import annotations

import mailbox
import re
from email import policy
from email.parser import BytesHeaderParser
from pathlib import Path

from narrate.core.errors import InputError

_MEMBER = re.compile(r"^(?P<path>.+)#(?P<number>\d{1,7})$")  # #0 too: said out of range


def member(source: str) -> tuple[Path, int] | None:
    """(the mbox file, the message's number) for `BOX#N` when BOX is a file, else None."""
    match = _MEMBER.match(source)
    if match is None or not Path(match["path"]).is_file():
        return None
    return Path(match["path"]), int(match["number"])


def messages(path: Path) -> list[bytes]:
    """The messages of an mbox file, in order; InputError when it cannot be read."""
    try:
        box = mailbox.mbox(path, create=False)
        try:
            return [box.get_bytes(key) for key in box.iterkeys()]
        finally:
            box.close()
    except (OSError, mailbox.Error) as exc:
        raise InputError(f"cannot read the mailbox {path}: {exc}", "check the file") from exc


def message(path: Path, number: int) -> bytes:
    """Message `number` (from 1) of the mbox at `path`."""
    found = messages(path)
    if not 1 <= number <= len(found):
        raise InputError(
            f"{path} holds {len(found)} messages, not {number}", f"name one from 1 to {len(found)}"
        )
    return found[number - 1]


def count_in_bytes(raw: bytes) -> int:
    """How many messages an mbox held in memory (stdin) holds: its `From ` separator lines."""
    return len(re.findall(rb"(?:^|\n)From \S", raw))


def subject(raw: bytes) -> str:
    """A message's Subject, decoded ('' when it has none): names its episode in a batch."""
    try:
        value = BytesHeaderParser(policy=policy.default).parsebytes(raw).get("subject")
    except (ValueError, IndexError, TypeError, AttributeError):
        return ""
    return " ".join(str(value or "").split())
