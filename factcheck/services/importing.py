"""Bringing articles in: decoding, fetching, cleaning, storing, extracting.

Every entry point reports one ImportResult per article, so a bad item is reported and skipped
while the others are imported. Each article is stored in its own transaction.
"""

import ipaddress
import json
import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from factcheck.models import Article, ArticleLink, ImportJob, Outlet, Statement, content_hash
from factcheck.services.history import record
from factcheck.services.matching import checked_elsewhere
from factcheck.services.overlaps import article_relate
from factcheck.services.speakers import speaker_for
from factcheck.tasks import match_article_quotes, run_import_job
from factcheck.text.cleaning import CleanArticle, clean_text, parse_date
from factcheck.text.extraction import extract
from factcheck.text.html import clean_html
from factcheck.text.speakers import split_name

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


class ImportRejected(Exception):
    """An item that cannot be imported, with a message for the person who brought it."""


@dataclass
class ImportResult:
    label: str
    status: str  # "created" | "duplicate" | "error"
    message: str
    article: Article | None = None

    @property
    def ok(self) -> bool:
        return self.status != "error"

    def __str__(self) -> str:
        return f"{self.label}: {self.status}: {self.message}"


# -- bytes to text ------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """Text and the name of the encoding it was read with: UTF-8 (with or without BOM) or
    Windows-1252. Binary data is refused."""
    if not data.strip():
        raise ImportRejected("the file is empty")
    sample = data[:8192]
    controls = sum(b < 9 or 13 < b < 32 for b in sample)
    if b"\x00" in sample or controls > len(sample) * 0.05:
        raise ImportRejected("this looks like binary data, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise ImportRejected("the text is neither UTF-8 nor Windows-1252; save it as UTF-8") from None


def check_size(data: bytes | str) -> None:
    size = len(data.encode() if isinstance(data, str) else data)
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportRejected(f"{size / 1e6:.1f} MB is over the {limit / 1e6:.1f} MB limit")


# -- URLs ---------------------------------------------------------------------------------


def check_url(url: str) -> str:
    """Refuse what a URL import must never reach: other schemes, and unless allowed by
    IMPORT_ALLOW_PRIVATE_URLS, loopback, private, link-local and reserved addresses."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImportRejected("only http:// and https:// addresses can be imported")
    if settings.IMPORT_ALLOW_PRIVATE_URLS:
        return url.strip()
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise ImportRejected(f"cannot find the host {parts.hostname}") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise ImportRejected(f"{parts.hostname} is a private or local address; not fetched")
    return url.strip()


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str) -> tuple[bytes, str, str]:
    """Body, content type and final URL of a page, within the timeout and the size limit."""
    url = check_url(url)
    opener = urllib.request.build_opener(_CheckedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": "factcheck-workbench/0.1"})
    limit = settings.IMPORT_MAX_BYTES
    try:
        with opener.open(request, timeout=settings.IMPORT_URL_TIMEOUT) as response:
            body = response.read(limit + 1)
            ctype = response.headers.get_content_type()
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise ImportRejected(f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ImportRejected(f"could not fetch the page: {reason}") from None
    if len(body) > limit:
        raise ImportRejected(f"the page is over the {limit / 1e6:.1f} MB limit")
    return body, ctype, final


# -- storing ------------------------------------------------------------------------------


def _outlet(name: str) -> Outlet | None:
    name = " ".join(name.split())[:200]
    if not name:
        return None
    outlet = Outlet.objects.filter(name__iexact=name).first()
    return outlet or Outlet.objects.create(name=name)


def _existing(clean: CleanArticle, digest: str) -> Article | None:
    match = Q(content_hash=digest)
    if clean.url:
        match |= Q(url=clean.url)
    return Article.objects.filter(match).first()


def article_import(*, clean: CleanArticle, label: str, user=None, fmt: str = "text") -> ImportResult:
    """Store one cleaned article with its links and extracted statements, or say why not."""
    if not clean.text.strip():
        return ImportResult(label, "error", "no article text found")
    if len(clean.url) > 2000:
        return ImportResult(label, "error", "the URL is longer than 2,000 characters")
    digest = content_hash(clean.text)
    if existing := _existing(clean, digest):
        return ImportResult(label, "duplicate", f"already imported as article {existing.pk}; nothing changed", existing)
    try:
        with transaction.atomic():
            article = Article.objects.create(
                outlet=_outlet(clean.outlet), url=clean.url, title=(clean.title or "Untitled")[:500],
                subtitle=clean.subtitle[:1000], author=clean.author[:300], published=clean.published,
                text=clean.text, language=clean.language[:16] or "en", content_hash=digest,
                original_outlet=_outlet(clean.original_outlet), original_url=clean.original_url[:2000],
                original_published=clean.original_published, imported_by=user, import_format=fmt,
            )
            ArticleLink.objects.bulk_create(
                ArticleLink(article=article, start=link.start, end=link.end, url=link.url[:2000])
                for link in clean.links if link.end > link.start
            )
            count = statements_extract(article)
            record(article, "create", user, {"title": [None, article.title], "statements": [None, count]},
                   reason=f"imported ({fmt}); statements found by the extractor")
            # Matching looks across all articles: it runs once this one is committed.
            transaction.on_commit(lambda: match_article_quotes.enqueue(article.pk))
    except IntegrityError:
        # Another import stored the same article between our check and our insert.
        existing = _existing(clean, digest)
        return ImportResult(label, "duplicate", f"already imported as article {existing.pk if existing else '?'}")
    message = f"article {article.pk}, {count} statements"
    # With the immediate task backend matching has run by now; with workers it runs soon after.
    repeated = checked_elsewhere(article.statements.all()).count()
    if repeated:
        message += f"; {repeated} quote{'s' if repeated > 1 else ''} already checked elsewhere"
    return ImportResult(label, "created", message, article)


def statements_extract(article: Article) -> int:
    """Run the extractor on an article and store what it finds (quotes get Speakers)."""
    speakers: dict[str, object] = {}
    rows = []
    for st in extract(article.text, claim_threshold=settings.CLAIM_THRESHOLD):
        speaker = None
        if st.kind == "quote" and st.speaker and st.speaker[:1].isupper():
            written, _ = split_name(st.speaker_as_written)
            key = (st.speaker, written)
            if key not in speakers:
                also = (written,) if written[:1].isupper() and written != st.speaker else ()
                speakers[key] = speaker_for(st.speaker, st.speaker_role, also)
            speaker = speakers[key]
        rows.append(Statement(
            article=article, kind=st.kind, quote_type=st.quote_type or "", start=st.start,
            end=st.end, text=st.text, speaker=speaker,
            speaker_as_written=st.speaker_as_written[:300], cue=st.cue[:100],
            score=min(1.0, max(0.0, st.score)), reasons=st.reasons,
        ))
    Statement.objects.bulk_create(rows, ignore_conflicts=True)
    article_relate(article.pk)
    return len(rows)


# -- entry points -------------------------------------------------------------------------


def import_text(raw: str, *, label: str = "pasted text", user=None, url: str = "") -> ImportResult:
    try:
        check_size(raw)
    except ImportRejected as exc:
        return ImportResult(label, "error", str(exc))
    clean = clean_text(raw)
    clean.url = url or clean.url
    return article_import(clean=clean, label=label, user=user, fmt="text")


def import_bytes(data: bytes, *, name: str, user=None) -> ImportResult:
    """An uploaded or local .txt/.md/.html file."""
    suffix = Path(name).suffix.lower()
    try:
        check_size(data)
        text, encoding = decode(data)
    except ImportRejected as exc:
        return ImportResult(name, "error", str(exc))
    if suffix in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        result = article_import(clean=clean_html(text), label=name, user=user, fmt="html")
    else:
        result = article_import(clean=clean_text(text), label=name, user=user, fmt="text")
    if result.ok and encoding != "UTF-8":
        result.message += f" (read as {encoding})"
    return result


def import_url(url: str, *, user=None) -> ImportResult:
    label = url[:200]
    try:
        body, ctype, final = fetch(url)
        text, _ = decode(body)
    except ImportRejected as exc:
        return ImportResult(label, "error", str(exc))
    if ctype in ("text/html", "application/xhtml+xml"):
        clean = clean_html(text, url=final)
        clean.url = clean.url or final
        fmt = "url"
    elif ctype.startswith("text/"):
        clean = clean_text(text)
        fmt = "url"
    else:
        return ImportResult(label, "error", f"{ctype} is not an article page")
    clean.url = url if not clean.url or clean.url == final else clean.url
    return article_import(clean=clean, label=label, user=user, fmt=fmt)


def _record_article(record: dict) -> CleanArticle:
    if not isinstance(record, dict):
        raise ImportRejected("each line must be a JSON object")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise ImportRejected('the object has neither "text" nor "html"')
    check_size(text if isinstance(text, str) else html)
    url = str(record.get("url") or "")
    if url and not url.lower().startswith(("http://", "https://")):
        raise ImportRejected("url must be an http(s) address")
    if isinstance(text, str):
        clean = clean_text(text, header=not record.get("title"))
    else:
        clean = clean_html(html, url=url)
    for key in ("title", "subtitle", "author", "outlet", "original_outlet", "original_url", "language"):
        if isinstance(record.get(key), str) and record[key].strip():
            setattr(clean, key, record[key].strip())
    if url:
        clean.url = url
    for key in ("published", "original_published"):
        value = record.get(key)
        if value:
            parsed = _parse_iso(str(value)) or parse_date(str(value))
            if parsed is None:
                raise ImportRejected(f"{key} {value!r} is not a date")
            setattr(clean, key, parsed)
    return clean


def _parse_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def import_jsonl(lines: Iterable[bytes | str], *, name: str, user=None) -> Iterator[ImportResult]:
    """One article per line; a bad line is reported with its number and the rest go on."""
    for number, line in enumerate(lines, start=1):
        label = f"{name}:{number}"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                yield ImportResult(label, "error", "the line is not UTF-8")
                continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            clean = _record_article(record)
        except json.JSONDecodeError as exc:
            yield ImportResult(label, "error", f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        except ImportRejected as exc:
            yield ImportResult(label, "error", str(exc))
            continue
        yield article_import(clean=clean, label=label, user=user, fmt="jsonl")


def import_paths(paths: Iterable[str | Path], *, user=None) -> Iterator[ImportResult]:
    """Files and folders (recursively) of .txt, .md, .html and .jsonl."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES)
            if not files:
                yield ImportResult(str(path), "error", "no .txt, .md, .html or .jsonl files in this folder")
            yield from import_paths(files, user=user)
        elif not path.exists():
            yield ImportResult(str(path), "error", "no such file")
        elif path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from import_jsonl(fh, name=str(path), user=user)
        elif path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
            if path.stat().st_size > settings.IMPORT_MAX_BYTES:
                yield ImportResult(str(path), "error",
                                   f"{path.stat().st_size / 1e6:.1f} MB is over the "
                                   f"{settings.IMPORT_MAX_BYTES / 1e6:.1f} MB limit")
                continue
            yield import_bytes(path.read_bytes(), name=str(path), user=user)
        else:
            yield ImportResult(str(path), "error", "not a .txt, .md, .html or .jsonl file")


# -- background bulk imports --------------------------------------------------------------

def import_job_create(*, data: bytes, name: str, user=None):
    """Keep an uploaded JSONL for a background import and queue it."""
    text, _ = decode(data)
    total = sum(1 for line in text.splitlines() if line.strip())
    job = ImportJob.objects.create(name=name[:300], payload=text, total=total, user=user)
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def import_job_run(job_id: int) -> None:
    """Import the lines not yet processed; safe to run again after a crash."""
    job = ImportJob.objects.get(pk=job_id)
    if job.state == ImportJob.State.DONE:
        return
    ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.RUNNING)
    lines = [line for line in job.payload.splitlines() if line.strip()]
    for number in range(job.processed, len(lines)):
        result = next(iter(import_jsonl([lines[number]], name=job.name)), None)
        update = {"processed": number + 1}
        if result is not None and result.status == "created":
            update["created"] = F("created") + 1
        elif result is not None and result.status == "duplicate":
            update["duplicates"] = F("duplicates") + 1
        ImportJob.objects.filter(pk=job_id).update(**update)
        if result is not None and result.status == "error":
            job.refresh_from_db(fields=["errors"])
            job.errors = [*job.errors, f"line {number + 1}: {result.message}"][-200:]
            job.save(update_fields=["errors"])
    ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.DONE)
