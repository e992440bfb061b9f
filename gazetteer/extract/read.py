"""Reading reports: ``.txt`` (UTF-8), ``.html`` (main text via trafilatura), ``.pdf``
(text layer via pypdf); a folder stands for the reports in it.

Every refusal is an :class:`~geo.errors.InputError` naming the file: not UTF-8, binary,
empty, too large, a PDF without a text layer, an unknown suffix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError

SUFFIXES = (".txt", ".html", ".htm", ".pdf")
MAX_BYTES = 20_000_000
SKIPPED = ("readme",)  # a folder's README is not a report


@dataclass(frozen=True, slots=True)
class Report:
    """A report as read: its text (what offsets index into) and what the file says."""

    path: Path
    text: str
    title: str = ""
    outlet: str = ""
    published: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD when the file's metadata gives it


def report_paths(paths: list[Path]) -> list[Path]:
    """The report files: each file as given, each folder's reports in name order."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            inside = sorted(
                f
                for f in p.iterdir()
                if f.is_file()
                and f.suffix.lower() in SUFFIXES
                and not f.name.lower().startswith(SKIPPED)
            )
            if not inside:
                raise InputError(f"no reports ({', '.join(SUFFIXES)}) in the folder", file=str(p))
            out.extend(inside)
        elif not p.exists():
            raise InputError("no such file", file=str(p))
        else:
            out.append(p)
    return out


def read_report(path: Path) -> Report:
    """Read one report file.

    Raises
    ------
    InputError
        With ``file`` set: an unknown suffix, an empty, binary, non-UTF-8 or over-large
        file, an HTML page without main text, a PDF without a text layer.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"not a report file (give {', '.join(SUFFIXES)}, or a folder)", file=str(path)
        )
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"file of {size:,} bytes; at most {MAX_BYTES:,}", file=str(path))
    data = path.read_bytes()
    if not data.strip():
        raise InputError("empty file", file=str(path))
    if suffix == ".pdf":
        return _pdf(path, data)
    text = _utf8(path, data)
    if suffix in (".html", ".htm"):
        return _html(path, text)
    return Report(path, text)


def _utf8(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("a binary file, not text", file=str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte {exc.start}); convert it to UTF-8 first", file=str(path)
        ) from None


def _html(path: Path, page: str) -> Report:
    import trafilatura

    text = trafilatura.extract(page, include_comments=False, include_tables=False)
    if not text or not text.strip():
        raise InputError("no main text found in the HTML page", file=str(path))
    meta = trafilatura.extract_metadata(page)
    title = (meta.title or "") if meta is not None else ""
    outlet = (meta.sitename or "") if meta is not None else ""
    date = (meta.date or "") if meta is not None else ""
    return Report(path, text, title=title, outlet=outlet, published=date[:10])


def _pdf(path: Path, data: bytes) -> Report:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"not a readable PDF ({str(exc)[:80]})", file=str(path)) from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise InputError(
            "a PDF without a text layer (scanned?): run OCR on it first", file=str(path)
        )
    info = reader.metadata
    title = str(info.title or "") if info is not None else ""
    return Report(path, text, title=title)
