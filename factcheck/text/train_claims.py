"""Train the check-worthiness model and report cross-validated figures.

    python -m factcheck.text.train_claims ../shared/eval/data/claims_claimbuster.dev.jsonl

Logistic regression with L2, trained by AdaGrad over sparse features (no dependencies).
Prints k-fold precision/recall/F1 at the chosen threshold, then trains on everything and writes
factcheck/text/claim_model.json (features seen at least twice, weights rounded).
"""

import argparse
import json
import math
import random
from collections import Counter

from factcheck.text.claims import MODEL_PATH, features, probability, score


def train(rows: list[tuple[list[str], int]], epochs: int = 6, lr: float = 0.05, l2: float = 1e-4,
          min_count: int = 2, seed: int = 7) -> tuple[dict[str, float], float]:
    counts = Counter(f for feats, _ in rows for f in set(feats))
    vocab = {f for f, c in counts.items() if c >= min_count}
    weights: dict[str, float] = dict.fromkeys(vocab, 0.0)
    grad_sq: dict[str, float] = dict.fromkeys(vocab, 1e-8)
    bias, bias_sq = 0.0, 1e-8
    order = list(range(len(rows)))
    rnd = random.Random(seed)
    positives = sum(y for _, y in rows) or 1
    # Class weight: ClaimBuster has about 2.5 negatives for each positive.
    pos_weight = (len(rows) - positives) / positives
    for _ in range(epochs):
        rnd.shuffle(order)
        for i in order:
            feats, y = rows[i]
            fs = [f for f in set(feats) if f in vocab]
            p = probability(fs, weights, bias)
            g = (p - y) * (pos_weight if y else 1.0)
            for f in fs:
                gf = g + l2 * weights[f]
                grad_sq[f] += gf * gf
                weights[f] -= lr * gf / math.sqrt(grad_sq[f])
            bias_sq += g * g
            bias -= lr * g / math.sqrt(bias_sq)
    return weights, bias


def evaluate(rows, weights, bias, threshold):
    """Figures of the whole scorer (model and rules) on held-out (sentence, label) rows."""
    model = {"weights": weights, "bias": bias}
    tp = fp = fn = 0
    for sentence, y in rows:
        said = score(sentence, model)[0] >= threshold
        tp += said and y
        fp += said and not y
        fn += (not said) and y
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with open(args.data, encoding="utf-8") as fh:
        data = [json.loads(line) for line in fh if line.strip()]
    rows = [(features(d["text"]), int(d["label"])) for d in data]
    sentences = [(d["text"], int(d["label"])) for d in data]
    idx = list(range(len(rows)))
    random.Random(13).shuffle(idx)
    totals = []
    for k in range(args.folds):
        test = [sentences[i] for i in idx[k::args.folds]]
        trainset = [rows[i] for j, i in enumerate(idx) if j % args.folds != k]
        w, b = train(trainset)
        totals.append(evaluate(test, w, b, args.threshold))
        print(f"fold {k + 1}: P={totals[-1][0]:.3f} R={totals[-1][1]:.3f} F1={totals[-1][2]:.3f}")
    mean = [sum(t[i] for t in totals) / len(totals) for i in range(3)]
    print(f"{args.folds}-fold mean at threshold {args.threshold}: "
          f"P={mean[0]:.3f} R={mean[1]:.3f} F1={mean[2]:.3f}")
    if args.no_write:
        return
    weights, bias = train(rows)
    kept = {f: round(v, 4) for f, v in sorted(weights.items()) if abs(v) >= 1e-3}
    MODEL_PATH.write_text(json.dumps({
        "about": "Check-worthiness logistic regression; trained on ClaimBuster dev sentences "
                 "by factcheck/text/train_claims.py",
        "threshold": args.threshold, "bias": round(bias, 4), "weights": kept,
    }, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({len(kept)} weights)")


if __name__ == "__main__":
    main()
