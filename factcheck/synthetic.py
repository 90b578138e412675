"""A seeded synthetic corpus of reused quotes with ground truth, for bench_matching.

Base quotes are reused 1-8 times with the variations outlets make (punctuation and case,
bracketed insertions, ellipses, truncation, translation-like word substitutions, truncation of a
truncation, a piece printed alone, the quote merged with another remark of the speaker's), among
unrelated distractors, near-misses that share a phrase with a base quote but say something
else, and copies with one figure changed ("4,000" for "5,500": another statement, never to be
linked).

Renderings that need more than word edits (reported speech, translations) come from the
paraphrase tier's module, which adds them to RENDERERS and VARIATIONS; pair_figures prints the
recall of every variation listed.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

VARIATIONS = ["exact", "punctuation", "bracket", "ellipsis", "truncate", "substitute",
              "truncate+substitute", "truncate-of-truncate", "containment", "merged"]
# Extra renderings: name -> function(generator, base words) -> text. Registered by other tiers.
RENDERERS: dict[str, Callable[["Generator", list[str]], str]] = {}
FIGURE_SHARE = 0.15  # base quotes that state a figure


@dataclass
class Item:
    id: int
    group: int  # ground-truth cluster; distractors and near-misses have their own group
    text: str
    variation: str
    article: int
    speaker: int | None = None


def _vocabulary(rnd: random.Random, size: int) -> list[str]:
    onsets, vowels, codas = "b c d f g h k l m n p r s t v w z br st tr pl gr ch sh".split(), "a e i o u ai ea ou".split(), "n r s t l m nd st rk".split() + [""] * 4
    words = set()
    while len(words) < size:
        words.add("".join(rnd.choice(onsets) + rnd.choice(vowels) + rnd.choice(codas)
                          for _ in range(rnd.choice((1, 2, 2, 3)))))
    return sorted(words)


class Generator:
    def __init__(self, seed: int = 7, vocabulary: int = 20000):
        self.rnd = random.Random(seed)
        self.vocab = _vocabulary(self.rnd, vocabulary)
        # Zipf-like weights: a few words are everywhere, most are rare, as in news.
        # Summed once: `choices` would sum all 20,000 weights again for every sentence.
        self.cum_weights = list(accumulate(1.0 / (i + 1) ** 0.9 for i in range(len(self.vocab))))
        self.synonyms = {}

    def sentence(self, n: int) -> list[str]:
        return self.rnd.choices(self.vocab, cum_weights=self.cum_weights, k=n)

    def synonym(self, word: str) -> str:
        # A translation picks another word for the same thing, and does so consistently.
        if word not in self.synonyms:
            self.synonyms[word] = self.rnd.choice(self.vocab)
        return self.synonyms[word]

    def vary(self, words: list[str], how: str) -> str:
        rnd = self.rnd
        w = list(words)
        if how in RENDERERS:
            return RENDERERS[how](self, w)
        if how == "containment":
            # One sentence of a longer quote, printed alone, now and then with a word changed.
            n = max(8, int(len(w) * rnd.uniform(0.25, 0.45)))
            start = rnd.randrange(0, len(w) - n + 1)
            piece = w[start:start + n]
            return " ".join(self._substitute(piece, 1) if rnd.random() < 0.3 else piece)
        if how == "merged":
            # Two remarks of the speaker's printed as one quote.
            extra = self.sentence(rnd.randint(8, 20))
            return " ".join(w + extra if rnd.random() < 0.6 else extra + w)
        if how == "punctuation":
            text = " ".join(w)
            return rnd.choice([text.upper(), text.capitalize() + ".", '"' + text + ',"', text.replace(" ", ", ", 2)])
        if how == "bracket":
            i = rnd.randrange(1, len(w))
            return " ".join(w[:i] + ["[" + " ".join(self.sentence(rnd.randint(1, 3))) + "]"] + w[i:])
        if how == "ellipsis":
            i = rnd.randrange(len(w) // 3, len(w) - 2)
            return " ".join(w[:i]) + " ... " + " ".join(w[i + rnd.randint(1, 3):])
        if how in ("truncate", "truncate+substitute", "truncate-of-truncate"):
            keep = rnd.uniform(0.55, 0.85) if how != "truncate-of-truncate" else rnd.uniform(0.45, 0.7)
            n = max(6, int(len(w) * keep))
            w = w[:n] if rnd.random() < 0.7 else w[-n:]
            if how == "truncate+substitute":
                w = self._substitute(w, rnd.randint(1, 2))
            return " ".join(w) + "..."
        if how == "substitute":
            return " ".join(self._substitute(w, rnd.randint(1, 3)))
        return " ".join(w)

    def _substitute(self, w: list[str], k: int) -> list[str]:
        w = list(w)
        for i in self.rnd.sample(range(len(w)), min(k, len(w))):
            w[i] = self.synonym(w[i])
        return w

    def corpus(self, size: int) -> list[Item]:
        """About `size` quotes: 40% in reuse groups, the rest distractors and near-misses."""
        rnd = self.rnd
        items: list[Item] = []
        group = 0
        article = 0
        while len(items) < size * 0.4:
            group += 1
            base = self.sentence(rnd.randint(12, 40))
            figure = rnd.random() < FIGURE_SHARE
            if figure:
                base.insert(rnd.randrange(len(base)), f"{rnd.randint(2, 99)},{rnd.randint(0, 9)}00")
            article += 1
            items.append(Item(len(items) + 1, group, " ".join(base), "exact", article))
            for _ in range(rnd.randint(1, 8)):
                how = rnd.choice(VARIATIONS[1:])
                article += 1
                source = base
                if how == "truncate-of-truncate":
                    source = base[:max(8, int(len(base) * 0.8))]
                items.append(Item(len(items) + 1, group, self.vary(source, how), how, article))
            if figure:  # the same words with another figure: another statement
                group += 1
                article += 1
                changed = [f"{rnd.randint(100, 999)},{rnd.randint(0, 9)}00" if "," in w else w for w in base]
                items.append(Item(len(items) + 1, group, " ".join(changed), "figure-changed", article))
            if rnd.random() < 0.3:  # a near-miss: shares a phrase, says something else
                group += 1
                article += 1
                i = rnd.randrange(0, max(1, len(base) - 6))
                phrase = base[i:i + rnd.randint(4, 6)]
                text = self.sentence(rnd.randint(4, 10)) + phrase + self.sentence(rnd.randint(6, 14))
                items.append(Item(len(items) + 1, group, " ".join(text), "near-miss", article))
        while len(items) < size:
            group += 1
            article += 1
            items.append(Item(len(items) + 1, group, " ".join(self.sentence(rnd.randint(6, 40))), "distractor", article))
        rnd.shuffle(items)
        return items


def pair_figures(items: list[Item], predicted: dict[int, int]) -> dict:
    """Pairwise precision/recall/F1 of predicted clusters against the ground truth, overall and
    by the variation of the later member of each true pair."""
    by_true: dict[int, list[Item]] = {}
    by_pred: dict[int, list[int]] = {}
    for it in items:
        by_true.setdefault(it.group, []).append(it)
        if it.id in predicted:
            by_pred.setdefault(predicted[it.id], []).append(it.id)
    group_of = {it.id: it.group for it in items}
    true_pairs = {(min(a.id, b.id), max(a.id, b.id)) for members in by_true.values()
                  for i, a in enumerate(members) for b in members[i + 1:]}
    pred_pairs = {(min(a, b), max(a, b)) for members in by_pred.values()
                  for i, a in enumerate(members) for b in members[i + 1:]}
    tp = len(true_pairs & pred_pairs)
    p = tp / len(pred_pairs) if pred_pairs else 0.0
    r = tp / len(true_pairs) if true_pairs else 0.0
    out = {"pairs_true": len(true_pairs), "pairs_predicted": len(pred_pairs), "precision": p, "recall": r,
           "f1": 2 * p * r / (p + r) if p + r else 0.0, "false_pairs_across_groups":
           sum(group_of[a] != group_of[b] for a, b in pred_pairs)}
    variation = {it.id: it.variation for it in items}
    # A figure-changed copy sits in its own group; every predicted pair joining it to another
    # group is a link across different figures.
    figure_items = {it.id for it in items if it.variation == "figure-changed"}
    out["figure_copies"] = len(figure_items)
    out["figure_pairs_linked"] = sum(group_of[a] != group_of[b] and (a in figure_items or b in figure_items)
                                     for a, b in pred_pairs)
    mixed = [len({group_of[i] for i in members}) for members in by_pred.values()]
    out["chained"] = {"clusters_mixing_groups": sum(n > 1 for n in mixed), "most_groups_in_one": max(mixed, default=0)}
    recall_by = {}
    for how in VARIATIONS[1:]:
        pairs = {(a, b) for a, b in true_pairs if how in (variation[a], variation[b])
                 and "exact" in (variation[a], variation[b])}
        if pairs:
            recall_by[how] = len(pairs & pred_pairs) / len(pairs)
    out["recall_by_variation"] = recall_by
    return out
