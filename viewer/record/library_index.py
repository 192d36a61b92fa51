"""The library's index: a cache in SQLite of what the list shows and the words search looks in.

It holds, per record, the list's columns and each distinct word of its titles, labels,
quotes and source text (never the text itself), in a file only its owner can read. A
record is read again when its size, modification time, change time or inode differ
from those stored. Deleting the file loses nothing: the next scan builds it again.
When the file cannot be opened, is not an index, or cannot be written, the index
lives in memory for this run instead.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import msgspec

from viewer.record.library import Candidate, Entry, distinct_words, find_records, read_entry

INDEX_NAME = "library-index.sqlite3"
_VERSION = 1
_SCHEMA = """
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    entry BLOB NOT NULL
);
CREATE VIRTUAL TABLE search USING fts5(
    title, unknown_title, words, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
"""
_encoder = msgspec.json.Encoder()
_decoder = msgspec.json.Decoder(Entry)


class LibraryIndex:
    """The index at `file` (None: in memory only). A scan's thread and the GUI thread may both use it:
    each call holds the index's lock while it uses the connection."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.problem = ""
        """Why the index is in memory though a file was given; empty otherwise."""
        self._lock = threading.Lock()
        self._connection = self._open(file)

    def _open(self, file: Path | None) -> sqlite3.Connection:
        if file is not None:
            try:
                return _connect(file)
            except (OSError, sqlite3.Error) as error:
                self.problem = f"the library index {file} cannot be used ({error}); it is kept in memory"
        connection = sqlite3.connect(":memory:", check_same_thread=False)
        connection.executescript(_SCHEMA)
        return connection

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def sync(self, folder: str | Path, progress: Callable[[int, int], None] | None = None) -> list[Entry]:
        """Every record under `folder`, read again only where it changed; `progress(done, total)` after
        each record read (`total`: those to read)."""
        candidates = list(find_records(folder))
        with self._lock:
            try:
                return self._sync(folder, candidates, progress)
            except sqlite3.Error as error:
                # Written by another run, full disk, corrupted since: the folder is still listed.
                self.problem = f"the library index cannot be used ({error}); it is kept in memory"
                self._connection.close()
                self._connection = self._open(None)
                return self._sync(folder, candidates, progress)

    def _sync(
        self, folder: str | Path, candidates: list[Candidate], progress: Callable[[int, int], None] | None
    ) -> list[Entry]:
        db = self._connection
        prefix = os.path.join(os.path.abspath(folder), "")
        stored = {
            row[1]: row
            for row in db.execute(
                "SELECT id, path, size, mtime_ns, ctime_ns, inode, entry FROM records WHERE substr(path, 1, ?) = ?",
                (len(prefix), prefix),
            )
        }
        changed = {
            candidate.path
            for candidate in candidates
            if (row := stored.get(os.path.abspath(candidate.path))) is None or tuple(row[2:6]) != _stamp(candidate)
        }
        entries = []
        done = 0
        with db:
            for candidate in candidates:
                key = os.path.abspath(candidate.path)
                row = stored.pop(key, None)
                if candidate.path not in changed:
                    assert row is not None
                    entries.append(msgspec.structs.replace(_decoder.decode(row[6]), path=candidate.path))
                    continue
                entry = read_entry(candidate.path)
                entries.append(entry)
                if row is not None:
                    _delete(db, row[0])
                self._store(key, candidate, entry)
                done += 1
                if progress is not None:
                    progress(done, len(changed))
            for row in stored.values():
                _delete(db, row[0])
        return entries

    def _store(self, key: str, candidate: Candidate, entry: Entry) -> None:
        db = self._connection
        listed = msgspec.structs.replace(entry, words="")
        cursor = db.execute(
            "INSERT INTO records (path, size, mtime_ns, ctime_ns, inode, entry) VALUES (?, ?, ?, ?, ?, ?)",
            (key, *_stamp(candidate), _encoder.encode(listed)),
        )
        words = entry.words or distinct_words([entry.title, entry.unknown_title])
        db.execute(
            "INSERT INTO search (rowid, title, unknown_title, words) VALUES (?, ?, ?, ?)",
            (cursor.lastrowid, entry.title, entry.unknown_title, words),
        )

    def search(self, folder: str | Path, text: str, unknown: bool = False) -> set[str] | None:
        """The absolute paths of the records under `folder` that have every word of `text` (each
        as the start of a word), ignoring case and accents; None when `text` has no words.
        In unknown-case mode only unknown titles are looked in: any other text may name the diagnosis.
        """
        query = match_query(text, "unknown_title" if unknown else None)
        if not query:
            return None
        prefix = os.path.join(os.path.abspath(folder), "")
        with self._lock:
            rows = self._connection.execute(
                "SELECT records.path FROM search JOIN records ON records.id = search.rowid "
                "WHERE search MATCH ? AND substr(records.path, 1, ?) = ?",
                (query, len(prefix), prefix),
            ).fetchall()
        return {row[0] for row in rows}


def match_query(text: str, column: str | None = None) -> str:
    """An FTS5 query for every word of `text` as the start of a word, in `column` if given."""
    words = [word for word in distinct_words([text]).split() if word]
    if not words:
        return ""
    terms = " AND ".join(f'"{word}"*' for word in words)
    return f"{column} : ({terms})" if column else terms


def _stamp(candidate: Candidate) -> tuple[int, int, int, int]:
    return candidate.size, candidate.mtime_ns, candidate.ctime_ns, candidate.inode


def _delete(db: sqlite3.Connection, row_id: int) -> None:
    db.execute("DELETE FROM records WHERE id = ?", (row_id,))
    db.execute("DELETE FROM search WHERE rowid = ?", (row_id,))


def _connect(file: Path) -> sqlite3.Connection:
    """The index file, made (owner-only, in an owner-only folder) when missing; raises if unusable."""
    file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(file.parent, 0o700)
    # Created empty with owner-only permissions before SQLite opens it; SQLite gives its journal the same.
    os.close(os.open(file, os.O_RDWR | os.O_CREAT, 0o600))
    os.chmod(file, 0o600)
    connection = sqlite3.connect(file, check_same_thread=False, timeout=1.0)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and not connection.execute("SELECT name FROM sqlite_master").fetchall():
            connection.executescript(_SCHEMA + f"PRAGMA user_version = {_VERSION};")
        elif version != _VERSION:
            raise sqlite3.DatabaseError(f"an index of another version ({version})")
        connection.execute("SELECT count(*) FROM records JOIN search ON search.rowid = records.id").fetchone()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    except BaseException:
        connection.close()
        raise
    return connection


def delete_index(file: Path) -> None:
    """Delete the index file and its journal, if there are any."""
    for each in (file, file.with_name(file.name + "-journal"), file.with_name(file.name + "-wal")):
        each.unlink(missing_ok=True)
