"""Inputs to documents: files and directories (recursively), text, Markdown, HTML, JSON and JSON Lines.

A bad input never stops the batch: it becomes a ``Problem`` naming the file, the reason and what to do.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..dates import parse_iso
from ..errors import IcatlasError
from ..model import Document
from .decode import decode
from .html import extract_html

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
                 ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


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
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.severity}: {self.source}: {self.reason}{hint}"


@dataclass
class Item:
    """A document read from an input, or the problem that stopped it, with warnings either way."""

    doc: Document | None = None
    problem: Problem | None = None
    warnings: list[Problem] = field(default_factory=list)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Problem]:
    """Every readable input file under ``paths``, sorted, skipping sidecar ``*.meta.json`` files."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for sub in sorted(path.rglob("*")):
                if (sub.is_file() or sub.is_symlink()) and _supported(sub):
                    yield sub
        elif path.is_file() or path.is_symlink():
            yield path
        else:
            yield Problem(str(path), "no such file or directory", "check the path")


def _supported(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES and not path.name.endswith(".meta.json")


def read_file(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """The documents in one file (several for JSON Lines), or the problems that stopped them."""
    name = str(path)
    fmt = TEXT_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        yield Item(problem=Problem(name, f"unsupported file type '{path.suffix or 'none'}'",
                                   "read are .txt, .md, .html, .htm, .json and .jsonl"))
        return
    try:
        size = path.stat().st_size
        if fmt != "jsonl" and size > opts.max_bytes:
            yield Item(problem=_too_large(name, size, opts))
            return
        if fmt == "jsonl":
            yield from _read_jsonl(path, opts)
            return
        data = path.read_bytes()
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


def _too_large(name: str, size: int, opts: ReadOptions) -> Problem:
    return Problem(name, f"document of {_size(size)} is over the limit of {_size(opts.max_bytes)}",
                   "skipped; raise it with --max-size or split the input")


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


def _sidecar(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """The metadata of a sidecar NAME.meta.json, with a warning when it cannot be used."""
    for side in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if side.is_file():
            try:
                meta = json.loads(side.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError) as exc:
                return {}, [Problem(str(side), f"sidecar ignored: not valid JSON ({exc})", "fix the file", "warning")]
            if not isinstance(meta, dict):
                return {}, [Problem(str(side), "sidecar ignored: not a JSON object", 'write {"published": ...}',
                                    "warning")]
            if meta.get("published") and not parse_iso(str(meta["published"])):
                return meta, [Problem(str(side), f"sidecar date {meta['published']!r} is not a date",
                                      "write it as YYYY-MM-DD", "warning")]
            return meta, []
    return {}, []


def make_document(source: str, text: str, fmt: str, opts: ReadOptions, meta: dict[str, Any] | None = None,
                  encoding: str | None = None) -> Item:
    """A document from decoded input text (HTML is reduced to its main text here)."""
    meta = dict(meta or {})
    doc = Document(source=source, raw=text, original=text, fmt=fmt, encoding=encoding)
    warnings: list[Problem] = []
    if fmt == "html" or (fmt in ("json", "jsonl") and _looks_html(text)):
        parts = extract_html(text)
        if parts.truncated:
            warnings.append(Problem(source, "truncated HTML: the page ends before </body>",
                                    "read what was there; fetch the page again for the rest", "warning"))
        if not parts.text.strip():
            return Item(problem=Problem(source, "no article text found in the HTML", "check that it is a full page"),
                        warnings=warnings)
        doc.original = parts.text
        doc.title = parts.title
        doc.url = parts.url
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
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or ("<p>" in head and "</p>" in head)


def record_item(source: str, rec: Any, opts: ReadOptions) -> Item:
    if not isinstance(rec, dict):
        return Item(problem=Problem(source, "record is not a JSON object", "each record needs a 'text' field"))
    text = rec.get("text") or rec.get("content") or rec.get("html")
    if not isinstance(text, str) or not text.strip():
        return Item(problem=Problem(source, "record has no 'text'", "each record needs a non-empty 'text' field"))
    if len(text.encode("utf-8")) > opts.max_bytes:
        return Item(problem=_too_large(source, len(text.encode("utf-8")), opts))
    own = rec.get("id") or rec.get("url")
    meta = {k: rec[k] for k in ("title", "url", "published", "id") if rec.get(k)}
    page_date = parse_iso(rec.get("published"))
    item = make_document(str(own) if own else source, text, "jsonl", opts, meta)
    if item.doc and page_date:
        item.doc.meta["published_page"] = page_date
    return item


def _read_jsonl(path: Path, opts: ReadOptions) -> Iterator[Item]:
    name = str(path)
    with path.open("rb") as fh:
        for n, line in enumerate(fh, start=1):
            source = f"{name}#{n}"
            if not line.strip():
                continue
            if len(line) > opts.max_bytes:
                yield Item(problem=_too_large(source, len(line), opts))
                continue
            try:
                rec = json.loads(line.decode("utf-8-sig"))
            except UnicodeDecodeError:
                yield Item(problem=Problem(source, "line is not UTF-8", "JSON Lines must be UTF-8"))
                continue
            except ValueError as exc:
                yield Item(problem=Problem(source, f"line is not JSON ({exc.args[0][:60]})", "fix or remove the line"))
                continue
            yield record_item(source, rec, opts)


def _read_json(name: str, text: str, opts: ReadOptions, warnings: list[Problem]) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        yield Item(problem=Problem(name, f"not valid JSON ({exc.args[0][:60]})", "fix the file or use .jsonl"))
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
