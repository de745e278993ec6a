"""A read-it-later inbox: files dropped into a folder are narrated into OUTDIR, then the feed grows.

A file counts when it has settled (same size and mtime on two polls in a row),
so a page still being copied is not read half-written. `.url` files hold one
URL per line (blank lines and `#` comments are skipped); any other file is
read as an article (saved HTML page or text copy). A file picked up moves to
`.working/` first, so a new file dropped under the same name while the first is
narrated is a new article, never swallowed with the first. A URL from a `.url` file may
reach public addresses only (narrate/core/reach.py), unless the inbox is made
with `reach=ANYWHERE` (`serve --allow-private`). Each processed file moves
to `.done/` inside the inbox, a failed one to `.failed/`, so nothing is redone
and nothing is lost; one left in `.working/` by a stopped watcher goes back into
the inbox when the next one starts. Each file picked up, the episode made of it or why it
failed, and where the file went are logged (INFO; failures WARNING), and the
watcher goes on. Polling rather than inotify: it works the same on every OS and
on network folders.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from narrate.core.errors import InputError, NarrateError
from narrate.core.reach import Reach, reaching
from narrate.core.sources import url_list
from narrate.publish.repeat import Repeating

log = logging.getLogger(__name__)

DONE, FAILED, WORKING = ".done", ".failed", ".working"
# Partial downloads and editor files: never articles.
IGNORED_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", "~", ".swp")

Narrate = Callable[[str], object]  # narrates one source (path or URL) into OUTDIR; its episode
FROM_INBOX = Reach(public_only=True, why="a URL dropped into the inbox")


def make_inbox(folder: Path) -> None:
    """The inbox's folder, made when missing; InputError when a file stands in the way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, or a file on the way to it
        what = "is a file" if folder.is_file() else f"cannot be made: {exc.strerror}"
        raise InputError(f"the inbox {folder} {what}", "give --inbox a folder") from None


class Inbox:
    """Polls a folder in a background thread; narrates settled files; calls on_added after each."""

    def __init__(
        self,
        folder: Path,
        narrate: Narrate,
        on_added: Callable[[], object],
        interval_s: float = 2.0,
        reach: Reach = FROM_INBOX,
    ) -> None:
        self.folder = folder
        self.narrate = narrate
        self.reach = reach
        self.on_added = on_added
        self.interval_s = interval_s
        self._sightings: dict[Path, tuple[int, int]] = {}
        self._timer = Repeating(self.poll, interval_s, "narrate-inbox")

    def start(self) -> Inbox:
        make_inbox(self.folder)
        self._put_back()
        self._timer.start()
        return self

    def stop(self, timeout_s: float = 30.0) -> None:
        """Stop polling; waits (bounded) for an article being narrated to finish."""
        self._timer.stop(timeout_s)

    def poll(self) -> list[Path]:
        """One pass: process every file that has settled since the last pass."""
        processed = []
        for path in self._settled():
            if self._timer.stopping:
                break
            working = self._file_away(path, WORKING)
            if working is None:
                continue  # said why; the file stays where it is and is tried again
            ok = self._process(working)
            self._file_away(working, DONE if ok else FAILED)
            processed.append(path)
        return processed

    def _settled(self) -> list[Path]:
        current = {}
        for path in sorted(self.folder.iterdir()):
            if path.name.startswith(".") or path.name.endswith(IGNORED_SUFFIXES):
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            if path.is_file():
                current[path] = (stat.st_size, stat.st_mtime_ns)
        settled = [p for p, seen in current.items() if self._sightings.get(p) == seen]
        self._sightings = {p: s for p, s in current.items() if p not in settled}
        return settled

    def _process(self, path: Path) -> bool:
        """Narrate every source the file names; True when all of them were narrated."""
        log.info("inbox: picked up %s", path.name)
        found = sources(path)
        if not found:
            log.warning("inbox: %s names no http(s) URL", path.name)
        ok = bool(found)
        for source in found:
            shown = path.name if source == str(path) else source
            try:
                with reaching(self.reach):
                    episode = self.narrate(source)
                log.info("inbox: %s -> %s", shown, getattr(episode, "audio_path", episode))
            except NarrateError as exc:
                log.warning("inbox: %s failed: %s", shown, exc)
                ok = False
                continue
            except Exception:  # an unexpected bug in one article must not stop the inbox
                log.exception("inbox: %s failed", source)
                ok = False
                continue
            try:
                self.on_added()
            except Exception:
                log.exception("inbox: updating the feed after %s failed", source)
        return ok

    def _put_back(self) -> None:
        """Files a stopped watcher was narrating go back into the inbox, to be read again."""
        working = self.folder / WORKING
        if working.is_dir():
            for path in sorted(working.iterdir()):
                if path.is_file():
                    self._move(path, self.folder)

    def _file_away(self, path: Path, subfolder: str) -> Path | None:
        """`path` moved into the inbox's `subfolder` (None: it could not be moved)."""
        target_dir = self.folder / subfolder
        target_dir.mkdir(exist_ok=True)
        return self._move(path, target_dir)

    def _move(self, path: Path, target_dir: Path) -> Path | None:
        target = target_dir / path.name
        if target.exists():
            target = target_dir / f"{path.stem}.{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}"
        if target.exists():
            target = target_dir / f"{path.stem}.{time.time_ns()}{path.suffix}"
        try:
            path.replace(target)
        except OSError as exc:
            log.warning("inbox: cannot move %s to %s: %s", path, target_dir, exc.strerror)
            return None
        if target_dir.name != WORKING:
            log.info("inbox: moved %s to %s", path.name, target)
        return target


def sources(path: Path) -> list[str]:
    """What a dropped file asks for: the URLs in a .url file, else the file itself."""
    if path.suffix.lower() != ".url":
        return [str(path)]
    urls = url_list(path)
    if urls is None:
        log.warning("inbox: %s is not a list of http(s) addresses", path)
        return []
    return urls
