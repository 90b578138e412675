"""The style suite: short articles written for these tests in house styles and languages the
development set does not hold (UK, Canadian, wire, repost, transcript, Q&A; Russian,
Serbian/Croatian/Bosnian in both scripts, Arabic, French, German, Spanish), scored with
../shared/eval/score.py. The floors are what the extractor reaches; a change that lowers a
figure fails here. Raise them when the extractor improves.

Gold lives in tests/style_suite/ (built from source/*.txt by build.py). Pure Python, no database.
"""

import importlib.util
from pathlib import Path

import pytest

from factcheck.text.extraction import extract

SUITE = Path(__file__).resolve().parent / "style_suite"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

# Figures reached by the extractor on this suite; lower means a regression.
FLOORS = {
    "all": {"quotes_all.recall": 0.94, "quotes_all.f1": 0.96, "quotes_direct.f1": 0.98,
            "quotes_with_speaker.f1": 0.94, "speaker_accuracy_on_matched": 0.97},
    "english": {"quotes_all.recall": 0.89, "quotes_all.f1": 0.93, "quotes_direct.f1": 0.96,
                "quotes_with_speaker.f1": 0.87, "speaker_accuracy_on_matched": 0.93},
    "non_english": {"quotes_all.recall": 0.98, "quotes_all.f1": 0.99, "quotes_direct.f1": 0.99,
                    "quotes_with_speaker.f1": 0.99, "speaker_accuracy_on_matched": 0.99},
}


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem + "_for_tests", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build():
    return _load(SUITE / "build.py")


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.exists():
        pytest.skip(f"{SCORER} is not here (../shared/eval); the style suite cannot be scored")
    return _load(SCORER)


@pytest.fixture(scope="module")
def gold(build):
    return {a["id"]: a for a in build.articles()}


@pytest.fixture(scope="module")
def predicted(gold):
    return {aid: {"id": aid, "statements": [s.as_json() for s in extract(a["text"])]}
            for aid, a in gold.items()}


def test_gold_files_are_built_from_the_sources(build):
    rows = build.articles()
    assert (SUITE / "style_suite.jsonl").read_text(encoding="utf-8") == build.as_jsonl(rows), \
        "run python tests/style_suite/build.py"
    assert (SUITE / "non_english.jsonl").read_text(encoding="utf-8") == \
        build.as_jsonl([r for r in rows if r["meta"]["language"] != "en"])


def test_gold_offsets_are_exact_and_the_suite_covers_every_style(gold):
    for a in gold.values():
        for q in a["quotes"]:
            assert a["text"][q["start"]:q["end"]] == q["text"]
            assert q["kind"] in ("direct", "indirect")
    assert len(gold) >= 40
    languages = {a["meta"]["language"] for a in gold.values()}
    styles = {a["meta"]["style"] for a in gold.values() if a["meta"]["language"] == "en"}
    assert {"en", "ru", "sr", "hr", "bs", "ar", "fr", "de", "es"} <= languages
    assert {"uk", "canada", "wire", "repost", "transcript", "qa"} <= styles
    cyrillic_sr = [a for a in gold.values() if a["meta"]["language"] == "sr"
                   and any("\u0400" <= c <= "\u04ff" for c in a["text"])]
    assert cyrillic_sr and len(cyrillic_sr) < sum(a["meta"]["language"] == "sr" for a in gold.values())


def _figures(scorer, gold, predicted, keep) -> dict:
    part = {aid: a for aid, a in gold.items() if keep(a)}
    result = scorer.score_quotes(part, predicted)
    flat = {"speaker_accuracy_on_matched": result["speaker_accuracy_on_matched"]}
    for key, value in result.items():
        if isinstance(value, dict):
            for name, number in value.items():
                flat[f"{key}.{name}"] = number
    return flat


GROUPS = {
    "all": lambda a: True,
    "english": lambda a: a["meta"]["language"] == "en",
    "non_english": lambda a: a["meta"]["language"] != "en",
}


@pytest.mark.parametrize("group", list(GROUPS))
def test_figures_stay_above_their_floors(scorer, gold, predicted, group):
    got = _figures(scorer, gold, predicted, GROUPS[group])
    low = {k: (got[k], floor) for k, floor in FLOORS[group].items() if got[k] < floor}
    assert not low, f"{group}: below the floor (got, floor): {low}"


def test_every_predicted_span_is_the_text_it_claims(gold, predicted):
    for aid, p in predicted.items():
        text = gold[aid]["text"]
        for s in p["statements"]:
            assert 0 <= s["start"] < s["end"] <= len(text)
            assert text[s["start"]:s["end"]] == s["text"]

