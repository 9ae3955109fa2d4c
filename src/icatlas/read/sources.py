"""Inputs to documents: files and directories (recursively), text, Markdown, HTML, JSON and JSON Lines.

A bad input never stops the batch: it becomes a ``Problem`` naming the file, the reason and what to do.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..dates import parse_iso, parse_month
from ..errors import IcatlasError, TooLargeError
from ..model import Document
from .clean import display_name, loads, storable, storable_value, why_not_json
from .decode import decode
from .html import extract_html

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                 ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
#: The largest document (article text, or a whole text file), chosen by measurement (benchmarks/size_limit.py): a page
#: of dense article text at this size is extracted in under 60 s on one core and 1 GB; extraction grows faster than
#: the text (its steps compare mentions with mentions), so twice the size takes about three times as long.
DEFAULT_MAX_BYTES = 512 * 1024
#: An HTML file may be this many times larger than the limit: its markup is read in linear time, and the limit applies
#: to the article text found in it.
HTML_MARKUP_FACTOR = 4


@dataclass
class ReadOptions:
    """How inputs are read: size limit per document, a default publish date, a forced encoding."""

    max_bytes: int = DEFAULT_MAX_BYTES
    published: str | None = None
    encoding: str | None = None


@dataclass
class Problem:
    """One bad input: which, why, and what to do about it."""

    source: str
    reason: str
    hint: str = ""
    severity: str = "error"

    def line(self) -> str:
        """The problem as one line (line breaks in a reason or a name become spaces)."""
        hint = f" ({self.hint})" if self.hint else ""
        return " ".join(f"{self.severity}: {self.source}: {self.reason}{hint}".split())


@dataclass
class Item:
    """A document read from an input, or the problem that stopped it, with warnings either way."""

    doc: Document | None = None
    problem: Problem | None = None
    warnings: list[Problem] = field(default_factory=list)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Problem]:
    """Every input file under ``paths``, sorted, skipping sidecar ``*.meta.json`` files. Whatever is not a folder is
    given to :func:`read_file`, which refuses what is not a regular file (a device, a FIFO, a socket, a broken link)
    with its reason."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            try:
                subs = sorted(path.rglob("*"))
            except OSError as exc:
                yield Problem(display_name(path), f"cannot list the folder: {exc.strerror or exc}",
                              "check its permissions")
                continue
            for sub in subs:
                if _supported(sub) and not sub.is_dir():
                    yield sub
        elif os.path.lexists(path):
            yield path
        else:
            yield Problem(display_name(path), "no such file or directory", "check the path")


def _supported(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES and not path.name.endswith(".meta.json")


def read_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """The documents in one file (several for JSON Lines), or the problems that stopped them. Nothing raises: a
    failure of any kind is the item's problem, and the items read before it stay."""
    name = display_name(path)
    try:
        yield from _read_file(path, name, opts)
    except Exception as exc:  # noqa: BLE001 - one input's failure must not stop the run
        yield Item(problem=Problem(name, f"cannot read: {one_line(exc)}", "skipped; please report this with the file"))


class NotRegular(OSError):
    """A path that is not a regular file (a device, a FIFO, a socket, a folder), refused before it is read."""


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary, refused with :class:`NotRegular` unless it is a regular file (a link
    is followed). Opening does not block on a FIFO, and nothing is read before the check."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegular(f"not a regular file but {_kind(mode)}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(f"not a regular file but {_kind(mode)}")
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _kind(mode: int) -> str:
    for test, what in ((stat.S_ISDIR, "a folder"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "a special file"


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of regular file ``path``; :class:`~icatlas.errors.TooLargeError` beyond ``limit`` bytes, checked
    before reading and while reading (a file that grows)."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise TooLargeError(str(size))
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(str(len(data)))
    return data


def _read_file(path: Path, name: str, opts: ReadOptions) -> Iterator[Item]:
    fmt = TEXT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        yield Item(problem=Problem(name, f"unsupported file type '{path.suffix or 'none'}'",
                                   "read are .txt, .md, .html, .htm, .json and .jsonl"))
        return
    try:
        if fmt == "jsonl":
            yield from _read_jsonl(path, name, opts)
            return
        data = read_bytes(path, opts.max_bytes * (HTML_MARKUP_FACTOR if fmt == "html" else 1))
    except NotRegular as exc:
        yield Item(problem=Problem(name, f"refused: {exc}", "only regular files are read"))
        return
    except TooLargeError as exc:
        yield Item(problem=_too_large(name, int(exc.message), opts, "HTML file" if fmt == "html" else "document"))
        return
    except OSError as exc:
        yield Item(problem=Problem(name, f"cannot read: {exc.strerror or exc}", "check its permissions"))
        return
    meta, side_warnings = _sidecar(path)
    try:
        decoded = decode(data, name, opts.encoding)
    except IcatlasError as exc:
        yield Item(problem=Problem(name, exc.message, exc.hint or ""))
        return
    warnings = list(side_warnings)
    if decoded.replaced:
        warnings.append(Problem(name, f"{decoded.replaced} invalid bytes replaced when reading as {decoded.encoding}",
                                "re-save it as UTF-8 or pass --encoding", "warning"))
    if fmt == "json":
        yield from _read_json(name, decoded.text, opts, warnings)
        return
    item = make_document(name, decoded.text, fmt, opts, meta, decoded.encoding)
    item.warnings[:0] = warnings
    yield item


def one_line(exc: BaseException) -> str:
    """An exception as one short line: its kind and the first line of its message."""
    msg = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {msg[0]}" if msg else type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _too_large(name: str, size: int, opts: ReadOptions, what: str = "document") -> Problem:
    limit = opts.max_bytes * (HTML_MARKUP_FACTOR if what == "HTML file" else 1)
    return Problem(name, f"{what} of {_size(size)} is over the limit of {_size(limit)}",
                   "skipped; raise it with --max-size or split the input")


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


#: Largest sidecar read; a sidecar holds a few fields.
MAX_SIDECAR = 1024 * 1024


def _sidecar(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The metadata of a sidecar NAME.meta.json, with a warning when it cannot be used."""
    for side in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        try:
            if not os.path.lexists(side):
                continue
            data = read_bytes(side, MAX_SIDECAR)
        except NotRegular as exc:
            return {}, [Problem(display_name(side), f"sidecar ignored: {exc}", "make it a JSON file", "warning")]
        except TooLargeError:
            return {}, [Problem(display_name(side), f"sidecar ignored: over {_size(MAX_SIDECAR)}",
                                'write {"published": ...}', "warning")]
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                continue  # the file's name is too long for a sidecar's to exist
            return {}, [Problem(display_name(side), f"sidecar ignored: cannot read ({exc.strerror or exc})",
                                "check its permissions", "warning")]
        try:
            meta = loads(data)
        except ValueError as exc:
            return {}, [Problem(display_name(side), f"sidecar ignored: not valid JSON ({why_not_json(exc)})",
                                "fix the file", "warning")]
        if not isinstance(meta, dict):
            return {}, [Problem(display_name(side), "sidecar ignored: not a JSON object", 'write {"published": ...}',
                                "warning")]
        if meta.get("published") and not parse_iso(str(meta["published"])) and not parse_month(meta["published"]):
            return meta, [Problem(display_name(side), f"sidecar date {str(meta['published'])[:40]!r} is not a date",
                                  "write it as YYYY-MM-DD", "warning")]
        return meta, []
    return {}, []


def make_document(source: str, text: str, fmt: str, opts: ReadOptions, meta: dict[str, Any] | None = None,
                  encoding: str | None = None) -> Item:
    """A document from decoded input text (HTML is reduced to its main text here)."""
    meta = storable_value(dict(meta or {}))
    source = storable(source)[0]
    text, changed = storable(text)
    warnings: list[Problem] = []
    if changed:
        warnings.append(Problem(source, f"{changed} NUL or unpaired surrogate character(s) removed or replaced",
                                "no store can hold them as text; the rest was read", "warning"))
    doc = Document(source=source, raw=text, original=text, fmt=fmt, encoding=encoding)
    if fmt == "html" or (fmt in ("json", "jsonl") and _looks_html(text)):
        parts = extract_html(text)
        if parts.truncated:
            warnings.append(Problem(source, "truncated HTML: the page ends before </body>",
                                    "read what was there; fetch the page again for the rest", "warning"))
        if not parts.text.strip():
            return Item(problem=Problem(source, "no article text found in the HTML", "check that it is a full page"),
                        warnings=warnings)
        article = len(parts.text.encode("utf-8", "surrogatepass"))
        if article > opts.max_bytes:
            return Item(problem=_too_large(source, article, opts, "article text"), warnings=warnings)
        doc.original = storable(parts.text)[0]
        doc.title = storable(parts.title)[0] if parts.title else None
        doc.url = storable(parts.url)[0] if parts.url else None
        if parts.published:
            doc.meta["published_page"] = parts.published
    elif not text.strip():
        return Item(problem=Problem(source, "empty document", "nothing to read"))
    if meta.get("title"):
        doc.title = str(meta["title"])
    if meta.get("url"):
        doc.url = str(meta["url"])
    default = parse_iso(meta.get("published")) or opts.published
    if default:
        doc.meta["published_default"] = default
    doc.meta.update({k: v for k, v in meta.items() if k not in ("text", "content")})
    return Item(doc=doc, warnings=warnings)


def _looks_html(text: str) -> bool:
    """Whether a record's text is an HTML page rather than plain text that mentions a tag: it starts with markup."""
    head = text[:2000].lstrip("\ufeff \t\r\n").lower()
    if not head.startswith("<"):
        return False
    return "<html" in head or "<body" in head or ("<p>" in head and "</p>" in head)


def record_item(source: str, rec: Any, opts: ReadOptions) -> Item:
    if not isinstance(rec, dict):
        return Item(problem=Problem(source, "record is not a JSON object", "each record needs a 'text' field"))
    text = rec.get("text") or rec.get("content") or rec.get("html")
    if not isinstance(text, str) or not text.strip():
        return Item(problem=Problem(source, "record has no 'text'", "each record needs a non-empty 'text' field"))
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > opts.max_bytes:
        return Item(problem=_too_large(source, size, opts))
    own = rec.get("id") or rec.get("url")
    meta = {k: rec[k] for k in ("title", "url", "published", "id") if rec.get(k)}
    page_date = parse_iso(rec.get("published"))
    item = make_document(str(own) if own else source, text, "jsonl", opts, meta)
    if item.doc and page_date:
        item.doc.meta["published_page"] = page_date
    return item


def _read_jsonl(path: Path, name: str, opts: ReadOptions) -> Iterator[Item]:
    with open_regular(path) as fh:
        n = 0
        while True:
            line = fh.readline(opts.max_bytes + 1)
            if not line:
                return
            n += 1
            source = f"{name}#{n}"
            if len(line) > opts.max_bytes and not line.endswith(b"\n"):
                size = len(line) + _skip_line(fh)
                yield Item(problem=_too_large(source, size, opts))
                continue
            if not line.strip():
                continue
            try:
                rec = loads(line)
            except UnicodeDecodeError:
                yield Item(problem=Problem(source, "line is not UTF-8", "JSON Lines must be UTF-8"))
                continue
            except ValueError as exc:
                yield Item(problem=Problem(source, f"line is not JSON ({why_not_json(exc)})", "fix or remove the line"))
                continue
            yield record_item(source, rec, opts)


def _skip_line(fh: BinaryIO, chunk: int = 1 << 20) -> int:
    """Read past the rest of an over-long line, a chunk at a time; how many bytes were skipped."""
    skipped = 0
    while True:
        part = fh.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


def _read_json(name: str, text: str, opts: ReadOptions, warnings: list[Problem]) -> Iterator[Item]:
    try:
        data = loads(text)
    except ValueError as exc:
        yield Item(problem=Problem(name, f"not valid JSON ({why_not_json(exc)})", "fix the file or use .jsonl"))
        return
    records = data if isinstance(data, list) else [data]
    for n, rec in enumerate(records, start=1):
        item = record_item(name if len(records) == 1 else f"{name}#{n}", rec, opts)
        item.warnings[:0] = warnings
        yield item


def read_inputs(paths: Iterable[str | os.PathLike[str]], opts: ReadOptions | None = None) -> Iterator[Item]:
    """Every document under ``paths``, with a Problem for each input that could not be read."""
    opts = opts or ReadOptions()
    for entry in iter_files(paths):
        if isinstance(entry, Problem):
            yield Item(problem=entry)
        else:
            yield from read_file(entry, opts)
