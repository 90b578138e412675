"""Bulk synthetic newsroom data for benchmarks and load tests: articles, statements, speakers,
verdicts, evidence. Written with bulk inserts so 100,000 statements take seconds."""

import random
from contextlib import contextmanager
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection

from factcheck.models import (
    Appearance,
    Article,
    Evidence,
    Outlet,
    QuoteCluster,
    Rating,
    RatingScale,
    Source,
    Speaker,
    Statement,
    Verdict,
)

NEWS_WORDS = ("minister said troops border budget inflation percent council election vote ministry report "
              "officials million billion rose fell agreed warned announced base allies security economy "
              "prices schools hospital court ruling senator governor mayor police protest law tax").split()


def _vocabulary(rnd: random.Random, size: int = 5000) -> tuple[list[str], list[float]]:
    """News words plus pseudo-words, Zipf-weighted: a search term matches a realistic few
    percent of statements, not a third of them."""
    syllables = "ba ko ri ten sul mar dev lin os ta pre ving ca lo mu ner ast qui bel dor".split()
    words = list(NEWS_WORDS)
    while len(words) < size:
        words.append("".join(rnd.choices(syllables, k=rnd.randint(2, 4))))
    return words, [1.0 / (i + 10) for i in range(len(words))]


def seed_statements(n: int, per_article: int = 50, seed: int = 1) -> dict:
    """n statements in n/per_article articles over 20 outlets; returns the users made."""
    rnd = random.Random(seed)
    words, weights = _vocabulary(rnd)
    User = get_user_model()
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    editor, _ = User.objects.get_or_create(username="bench-editor")
    for user, role in ((reviewer, "reviewer"), (editor, "editor")):
        user.set_password("bench-password-1")
        user.save()
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    scale, _ = RatingScale.objects.get_or_create(name="Default", defaults={"is_active": True})
    ratings = list(scale.ratings.all()) or [Rating.objects.create(scale=scale, label=f"R{i}", order=i, rating_value=i)
                                           for i in range(1, 7)]
    outlets = [Outlet.objects.get_or_create(name=f"Outlet {i}")[0] for i in range(20)]
    speakers = Speaker.objects.bulk_create(Speaker(name=f"Speaker {i} Person") for i in range(200))
    sources = Source.objects.bulk_create(Source(url=f"https://source.example/{i}") for i in range(500))
    start_day = date(2020, 1, 1)
    made = 0
    article_no = Article.objects.count()
    while made < n:
        count = min(per_article, n - made)
        sentences = [" ".join(rnd.choices(words, weights, k=rnd.randint(8, 25))).capitalize() + "."
                     for _ in range(count)]
        text = " ".join(sentences)
        article_no += 1
        article = Article.objects.create(
            outlet=rnd.choice(outlets), title=" ".join(rnd.choices(words, weights, k=7)).capitalize(), text=text,
            content_hash=f"bench-{seed}-{article_no}", url=f"https://news.example/{seed}/{article_no}",
            published=start_day + timedelta(days=rnd.randrange(1500)))
        rows, pos = [], 0
        for sentence in sentences:
            quote = rnd.random() < 0.5
            rows.append(Statement(
                article=article, kind="quote" if quote else "claim", quote_type=rnd.choice(["direct", "indirect"]) if quote else "",
                start=pos, end=pos + len(sentence), text=sentence, speaker=rnd.choice(speakers) if quote else None,
                score=round(rnd.random(), 3), status=rnd.choice(["unreviewed", "unreviewed", "in_progress", "checked"]),
                assignee=reviewer if rnd.random() < 0.1 else None))
            pos += len(sentence) + 1
        statements = Statement.objects.bulk_create(rows)
        Verdict.objects.bulk_create(
            Verdict(statement=st, author=reviewer, rating=rnd.choice(ratings), rationale="Checked against the record.",
                    state="approved", editor=editor)
            for st in statements if rnd.random() < 0.05)
        Evidence.objects.bulk_create(
            Evidence(statement=st, source=rnd.choice(sources), stance="supports")
            for st in statements if rnd.random() < 0.1)
        made += count
    return {"reviewer": reviewer, "editor": editor}


REPRINTED = ("“We will do everything, including using the capabilities of the military base on the border, "
             "to prevent any aggressive encroachments against our allies,”")
# How outlets retype a quote: straight marks, a dropped clause, an inserted word.
_VARIANTS = (
    lambda q: q,
    lambda q: q.replace("“", '"').replace("”", '"'),
    lambda q: q.replace(", including using the capabilities of the military base on the border,", ""),
    lambda q: q.replace("aggressive", "possible aggressive"),
    lambda q: q.replace("“", '"').replace("”", '"').replace("aggressive", "possible aggressive"),
)


def seed_cluster(appearances: int, outlets: int = 12, seed: int = 2) -> QuoteCluster:
    """One quote reprinted in `appearances` articles over `outlets` outlets and two years, some
    retyped: the cluster page's worst case."""
    rnd = random.Random(seed)
    speaker = Speaker.objects.create(name="Sergei Lavrov")
    outlet_rows = [Outlet.objects.get_or_create(name=f"Wire {i}")[0] for i in range(outlets)]
    cluster = QuoteCluster.objects.create()
    first_day = date(2021, 7, 7)
    for i in range(appearances):
        quote = _VARIANTS[0 if i == 0 else rnd.randrange(len(_VARIANTS))](REPRINTED)
        text = f"Moscow said it would help its ally. {quote} the minister said."
        article = Article.objects.create(
            outlet=outlet_rows[i % outlets], title=f"Lavrov on the base, reprint {i + 1}", text=text,
            content_hash=f"cluster-{seed}-{cluster.pk}-{i}", url=f"https://wire.example/{seed}/{cluster.pk}/{i}",
            published=first_day + timedelta(days=0 if i == 0 else rnd.randrange(1, 730)))
        start = text.index(quote)
        statement = Statement.objects.create(article=article, kind="quote", quote_type="direct", start=start,
                                             end=start + len(quote), text=quote, speaker=speaker)
        Appearance.objects.create(statement=statement, cluster=cluster, score=100.0 if i == 0 else 90.0)
    return cluster


@contextmanager
def throwaway_database():
    """A fresh database of the configured engine, separate from the test suite's, dropped after.
    On SQLite a file next to the configured one, not an in-memory database: figures should be
    those of the file a newsroom would run on."""
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict.setdefault("TEST", {})["NAME"] = (
        f"test_{old_name}" if connection.vendor == "postgresql" else f"{old_name}.bench")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
