"""Turn an article as users bring it (copied text, markdown residue, a scraped page) into
clean body text with its metadata and its own links.

The plain-text path reads the kind of header and trailer that aggregators and reposting sites
put around a story: title, subtitle, "By ...", "Outlet, July 11, 2021", the original outlet of a
cross-post, share prompts, disclaimers and copyright notices.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from factcheck.text.normalize import strip_controls

MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for m in names
}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_PATTERNS = [
    re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH})\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
]

# [anchor](target) as left behind by copying a page as markdown; images ![alt](src) are dropped.
MARKDOWN_LINK = re.compile(r"(!?)\[([^\[\]\n]{0,500})\]\(((?:[^()\s]|\([^()\s]{0,200}\)){0,2000})\)")

# Blocks that are never part of the story, wherever they stand.
BOILERPLATE = re.compile(
    r"""^(?:
        all\ .{0,40}articles\ can\ be\ read\ in
      | visit\ and\ follow\ us | follow\ us\ on | like\ us\ on | share\ this | click\ (?:here|the\ share)
      | subscribe\ to | sign\ up\ for | join\ our\ (?:newsletter|mailing)
      | note\ to\ readers | featured\ image | image\ (?:source|credit) | photo\ credit
      | (?:this\ article\ (?:was|has\ been)\ )?translated\ (?:from|by|into)
      | the\ original\ source\ of\ this\ article | this\ article\ was\ originally\ published
      | copyright\b | © | \(c\)\ \d{4} | all\ rights\ reserved
      | disclaimer\b | articles\ by: | become\ a\ member | comment\ on\ .{0,60}facebook
      | for\ media\ inquiries | support\ (?:our|independent)\ journalism | donate\b
      | region: | theme: | in-depth\ report: | related\ (?:articles|posts): | tags?:
      | read\ more: | advertisement$ | .{0,200}contains\ copyrighted\ material
    )""",
    re.I | re.X,
)
# A block from which on everything is trailer (bios, notices, links), when one follows soon.
TRAILER_MARK = re.compile(
    r"^(?:note\ to\ readers|the\ original\ source\ of\ this\ article|copyright\b|©|disclaimer\b"
    r"|articles\ by:|featured\ image|this\ article\ was\ originally\ published)",
    re.I | re.X,
)
SEPARATOR = re.compile(r"^[\s*_\-–—=~#•·]{1,20}$")
BYLINE = re.compile(r"^by\s+(?P<author>[^\n]{2,200})$", re.I)
ORIGINAL_SOURCE = re.compile(
    r"(?:original\ source\ of\ this\ article\ is|originally\ published\ (?:by|at|on|in))\s+(?P<rest>.+)",
    re.I | re.X,
)


@dataclass
class Link:
    start: int
    end: int
    url: str


@dataclass
class CleanArticle:
    text: str
    title: str = ""
    subtitle: str = ""
    author: str = ""
    outlet: str = ""
    published: date | None = None
    published_at: datetime | None = None  # when the source gives a time too
    original_outlet: str = ""
    original_url: str = ""
    original_published: date | None = None
    url: str = ""
    language: str = "en"
    links: list[Link] = field(default_factory=list)


def parse_date(text: str) -> date | None:
    """The first calendar date written in text, or None."""
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = m["month"]
            month_no = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip(".")[:4])
            if month_no is None:
                month_no = MONTHS.get(month.lower().rstrip(".")[:3])
            try:
                return date(int(m["year"]), month_no or 0, int(m["day"]))
            except (TypeError, ValueError):
                continue
    return None


def unlink(text: str) -> tuple[str, list[Link]]:
    """Replace markdown links by their anchor text; return the text and the links found.

    A link whose target was lost in copying ("#", empty, or not http) keeps its anchor span
    with an empty URL: where a story linked is itself a hint for finding sources.
    """
    out, links, pos = [], [], 0
    length = 0
    for m in MARKDOWN_LINK.finditer(text):
        out.append(text[pos:m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group(1):  # an image
            continue
        anchor, target = m.group(2), m.group(3)
        out.append(anchor)
        if anchor.strip():
            lead = len(anchor) - len(anchor.lstrip())
            trail = len(anchor.rstrip())
            url = target if re.match(r"https?://", target, re.I) else ""
            links.append(Link(length + lead, length + trail, url))
        length += len(anchor)
    out.append(text[pos:])
    return "".join(out), links


def _blocks(text: str) -> list[str]:
    blocks = []
    for raw in re.split(r"\n\s*\n", text):
        block = "\n".join(line.strip() for line in raw.strip().split("\n") if line.strip())
        if block:
            blocks.append(block)
    return blocks


def _plain(block: str) -> str:
    return MARKDOWN_LINK.sub(lambda m: "" if m.group(1) else m.group(2), block)


def _outlet_date_line(block: str) -> tuple[str, date | None] | None:
    """'Global Research, July 11, 2021' or '[Antiwar.com](#) 8 July 2021' -> (outlet, date)."""
    plain = _plain(block).strip()
    if len(plain) > 80 or "\n" in plain:
        return None
    for pattern in DATE_PATTERNS:
        m = pattern.search(plain)
        if m and (m.end() == len(plain.rstrip(". ")) or m.start() == 0):
            outlet = (plain[:m.start()] + plain[m.end():]).strip(" ,.-–—|")
            if len(outlet.split()) <= 6:
                return outlet, parse_date(plain)
    return None


def _header_lines(blocks: list[str]) -> list[str]:
    """A header typed or copied on single line breaks ('Title / By Ines Calder / Port Gazette,
    November 25, 2026') is one block: its lines are read apart when one of them is a byline or
    an outlet-and-date line (prose wrapped on line breaks has neither)."""
    out = []
    for k, block in enumerate(blocks):
        lines = block.split("\n")
        if k < 2 and len(lines) > 1 and any(BYLINE.match(_plain(line).strip()) or _outlet_date_line(line)
                                            for line in lines):
            out.extend(lines)
        else:
            out.append(block)
    return out


def _is_header_like(block: str) -> bool:
    plain = _plain(block)
    return len(plain) <= 300 and not re.search(r"[.!?][”\"’']?$", plain.strip())


def _trailer_start(blocks: list[str], body_start: int) -> int:
    for i in range(body_start + 1, len(blocks)):
        block = _plain(blocks[i]).strip()
        if TRAILER_MARK.match(block):
            return i
        if SEPARATOR.match(block) and any(
            TRAILER_MARK.match(_plain(b).strip()) for b in blocks[i + 1:i + 4]
        ):
            return i
    return len(blocks)


def clean_text(raw: str, header: bool = True) -> CleanArticle:
    """Split a plain-text article into header, body and trailer and clean each.

    With header=False (the title and byline came separately, as in JSONL) the text is all body.
    """
    blocks = _blocks(strip_controls(raw))
    article = CleanArticle(text="")
    if not blocks:
        return article
    if not header:
        end = _trailer_start(blocks, -1)
        body = [b for b in blocks[:end] if not BOILERPLATE.match(_plain(b).strip()) and not SEPARATOR.match(b)]
        article.text, article.links = unlink("\n\n".join(body))
        return article

    # Header: title first, then subtitle / byline / outlet-and-date lines, up to the first
    # block that reads like body prose.
    blocks = _header_lines(blocks)
    i = 0
    header_dates: list[tuple[str, date | None]] = []
    if _is_header_like(blocks[0]) and len(blocks) > 1:
        article.title = _plain(blocks[0]).strip().lstrip("# ").strip()
        i = 1
    while i < len(blocks):
        block = blocks[i]
        plain = _plain(block).strip()
        if m := BYLINE.match(plain):
            article.author = m["author"].strip()
        elif found := _outlet_date_line(block):
            header_dates.append(found)
        elif BOILERPLATE.match(plain):
            pass
        elif not article.subtitle and not article.author and not header_dates and _is_header_like(block) \
                and len(plain.split()) >= 4:
            article.subtitle = plain
        else:
            break
        i += 1
    body_start = i
    if header_dates:
        article.outlet, article.published = header_dates[0]
    if len(header_dates) > 1:
        article.original_outlet, article.original_published = header_dates[1]

    end = _trailer_start(blocks, body_start)
    for block in blocks[end:]:
        if m := ORIGINAL_SOURCE.search(block):
            rest = m["rest"]
            if link := MARKDOWN_LINK.search(rest):
                article.original_outlet = article.original_outlet or link.group(2).strip()
                if re.match(r"https?://", link.group(3), re.I):
                    article.original_url = link.group(3)
            else:
                article.original_outlet = article.original_outlet or rest.strip(" .")[:200]

    body = [b for b in blocks[body_start:end]
            if not BOILERPLATE.match(_plain(b).strip()) and not SEPARATOR.match(b)]
    article.text, article.links = unlink("\n\n".join(body))
    if not article.title and article.text:
        # A text with no headline: its first sentence stands in, as a reader would call it.
        article.title = re.split(r"(?<=[.!?])\s", article.text, maxsplit=1)[0][:200]
    return article


def skippable_paragraphs(text: str, paras: list) -> set[int]:
    """Indexes of paragraphs of a raw, uncleaned text that are header metadata, boilerplate or
    trailer, so extraction run on a pasted page ignores them as the importer would."""
    skip: set[int] = set()
    body_seen = False
    blocks = [_plain(text[p.start:p.end]).strip() for p in paras]
    for i, plain in enumerate(blocks):
        if body_seen and (TRAILER_MARK.match(plain) or (
                SEPARATOR.match(plain) and any(TRAILER_MARK.match(b) for b in blocks[i + 1:i + 4]))):
            skip.update(range(i, len(paras)))
            break
        if BOILERPLATE.match(plain) or SEPARATOR.match(plain) or BYLINE.match(plain) \
                or _outlet_date_line(plain):
            skip.add(i)
        elif len(plain.split()) > 25:
            body_seen = True
    return skip
