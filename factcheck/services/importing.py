"""Bringing articles in: decoding, fetching, cleaning, storing, extracting.

Every entry point reports one ImportResult per article, so a bad item is reported and skipped
while the others are imported. Each article is stored in its own transaction.
"""

import contextlib
import errno
import functools
import http.client
import ipaddress
import itertools
import json
import logging
import operator
import socket
import ssl
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils import timezone

from factcheck.models import Article, ArticleLink, ImportJob, Outlet, Statement, content_hash
from factcheck.services.aliases import article_alias_offers
from factcheck.services.history import record
from factcheck.services.matching import checked_elsewhere
from factcheck.services.overlaps import article_relate
from factcheck.services.speakers import speakers_for
from factcheck.tasks import match_article_quotes, run_import_job
from factcheck.text.cleaning import CleanArticle, clean_text, parse_date
from factcheck.text.entities import is_named_source, split_name
from factcheck.text.extraction import extract
from factcheck.text.guards import extract_bounded, scrub, size_words, web_url
from factcheck.text.html import clean_html
from factcheck.text.languages.detect import detect

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
    size = len(data.encode(errors="replace") if isinstance(data, str) else data)
    if size > settings.IMPORT_MAX_BYTES:
        raise ImportRejected(_too_big(size))


# -- URLs ---------------------------------------------------------------------------------

MAX_REDIRECTS = 5


def check_url(url: str) -> tuple[urllib.parse.SplitResult, str, int]:
    """The parts of an address and the one IP and port a fetch may connect to. Refused: other
    schemes and, unless IMPORT_ALLOW_PRIVATE_URLS, names resolving to loopback, private,
    link-local or reserved addresses. The fetch connects to exactly the address checked here,
    so a resolver that answers differently the second time (DNS rebinding) gains nothing."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImportRejected("only http:// and https:// addresses can be imported")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ImportRejected("the address has an impossible port number") from None
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ImportRejected(f"cannot find the host {parts.hostname}") from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise ImportRejected(f"cannot find the host {parts.hostname}")
    if not settings.IMPORT_ALLOW_PRIVATE_URLS:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise ImportRejected(f"{parts.hostname} is a private or local address; not fetched")
    return parts, addresses[0], port


class _Deadline:
    """One clock for the whole fetch. A server that trickles a byte a second never times out a
    single read, so a timer shuts the socket when the total time is up."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def left(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.ends


def _connection(parts, address: str, port: int, deadline: _Deadline) -> http.client.HTTPConnection:
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    # Host header, TLS server name and certificate check use the name; the socket goes to the
    # checked address.
    conn = cls(parts.hostname, port, timeout=deadline.left())
    conn._create_connection = lambda _addr, timeout, source=None: socket.create_connection(
        (address, port), timeout, source)
    return conn


def _one_hop(url: str, deadline: _Deadline, limit: int) -> tuple[int, str, str, str, bytes]:
    """Status, reason, Location, content type and body (at most limit + 1 bytes) of one request."""
    parts, address, port = check_url(url)
    conn = _connection(parts, address, port, deadline)

    def cut_off():
        if conn.sock is not None:
            with contextlib.suppress(OSError):
                conn.sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(deadline.left(), cut_off)
    timer.daemon = True
    timer.start()
    try:
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        conn.request("GET", path, headers={"User-Agent": "factcheck-workbench/0.1", "Accept": "text/html,text/*"})
        response = conn.getresponse()
        location = response.getheader("Location") or ""
        ctype = response.msg.get_content_type()
        body = bytearray()
        if response.status < 300:
            while len(body) <= limit:
                chunk = response.read1(min(65536, limit + 1 - len(body)))
                if not chunk:
                    break
                body += chunk
                deadline.left()
            if deadline.passed:  # the timer shut the socket: what arrived is not the whole page
                raise TimeoutError
        return response.status, response.reason, location, ctype, bytes(body)
    finally:
        timer.cancel()
        conn.close()


def _fetch_failure(exc: Exception, host: str, deadline: _Deadline) -> str:
    """A failed fetch in words a reviewer reads, not "[Errno 111]"."""
    if isinstance(exc, TimeoutError) or deadline.passed:
        return f"the page did not arrive within {deadline.seconds:g} seconds"
    if isinstance(exc, ConnectionRefusedError):
        return f"{host} refused the connection (no web server answers there)"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the security certificate of {host} is not valid"
    if isinstance(exc, ssl.SSLError):
        return f"the secure connection to {host} failed"
    if isinstance(exc, (ConnectionResetError, http.client.RemoteDisconnected, http.client.IncompleteRead)):
        return f"{host} closed the connection before sending the page"
    if isinstance(exc, http.client.HTTPException):
        return f"{host} did not answer as a web server does"
    if getattr(exc, "errno", None) in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return f"{host} cannot be reached from here"
    return f"the connection to {host} failed"


def fetch(url: str) -> tuple[bytes, str, str]:
    """Body, content type and final URL of a page, within IMPORT_URL_TIMEOUT in all and the size
    limit; every redirect hop is checked and pinned like the first address."""
    deadline = _Deadline(settings.IMPORT_URL_TIMEOUT)
    limit = settings.IMPORT_MAX_BYTES
    url = url.strip()
    for _ in range(MAX_REDIRECTS + 1):
        host = urllib.parse.urlsplit(url).hostname or url
        try:
            status, reason, location, ctype, body = _one_hop(url, deadline, limit)
        except ImportRejected:
            raise
        except (OSError, http.client.HTTPException) as exc:
            raise ImportRejected(f"could not fetch the page: {_fetch_failure(exc, host, deadline)}") from None
        if status in (301, 302, 303, 307, 308) and location:
            url = urllib.parse.urljoin(url, location)
            continue
        if status >= 300:
            raise ImportRejected(f"the server answered {status} {reason}")
        if len(body) > limit:
            raise ImportRejected(f"the page is over the {size_words(limit)} limit")
        return body, ctype, url
    raise ImportRejected(f"more than {MAX_REDIRECTS} redirects; not followed")


# -- storing ------------------------------------------------------------------------------


def _outlet(name: str) -> Outlet | None:
    name = " ".join(name.split())[:200]
    if not name:
        return None
    outlet = Outlet.objects.filter(name__iexact=name).first()
    return outlet or Outlet.objects.create(name=name)


def _outlets(*names: str) -> list[Outlet | None]:
    """`_outlet` of each name, the stored ones read in one query: an article names its outlet
    and often the one it reposts, a round trip each until now. Each name's first match in the
    outlets' order, as `.first()` takes it; once one is created, a later name is looked up
    again (it may be that one in other capitals)."""
    names = tuple(" ".join(name.split())[:200] for name in names)
    tests = {f"is_{i}": Q(name__iexact=name) for i, name in enumerate(names) if name}
    found: dict[str, Outlet] = {}
    if tests:
        for outlet in Outlet.objects.filter(functools.reduce(operator.or_, tests.values())).annotate(
                **{flag: ExpressionWrapper(test, output_field=BooleanField()) for flag, test in tests.items()}):
            for flag in tests:
                if getattr(outlet, flag):
                    found.setdefault(flag, outlet)
    outlets, created = [], False
    for i, name in enumerate(names):
        if not name or f"is_{i}" in found:
            outlets.append(found.get(f"is_{i}"))
        elif created:
            outlets.append(_outlet(name))
        else:
            outlets.append(Outlet.objects.create(name=name))
            created = True
    return outlets


def _existing(clean: CleanArticle, digest: str) -> Article | None:
    match = Q(content_hash=digest)
    if clean.url:
        match |= Q(url=clean.url)
    return Article.objects.filter(match).first()


def article_import(*, clean: CleanArticle, label: str, user=None, fmt: str = "text",
                   batch: list[int] | None = None) -> ImportResult:
    """Store one cleaned article with its links and extracted statements, or say why not. With
    `batch`, the article's id is added to it once committed and the caller queues the batch's
    matching (`_queue_matching`); otherwise its matching is queued alone."""
    if not clean.text.strip():
        return ImportResult(label, "error", "no article text found")
    if len(clean.url) > 2000:
        return ImportResult(label, "error", "the URL is longer than 2,000 characters")
    # Only web addresses are kept: a javascript: link must never reach a page.
    clean.url, clean.original_url = web_url(clean.url), web_url(clean.original_url)
    digest = content_hash(clean.text)
    if existing := _existing(clean, digest):
        return ImportResult(label, "duplicate", f"already imported as article {existing.pk}; nothing changed", existing)
    try:
        with transaction.atomic():
            outlet, original_outlet = _outlets(clean.outlet, clean.original_outlet)
            article = Article.objects.create(
                outlet=outlet, url=clean.url, title=(clean.title or "Untitled")[:500],
                subtitle=clean.subtitle[:1000], author=clean.author[:300], published=clean.published,
                published_at=clean.published_at, text=clean.text, language=article_language(clean),
                content_hash=digest,
                original_outlet=original_outlet, original_url=clean.original_url[:2000],
                original_published=clean.original_published, imported_by=user, import_format=fmt,
            )
            ArticleLink.objects.bulk_create(
                ArticleLink(article=article, start=link.start, end=link.end, url=web_url(link.url)[:2000])
                for link in clean.links if link.end > link.start
            )
            count, listed, complete = statements_extract(article)
            article_alias_offers(article.pk)
            reason = f"imported ({fmt}); statements found by the extractor"
            if not complete:
                reason += f"; stopped at the limit of {settings.IMPORT_MAX_STATEMENTS:,} statements"
            record(article, "create", user, {"title": [None, article.title], "statements": [None, count]},
                   reason=reason)
            # Matching looks across all articles: it runs once this one is committed.
            if batch is None:
                transaction.on_commit(lambda: match_article_quotes.enqueue([article.pk]))
            else:
                transaction.on_commit(lambda: batch.append(article.pk))
    except IntegrityError:
        # Another import stored the same article between our check and our insert.
        existing = _existing(clean, digest)
        return ImportResult(label, "duplicate", f"already imported as article {existing.pk if existing else '?'}")
    message = f"article {article.pk}, {listed:,} statement{'' if listed == 1 else 's'}"
    if not complete:
        message += (f"; stopped at the limit of {settings.IMPORT_MAX_STATEMENTS:,} statements per article: "
                    "the rest of the text was not analysed (split it into articles to check it all)")
    # Counted only when the statements could be that many quotes: a query less per article.
    quotes = article.statements.filter(kind=Statement.Kind.QUOTE).count() \
        if count > settings.MATCH_MAX_QUOTES_PER_ARTICLE else 0
    if quotes > settings.MATCH_MAX_QUOTES_PER_ARTICLE:
        message += (f"; quote reuse is looked up for the first {settings.MATCH_MAX_QUOTES_PER_ARTICLE:,} "
                    f"of its {quotes:,} quotes")
    # With the immediate task backend matching has run by now; with workers it runs soon after.
    # A batch's articles are matched after the batch: none of this one's quotes is in a cluster yet.
    repeated = checked_elsewhere(article.statements.all()).count() if batch is None else 0
    if repeated:
        message += f"; {repeated} quote{'s' if repeated > 1 else ''} already checked elsewhere"
    return ImportResult(label, "created", message, article)


def article_language(clean: CleanArticle) -> str:
    """The language the text is written in; what the page or the JSONL line says only when
    the text is too short to tell (a page's lang attribute is often its template's)."""
    detected = detect(clean.text)
    return detected if detected != "und" else (clean.language[:16] or "en")


def _uncased_name(speaker: str) -> bool:
    first = speaker[:1]
    return first.isalpha() and not first.isupper() and not first.islower()


def statements_extract(article: Article) -> tuple[int, int, bool]:
    """Run the extractor on an article and store what it finds (quotes get Speakers), up to
    IMPORT_MAX_STATEMENTS. Returns how many were stored, how many the article lists (a claim a
    quote carries is the quote's) and whether the whole text was read."""
    found, complete = extract_bounded(
        article.text, lambda text: extract(text, claim_threshold=settings.CLAIM_THRESHOLD, language=article.language),
        max_statements=settings.IMPORT_MAX_STATEMENTS, chunk_chars=EXTRACT_CHUNK_CHARS)
    # Each person once, in the order the text names them, all looked up in one read.
    named: dict[tuple[str, str], tuple[str, str, tuple[str, ...]]] = {}
    key_of = {}
    for i, st in enumerate(found):
        # Arabic script has no capitals to tell a name by; the extractor gave the name itself
        if st.kind == "quote" and (is_named_source(st.speaker) or _uncased_name(st.speaker)):
            written, _ = split_name(st.speaker_as_written)
            key_of[i] = key = (st.speaker, written)
            if key not in named:
                also = (written,) if written[:1].isupper() and written != st.speaker else ()
                named[key] = (st.speaker, st.speaker_role, also)
    speakers = dict(zip(named, speakers_for(list(named.values())), strict=True))
    rows = []
    for i, st in enumerate(found):
        rows.append(Statement(
            article=article, kind=st.kind, quote_type=st.quote_type or "", start=st.start,
            end=st.end, text=st.text, speaker=speakers[key_of[i]] if i in key_of else None,
            speaker_as_written=st.speaker_as_written[:300], cue=st.cue[:100], utterance=st.utterance,
            quoted=[article.text[a:b] for a, b in st.quoted], score=min(1.0, max(0.0, st.score)), reasons=st.reasons,
        ))
    Statement.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    carried = article_relate(article.pk)
    return len(rows), len(rows) - carried, complete


# A text longer than this is extracted piece by piece (at paragraph breaks), so extraction of a
# huge paste stops soon after the statement cap; articles are far shorter and read whole.
EXTRACT_CHUNK_CHARS = 100_000


# -- entry points -------------------------------------------------------------------------


def import_text(raw: str, *, label: str = "pasted text", user=None, url: str = "") -> ImportResult:
    try:
        check_size(raw)
    except ImportRejected as exc:
        return ImportResult(label, "error", str(exc))
    if not raw.strip():
        return ImportResult(label, "error", "the text is empty")
    clean = clean_text(scrub(raw))
    clean.url = url or clean.url
    return article_import(clean=clean, label=label, user=user, fmt="text")


def _is_html(name: str, text: str) -> bool:
    return (Path(name).suffix.lower() in HTML_SUFFIXES
            or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")))


def import_decoded(text: str, *, name: str, user=None, encoding: str = "UTF-8") -> ImportResult:
    """A file's text, once decoded: HTML by its name or its first tag, otherwise plain text."""
    text = scrub(text)
    if _is_html(name, text):
        result = article_import(clean=clean_html(text), label=name, user=user, fmt="html")
    else:
        result = article_import(clean=clean_text(text), label=name, user=user, fmt="text")
    if result.ok and encoding != "UTF-8":
        result.message += f" (read as {encoding})"
    return result


def import_bytes(data: bytes, *, name: str, user=None) -> ImportResult:
    """An uploaded or local .txt/.md/.html file."""
    try:
        check_size(data)
        text, encoding = decode(data)
    except ImportRejected as exc:
        return ImportResult(name, "error", str(exc))
    return import_decoded(text, name=name, user=user, encoding=encoding)


def import_url(url: str, *, user=None) -> ImportResult:
    label = url[:200]
    try:
        body, ctype, final = fetch(url)
        text, _ = decode(body)
    except ImportRejected as exc:
        return ImportResult(label, "error", str(exc))
    text = scrub(text)
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
    # NUL and lone surrogates ("\u0000", "\ud800") are valid JSON but no database stores them.
    record = {key: scrub(value) if isinstance(value, str) else value for key, value in record.items()}
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise ImportRejected('the object has neither "text" nor "html"')
    check_size(text if isinstance(text, str) else html)
    url = str(record.get("url") or "")
    if url and not web_url(url):
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
                raise ImportRejected(f"{key} {str(value)[:40]!r} is not a date")
            setattr(clean, key, parsed)
    if record.get("published"):
        clean.published_at = _parse_iso_time(str(record["published"]))
    return clean


def _parse_iso_time(value: str) -> datetime | None:
    """'2021-07-07T09:30:00+03:00' (or with a space): the time orders same-day appearances. A
    time without a zone is read in TIME_ZONE."""
    if len(value) < 16 or value[10:11] not in ("T", "t", " "):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _parse_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def jsonl_line(line: bytes | str, *, label: str, first: bool = False, user=None,
               batch: list[int] | None = None) -> ImportResult | None:
    """Import one JSONL line (None for a blank one). Whatever the line holds, the outcome is a
    result: deep nesting, NUL, lone surrogates or a failure while storing never stop an import."""
    if isinstance(line, bytes):
        if len(line) > settings.IMPORT_MAX_BYTES:
            return ImportResult(label, "error", _too_big(len(line)))
        try:
            line = line.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError:
            return ImportResult(label, "error", "the line is not UTF-8")
    if not line.strip():
        return None
    return _guarded(label, lambda: article_import(clean=_record_article(json.loads(line)), label=label,
                                                  user=user, fmt="jsonl", batch=batch))


def _guarded(label: str, run: Callable[[], ImportResult]) -> ImportResult:
    """The result of one import, or an error result saying what went wrong: never an exception
    that stops the items after it (each item is rolled back on its own)."""
    try:
        with transaction.atomic():
            return run()
    except json.JSONDecodeError as exc:
        return ImportResult(label, "error", f"not valid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return ImportResult(label, "error", "the JSON is nested too deeply to read")
    except ImportRejected as exc:
        return ImportResult(label, "error", str(exc))
    except Exception as exc:  # noqa: BLE001 - one item's failure is reported; the import goes on
        log.exception("import of %s failed", label)
        return ImportResult(label, "error", f"could not be stored ({exc.__class__.__name__}); the rest goes on")


def _too_big(size: int) -> str:
    return f"{size_words(size)} is over the {size_words(settings.IMPORT_MAX_BYTES)} limit"


OVERSIZE = object()  # a line over the limit, read past without being kept


def bounded_lines(stream: BinaryIO) -> Iterator[bytes | object]:
    """The lines of a binary stream, each held in memory only up to IMPORT_MAX_BYTES: a longer
    line is skipped over in pieces and stands as OVERSIZE (with its byte count kept nowhere)."""
    limit = settings.IMPORT_MAX_BYTES
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(65536)) and not rest.endswith(b"\n"):
                pass
            yield OVERSIZE
        else:
            yield line


def import_jsonl(lines: Iterable[bytes | str], *, name: str, user=None) -> Iterator[ImportResult]:
    """One article per line; a bad line is reported with its number and the rest go on. The
    results come JOB_BATCH_LINES at a time, each batch's matching queued as one task."""
    numbered = enumerate(lines, start=1)
    more = True
    while more:
        more = False
        batch: list[int] = []
        results = []
        for number, line in itertools.islice(numbered, JOB_BATCH_LINES):
            more = True
            label = f"{name}:{number}"
            if line is OVERSIZE:
                results.append(ImportResult(
                    label, "error", f"the line is over the {size_words(settings.IMPORT_MAX_BYTES)} limit"))
            elif (result := jsonl_line(line, label=label, first=number == 1, user=user, batch=batch)) is not None:
                results.append(result)
        _queue_matching(batch)
        yield from results


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
                yield from import_jsonl(bounded_lines(fh), name=str(path), user=user)
        elif path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES:
            if path.stat().st_size > settings.IMPORT_MAX_BYTES:
                yield ImportResult(str(path), "error", _too_big(path.stat().st_size))
                continue
            yield import_bytes(path.read_bytes(), name=str(path), user=user)
        else:
            yield ImportResult(str(path), "error", "not a .txt, .md, .html or .jsonl file")


def _queue_matching(batch: list[int]) -> None:
    """Queue the matching of a batch's articles as one task, in import order. Registered after
    the articles' own commit hooks, so it runs once they have filled the batch (at once outside
    a transaction)."""
    def queue():
        if batch:
            match_article_quotes.enqueue(batch)
    transaction.on_commit(queue)


# -- background imports -------------------------------------------------------------------
# A JSONL upload, an address to fetch, or a paste or file over IMPORT_BACKGROUND_BYTES, is kept
# in an ImportJob and imported by a worker; the request only stores it, and the job page shows
# the progress.


def runs_in_background(size: int) -> bool:
    return size > settings.IMPORT_BACKGROUND_BYTES


def _queue(job: ImportJob) -> ImportJob:
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def import_job_create(*, data: bytes, name: str, user=None) -> ImportJob:
    """Keep an uploaded JSONL for a background import and queue it. A line that cannot be kept
    (too big, not UTF-8, a NUL byte) is reported now with its number and kept as an empty line,
    so numbers stay true and its bytes are never stored."""
    if len(data) > settings.IMPORT_MAX_JSONL_BYTES:
        raise ImportRejected(f"{size_words(len(data))} is over the "
                             f"{size_words(settings.IMPORT_MAX_JSONL_BYTES)} limit for a JSONL upload")
    if not data.strip():
        raise ImportRejected("the file is empty")
    sample = data[:8192]
    if sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.05:
        raise ImportRejected("this looks like binary data, not JSONL")
    raw = data.split(b"\n")
    if raw and not raw[-1].strip():
        raw.pop()
    kept, errors = [], []
    for number, line in enumerate(raw, start=1):
        problem = ""
        if len(line) > settings.IMPORT_MAX_BYTES:
            problem = f"the line is over the {size_words(settings.IMPORT_MAX_BYTES)} limit"
        elif b"\x00" in line:
            problem = "the line contains a NUL byte"
        else:
            try:
                text = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                problem = "the line is not UTF-8"
        if problem:
            errors.append(f"line {number}: {problem}")
            text = ""
        kept.append(text.rstrip("\r"))
    job = ImportJob.objects.create(
        name=name[:300], kind=ImportJob.Kind.JSONL, payload="\n".join(kept), total=len(kept), user=user,
        failed=len(errors), errors=errors[:ImportJob.MAX_LISTED_ERRORS])
    return _queue(job)


def import_job_create_text(*, text: str, name: str, user=None, url: str = "") -> ImportJob:
    """Keep one large pasted or uploaded article (already decoded) for a background import."""
    kind = ImportJob.Kind.HTML if _is_html(name, text) else ImportJob.Kind.TEXT
    job = ImportJob.objects.create(name=name[:300], kind=kind, payload=scrub(text), url=web_url(url),
                                   total=1, user=user)
    return _queue(job)


def paste_import(raw: str, *, user=None, url: str = "") -> ImportResult | ImportJob:
    """A pasted article from the web form: imported now, or queued when large."""
    if runs_in_background(len(raw.encode(errors="replace"))):
        try:
            check_size(raw)
        except ImportRejected as exc:
            return ImportResult("pasted text", "error", str(exc))
        return import_job_create_text(text=raw, name="pasted text", user=user, url=url)
    return import_text(raw, user=user, url=url)


def upload_import(data: bytes, *, name: str, user=None) -> ImportResult | ImportJob:
    """An uploaded file from the web form: JSONL always, other files when large, are queued."""
    try:
        if Path(name).suffix.lower() in JSONL_SUFFIXES:
            return import_job_create(data=data, name=name, user=user)
        if not runs_in_background(len(data)):
            return import_bytes(data, name=name, user=user)
        check_size(data)
        text, _ = decode(data)
    except ImportRejected as exc:
        return ImportResult(name, "error", str(exc))
    return import_job_create_text(text=text, name=name, user=user)


def url_import_queue(url: str, *, user=None) -> ImportResult | ImportJob:
    """An address from the web form: the fetch may take up to IMPORT_URL_TIMEOUT, so it runs in
    the background like a large file; only the form of the address is checked here."""
    if not web_url(url):
        return ImportResult(url[:200], "error", "only http:// and https:// addresses can be imported")
    job = ImportJob.objects.create(name=url[:300], kind=ImportJob.Kind.URL, url=url.strip(), payload="",
                                   total=1, user=user)
    return _queue(job)


def _job_results(job: ImportJob, batch: list[int]) -> Iterator[tuple[int, ImportResult | None]]:
    """(line number, result) for each line the job has not processed yet; a JSONL job's
    articles are added to `batch` for matching."""
    if job.kind != ImportJob.Kind.JSONL:
        if job.kind == ImportJob.Kind.HTML:
            yield 1, _guarded(job.name, lambda: article_import(clean=clean_html(job.payload), label=job.name,
                                                               user=job.user, fmt="html"))
        elif job.kind == ImportJob.Kind.URL:
            yield 1, _guarded(job.name, lambda: import_url(job.url, user=job.user))
        else:
            yield 1, _guarded(job.name, lambda: import_text(job.payload, label=job.name, user=job.user, url=job.url))
        return
    lines = job.payload.split("\n")
    if lines and not lines[-1]:
        lines.pop()  # the final newline ends the last line; it starts none
    for number in range(job.processed + 1, len(lines) + 1):
        yield number, jsonl_line(lines[number - 1], label=f"{job.name}:{number}", user=job.user, batch=batch)


# Lines one task run imports before it hands the worker back: jobs queued meanwhile (say a
# one-page import behind a 50 MB upload) get their turn between two batches.
JOB_BATCH_LINES = 100


def import_job_run(job_id: int, max_lines: int = JOB_BATCH_LINES) -> bool:
    """Import up to max_lines of the lines not yet processed; True once the job is done. Safe to
    run again after a crash: `processed` moves after each line, whatever its outcome, so a line
    is never retried for ever."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.state == ImportJob.State.DONE:
        return True
    ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.RUNNING)
    batch: list[int] = []
    try:
        last = _job_lines(job, batch, max_lines)
    finally:
        # The articles committed so far are matched even if a line failed past its guard.
        _queue_matching(batch)
    if last < job.total:
        return False
    ImportJob.objects.filter(pk=job_id).update(state=ImportJob.State.DONE)
    return True


def _job_lines(job: ImportJob, batch: list[int], max_lines: int) -> int:
    """Import up to max_lines lines, counting each outcome in the job; the last line's number."""
    job_id, last = job.pk, job.processed
    for count, (number, result) in enumerate(_job_results(job, batch), start=1):
        update = {"processed": number}
        if result is not None and result.status == "created":
            update["created"] = F("created") + 1
        elif result is not None and result.status == "duplicate":
            update["duplicates"] = F("duplicates") + 1
        elif result is not None:
            update["failed"] = F("failed") + 1
        if job.kind != ImportJob.Kind.JSONL and result is not None:
            update |= {"article": result.article, "message": result.message}
        ImportJob.objects.filter(pk=job_id).update(**update)
        if result is not None and result.status == "error":
            job.refresh_from_db(fields=["errors"])
            if len(job.errors) < ImportJob.MAX_LISTED_ERRORS:
                job.errors = [*job.errors, f"line {number}: {result.message}"]
                job.save(update_fields=["errors"])
        last = number
        if count == max_lines:
            break
    return last
