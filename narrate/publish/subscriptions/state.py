"""What a podcast folder is subscribed to and what became of every article: one SQLite file.

`PODCASTS/.subscriptions.db` (a dotfile, so `narrate serve` never serves it)
holds the subscriptions (feeds and imported lists, with the validators of the
last fetch and the result of the last update) and every article they named:
queued, narrated, failed (with why, retried until MAX_ATTEMPTS) or skipped
(with why). SQLite rather than JSON because the queue also keeps the full
text of articles that came with it (feed `content:encoded`, Wallabag's
export) until they are narrated, and each change is one transaction: a
killed update loses nothing and the next one goes on from there.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from narrate.core.errors import InputError, OutputError

STATE_NAME = ".subscriptions.db"
LOCK_NAME = ".subscriptions.lock"
MAX_ATTEMPTS = 3  # a failed article is tried again by this many updates, then given up
Status = Literal["queued", "narrated", "failed", "skipped"]
Kind = Literal["feed", "import"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (
    url TEXT PRIMARY KEY,          -- the feed's URL, or import:<file> for an imported list
    kind TEXT NOT NULL,            -- feed | import
    title TEXT NOT NULL,
    folder TEXT NOT NULL,          -- where its episodes go, relative to the podcast folder
    added TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    checked TEXT,                  -- when the last update looked at it
    result TEXT,                   -- what that update found, in words
    private_ok INTEGER NOT NULL DEFAULT 0  -- its articles may come from private addresses
);
CREATE TABLE IF NOT EXISTS articles (
    subscription TEXT NOT NULL REFERENCES subscriptions(url) ON DELETE CASCADE,
    key TEXT NOT NULL,             -- the item's GUID, else its link
    title TEXT,
    link TEXT,
    author TEXT,
    date TEXT,                     -- ISO 8601: published (feeds) or saved (read-it-later lists)
    language TEXT,
    content TEXT,                  -- the whole article as HTML when the source carried it
    status TEXT NOT NULL,
    reason TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    episode TEXT,                  -- the episode's path without suffix, relative to the folder
    seen TEXT NOT NULL,            -- when it was first listed
    PRIMARY KEY (subscription, key)
);
"""


@dataclass(frozen=True, slots=True)
class Subscription:
    url: str
    kind: Kind
    title: str
    folder: str
    added: str
    etag: str | None = None
    last_modified: str | None = None
    checked: str | None = None
    result: str | None = None
    private_ok: bool = False  # its articles may come from private and local addresses


@dataclass(frozen=True, slots=True)
class Article:
    """An article a subscription named, and what became of it."""

    subscription: str
    key: str
    title: str | None
    link: str | None
    author: str | None = None
    date: str | None = None
    language: str | None = None
    content: str | None = None
    status: Status = "queued"
    reason: str | None = None
    attempts: int = 0
    episode: str | None = None
    seen: str = ""

    @property
    def retryable(self) -> bool:
        return self.status == "queued" or (self.status == "failed" and self.attempts < MAX_ATTEMPTS)


def _subscription(row: sqlite3.Row) -> Subscription:
    data = dict(row)
    data["private_ok"] = bool(data.get("private_ok"))
    return Subscription(**data)


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class State:
    """The folder's subscription state; every method is one transaction."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / STATE_NAME
        if folder.is_file():
            raise InputError(f"{folder} is a file", "give the folder of your subscriptions")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.executescript(_SCHEMA)
            self._add_missing_columns()
        except (OSError, sqlite3.Error) as exc:
            raise OutputError(f"cannot open {self.path}: {exc}", "check the folder") from exc

    def _add_missing_columns(self) -> None:
        """A folder subscribed by an older narrate gets the columns added since."""
        known = {row["name"] for row in self._db.execute("PRAGMA table_info(subscriptions)")}
        if "private_ok" not in known:
            self._db.execute(
                "ALTER TABLE subscriptions ADD COLUMN private_ok INTEGER NOT NULL DEFAULT 0"
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> State:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise OutputError(f"cannot update {self.path}: {exc}", "check the folder") from exc

    # Subscriptions

    def subscriptions(self) -> list[Subscription]:
        rows = self._db.execute("SELECT * FROM subscriptions ORDER BY added, url").fetchall()
        return [_subscription(row) for row in rows]

    def subscription(self, url: str) -> Subscription | None:
        row = self._db.execute("SELECT * FROM subscriptions WHERE url = ?", (url,)).fetchone()
        return _subscription(row) if row else None

    def add_subscription(self, sub: Subscription) -> bool:
        """Record a subscription; False when it was there already (it is left as it was)."""
        with self._transaction() as db:
            columns = [f.name for f in fields(Subscription)]
            cursor = db.execute(
                f"INSERT OR IGNORE INTO subscriptions ({', '.join(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})",
                tuple(getattr(sub, name) for name in columns),
            )
            return cursor.rowcount == 1

    def allow_private(self, url: str) -> None:
        """Let a subscription's articles come from private and local addresses."""
        with self._transaction() as db:
            db.execute("UPDATE subscriptions SET private_ok = 1 WHERE url = ?", (url,))

    def checked(
        self, url: str, result: str, validators: tuple[str | None, str | None] | None = None
    ) -> None:
        """What an update found; a full answer's (ETag, Last-Modified) replace the old ones."""
        with self._transaction() as db:
            db.execute(
                "UPDATE subscriptions SET checked = ?, result = ? WHERE url = ?",
                (now(), result, url),
            )
            if validators is not None:
                db.execute(
                    "UPDATE subscriptions SET etag = ?, last_modified = ? WHERE url = ?",
                    (*validators, url),
                )

    def retitle(self, url: str, title: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE subscriptions SET title = ? WHERE url = ?", (title, url))

    # Articles

    def add_articles(self, articles: list[Article]) -> int:
        """Record articles not seen before; those already known keep their state. How many new."""
        columns = [f.name for f in fields(Article)]
        placeholders = ", ".join("?" for _ in columns)
        added = 0
        with self._transaction() as db:
            for article in articles:
                values = [getattr(article, name) for name in columns]
                values[columns.index("seen")] = article.seen or now()
                cursor = db.execute(
                    f"INSERT OR IGNORE INTO articles ({', '.join(columns)})"
                    f" VALUES ({placeholders})",
                    values,
                )
                added += cursor.rowcount
        return added

    def articles(self, status: Status | None = None) -> list[Article]:
        """Articles, newest first (undated ones by when they were first listed)."""
        query = "SELECT * FROM articles" + (" WHERE status = ?" if status else "")
        query += " ORDER BY coalesce(date, seen) DESC, seen DESC, key"
        rows = self._db.execute(query, (status,) if status else ()).fetchall()
        return [Article(**dict(row)) for row in rows]

    def pending(self) -> list[Article]:
        """What an update would narrate, in the order it would: newest first."""
        return [a for a in self.articles() if a.retryable]

    def set_episode(self, article: Article, episode: str) -> None:
        self._set(article, episode=episode)

    def narrated(self, article: Article) -> None:
        self._set(article, status="narrated", reason=None, content=None)

    def skipped(self, article: Article, reason: str) -> None:
        self._set(article, status="skipped", reason=reason, content=None)

    def held_back(self, article: Article, reason: str) -> None:
        self._set(article, reason=reason)

    def failed(self, article: Article, reason: str) -> None:
        attempts = article.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            reason = f"gave up after {attempts} attempts: {reason}"
        self._set(article, status="failed", reason=reason, attempts=attempts)

    def episode_taken(self, episode: str, article: Article) -> bool:
        """True when another article already owns this episode path."""
        row = self._db.execute(
            "SELECT 1 FROM articles WHERE episode = ? AND NOT (subscription = ? AND key = ?)",
            (episode, article.subscription, article.key),
        ).fetchone()
        return row is not None

    def narrated_link(self, link: str) -> Article | None:
        """An article with this link that was narrated already (from any subscription)."""
        row = self._db.execute(
            "SELECT * FROM articles WHERE link = ? AND status = 'narrated' LIMIT 1", (link,)
        ).fetchone()
        return Article(**dict(row)) if row else None

    def _set(self, article: Article, **values: Any) -> None:
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self._transaction() as db:
            db.execute(
                f"UPDATE articles SET {assignments} WHERE subscription = ? AND key = ?",
                (*values.values(), article.subscription, article.key),
            )


@contextmanager
def update_lock(folder: Path) -> Iterator[None]:
    """Only one update of a folder at a time (`narrate update` beside `serve --update-every`).

    An advisory lock on a file of its own, released by the OS when the holder
    dies, so a killed update never leaves the folder locked. Where there is no
    fcntl (Windows) updates are not serialised.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}", "check the folder") from exc
    with closing(os.fdopen(handle, "r+")) as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise InputError(
                f"another update of {folder} is running", "wait for it to finish"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
