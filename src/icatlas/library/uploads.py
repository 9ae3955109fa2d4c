"""Uploads: one text or file run through the one ingest path (:func:`icatlas.pipeline.ingest`) and stored, as the
web app's upload form and ``POST /api/documents`` give them (:meth:`icatlas.atlas.Atlas.upload_text`,
:meth:`~icatlas.atlas.Atlas.upload_file`)."""
from __future__ import annotations

import re
from typing import Any

from ..errors import UsageError
from ..store import Store


#: File kinds an upload may be, by the file name's ending; the name is a label, never a path.
UPLOAD_FORMATS = {".txt": "txt", ".text": "txt", ".md": "txt", ".html": "html", ".htm": "html"}


def upload(store: Store, title: str, text: Any, published: Any) -> dict[str, Any]:
    """Run the ingest pipeline on one text and store it: ``{"id", "url", "status"}``."""
    from ..read.sources import ReadOptions, record_item

    if not isinstance(text, str) or not text.strip():
        raise UsageError("the document has no text", 'send {"title", "text", "published"} with a non-empty text')
    rec: dict[str, Any] = {"text": text}
    if title:
        rec["title"] = str(title)
    if published:
        rec["published"] = str(published)
    return ingest_item(store, record_item(f"upload:{(title or 'untitled')[:60]}", rec, ReadOptions()))


def upload_file(store: Store, filename: str, raw: bytes, title: str = "", published: Any = None) -> dict[str, Any]:
    """Ingest an uploaded file (plain text or an HTML page, any common Chinese encoding): ``{"id", "url", ...}``."""
    from ..read.decode import decode
    from ..read.sources import ReadOptions, make_document

    label = re.sub(r"[\x00-\x1f]", "", re.split(r"[/\\]", filename.strip())[-1])[-80:] or "file"
    suffix = ("." + label.rsplit(".", 1)[-1].lower()) if "." in label else ""
    fmt = UPLOAD_FORMATS.get(suffix)
    if fmt is None:
        raise UsageError(f"cannot read a {suffix or 'nameless'} file",
                         "upload a .txt, .md, .html or .htm file, or paste the text")
    if not raw.strip():
        raise UsageError("the file is empty", "choose a file with the article's text")
    dec = decode(raw, label)
    meta: dict[str, Any] = {}
    if title:
        meta["title"] = str(title)
    if published:
        meta["published"] = str(published)
    return ingest_item(store, make_document(f"upload:{label}", dec.text, fmt, ReadOptions(), meta, dec.encoding))


def ingest_item(store: Store, item: Any) -> dict[str, Any]:
    """Process and store one read item: ``{"id", "url", "status", "duplicate_of"}``; a usage error when it fails."""
    from ..pipeline import Report, ingest

    report = Report()
    done = next(ingest(store, [item], report), None)
    if done is None:
        problem = report.errors[0] if report.errors else None
        raise UsageError(f"the document could not be processed: {problem.reason if problem else 'unknown'}",
                         (problem.hint or None) if problem else None)
    res = done[1]
    return {"id": res.doc_id, "url": f"/documents/{res.doc_id}", "status": res.status,
            "duplicate_of": res.duplicate_of}
