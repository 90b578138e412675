"""Build the style suite's gold JSONL from the marked-up articles in source/*.txt.

The articles were written for this suite (no copied news). Each starts with a header line

    === <id> <language> <style>

and marks every quote a reader should find:

    [[d:Speaker Name|words inside the quotation marks]]   a direct quote (span inside the marks)
    [[i:Speaker Name|the reported clause]]               reported (indirect) speech

The speaker is the person or body of the article who said it, written as the article names
them at their fullest (a pronoun or surname is resolved by the annotator). Everything not
marked (captions, teasers, bylines, scare quotes, titles) is not speech.

    python tests/style_suite/build.py        # rewrites style_suite.jsonl and non_english.jsonl

Offsets are computed here, never typed: text[start:end] == quote text is asserted for each.
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = sorted((HERE / "source").glob("*.txt"))
ALL = HERE / "style_suite.jsonl"
NON_ENGLISH = HERE / "non_english.jsonl"

_HEADER = re.compile(r"^=== (?P<id>\S+) (?P<lang>[a-z]{2}) (?P<style>\S+)[ \t]*$", re.M)
_MARK = re.compile(r"\[\[(?P<kind>[di]):(?P<speaker>[^|\]]*)\|(?P<text>[^\[\]]*?)\]\]")
KINDS = {"d": "direct", "i": "indirect"}


def parse_article(aid: str, lang: str, style: str, marked: str) -> dict:
    """One article: the plain text and its quotes with offsets into it."""
    text_parts, quotes, pos, length = [], [], 0, 0
    for m in _MARK.finditer(marked):
        before = marked[pos:m.start()]
        text_parts.append(before)
        length += len(before)
        words = m.group("text")
        quotes.append({"start": length, "end": length + len(words), "text": words,
                       "speaker": m.group("speaker").strip(), "kind": KINDS[m.group("kind")]})
        text_parts.append(words)
        length += len(words)
        pos = m.end()
    text_parts.append(marked[pos:])
    text = "".join(text_parts)
    if "[[" in text or "]]" in text:
        raise ValueError(f"{aid}: unbalanced markup near {text[text.find('[['):][:60]!r}")
    for q in quotes:
        assert text[q["start"]:q["end"]] == q["text"], (aid, q)
        assert q["text"].strip() == q["text"] and q["text"], (aid, "spaces at a quote's edge", q)
        assert q["speaker"], (aid, "no speaker", q)
    return {"id": aid, "text": text, "quotes": quotes, "meta": {"language": lang, "style": style}}


def parse(source: str) -> list[dict]:
    heads = list(_HEADER.finditer(source))
    out = []
    for i, h in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(source)
        out.append(parse_article(h.group("id"), h.group("lang"), h.group("style"),
                                 source[h.end():end].strip("\n") + "\n"))
    return out


def articles() -> list[dict]:
    found = [a for path in SOURCES for a in parse(path.read_text(encoding="utf-8"))]
    ids = [a["id"] for a in found]
    assert len(ids) == len(set(ids)), "duplicate article ids"
    return found


def as_jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main() -> int:
    rows = articles()
    ALL.write_text(as_jsonl(rows), encoding="utf-8")
    NON_ENGLISH.write_text(as_jsonl([r for r in rows if r["meta"]["language"] != "en"]), encoding="utf-8")
    n = sum(len(r["quotes"]) for r in rows)
    print(f"{len(rows)} articles, {n} quotes -> {ALL.name}, {NON_ENGLISH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
