"""The workbench's records: articles and what was said in them, and the checks made of it."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.urls import reverse

from factcheck.text.languages.profiles import RIGHT_TO_LEFT, language_name
from factcheck.text.normalize import name_key

models.TextField.register_lookup(Length)


@models.CharField.register_lookup
@models.TextField.register_lookup
class WebSearch(models.Lookup):
    """`text__websearch="lavrov base"`: PostgreSQL full-text search, written exactly as the GIN
    indexes of migration 0010 are, so the planner uses them."""

    lookup_name = "websearch"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        sql = (f"to_tsvector('english'::regconfig, {lhs}) @@ "
               f"websearch_to_tsquery('english'::regconfig, {rhs})")
        return sql, [*lhs_params, *rhs_params]


@models.IntegerField.register_lookup
class AnyOf(models.lookups.In):
    """`pk__any=ids`: `IN`, sent to PostgreSQL as one array (`= ANY(%s)`) instead of one
    placeholder per id; binding and planning 200 placeholders cost more than reading the 200
    rows (matching reads a quote's candidates by id on every import)."""

    lookup_name = "any"

    def as_postgresql(self, compiler, connection):
        if not self.rhs_is_direct_value():  # a subquery stays one
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]


def content_hash(text: str) -> str:
    """Identity of an article's text, blind to white-space differences."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(models.QuerySet):
    def with_counts(self):
        """The quotes and claims the article page lists: live ones, a claim a quote carries not
        apart from the quote."""
        listed = Q(statements__deleted_at__isnull=True, statements__carried_by__isnull=True)
        return self.annotate(
            quote_count=models.Count("statements", filter=listed & Q(statements__kind="quote")),
            claim_count=models.Count("statements", filter=listed & Q(statements__kind="claim")),
        )


class Article(models.Model):
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="articles")
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=1000, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True,
                                        help_text="Publication time, when the source gives one (orders same-day appearances)")
    text = models.TextField(help_text="The article body as stored after cleaning; offsets point here.")
    language = models.CharField(max_length=16, default="en")
    content_hash = models.CharField(max_length=64, unique=True)
    original_outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="reposted_articles")
    original_url = models.URLField(max_length=2000, blank=True)
    original_published = models.DateField(null=True, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(auto_now_add=True)
    import_format = models.CharField(max_length=16, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-imported_at"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""),
                                    name="article_unique_url"),
        ]
        indexes = [models.Index(fields=["published"], name="article_published_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article-detail", args=[self.pk])

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    @property
    def language_name(self) -> str:
        """'Russian' for 'ru': how the page names the language the extractor read it in."""
        return language_name(self.language)

    @property
    def text_direction(self) -> str:
        return "rtl" if self.language in RIGHT_TO_LEFT else "ltr"


class ArticleLink(models.Model):
    """A hyperlink of the article's own: its anchor span in Article.text and its target."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="links")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    url = models.URLField(max_length=2000, blank=True,
                          help_text="Empty where the copy the article came from lost the target")

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="articlelink_span_not_empty"),
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def anchor(self) -> str:
        return self.article.text[self.start:self.end]


class Speaker(models.Model):
    name = models.CharField(max_length=300)
    role = models.CharField(max_length=300, blank=True,
                            help_text="e.g. Russian Foreign Minister")
    description = models.TextField(blank=True)
    is_organisation = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SpeakerAlias(models.Model):
    """A way of writing a speaker's name; the key makes look-ups blind to case and accents."""

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=300)
    key = models.CharField(max_length=300, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "speaker aliases"

    def __str__(self) -> str:
        return self.alias

    def save(self, *args, **kwargs):
        self.key = name_key(self.alias)
        super().save(*args, **kwargs)


class SpeakerAliasOffer(models.Model):
    """'Possibly the same person': a speaker an imported article brought in whose name may be
    an existing speaker's written another way (factcheck/names.py). Never merged by the
    machine: a reviewer confirms (the variant's statements and spellings move to `speaker`)
    or rejects. Both answers stay, so a pair is never offered again."""

    class State(models.TextChoices):
        PENDING = "pending"
        CONFIRMED = "confirmed"
        REJECTED = "rejected"

    class Kind(models.TextChoices):
        SPELLING = "spelling", "spelt another way"
        PART = "part", "part of the name only"

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="alias_offers")
    variant = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="variant_offers",
                                help_text="Empty once confirmed: merged into the speaker")
    variant_name = models.CharField(max_length=300, help_text="The variant's name as offered")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SPELLING)
    reason = models.CharField(max_length=200, help_text="e.g. surname one letter apart, same first name")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["speaker", "variant"], condition=Q(variant__isnull=False),
                                    name="speakeraliasoffer_unique_pair"),
            models.CheckConstraint(condition=~Q(speaker=F("variant")), name="speakeraliasoffer_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.variant_name} ~ {self.speaker} ({self.state})"


class StatementQuerySet(models.QuerySet):
    def live(self):
        return self.filter(deleted_at__isnull=True)

    def to_check(self):
        """What reviewers work: live statements, less the claims a quote carries (the quote
        over nearly the same words is checked instead, once)."""
        return self.live().filter(carried_by__isnull=True)

    def awaiting_review(self):
        return self.live().filter(status__in=["unreviewed", "in_progress"])

    def my_queue(self, user):
        """What waits for this person: work assigned to them, and their own verdicts an editor
        sent back or reopened (those first: someone is waiting for the answer)."""
        returned = Q(verdict__author=user, verdict__state__in=Verdict.RETURNED)
        return (self.filter(Q(assignee=user) | returned)
                .alias(returned_first=models.Case(models.When(returned, then=0), default=1))
                .order_by("returned_first"))


class Statement(models.Model):
    class Kind(models.TextChoices):
        QUOTE = "quote"
        CLAIM = "claim"

    class QuoteType(models.TextChoices):
        DIRECT = "direct"
        INDIRECT = "indirect"

    class Status(models.TextChoices):
        UNREVIEWED = "unreviewed"
        IN_PROGRESS = "in_progress", "In progress"
        # Set by the verdict workflow only: submitted -> in review, approved -> checked.
        IN_REVIEW = "in_review", "In review"
        CHECKED = "checked"
        DISMISSED = "dismissed", "Not a quote/claim"

    class Origin(models.TextChoices):
        EXTRACTOR = "extractor"
        PERSON = "person"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    quote_type = models.CharField(max_length=8, choices=QuoteType.choices, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="statements")
    speaker_as_written = models.CharField(max_length=300, blank=True)
    cue = models.CharField(max_length=100, blank=True)
    # The pieces of one quoted utterance ('"A," X said. "B."') are separate statements sharing
    # this number, counted per article from 1; blank for claims and lone quotes without one.
    utterance = models.PositiveIntegerField(null=True, blank=True)
    # Reported speech that quotes some of the speaker's own words ('said the plan was "dead on
    # arrival"'): those words, so the reviewer sees them and a search finds them as a quote.
    quoted = models.JSONField(default=list, blank=True)
    score = models.FloatField(default=0.0, help_text="Check-worthiness in [0, 1]")
    reasons = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UNREVIEWED)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="assigned_statements")
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EXTRACTOR)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    deleted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # Derived from the spans (factcheck/services/overlaps.py), kept current by every change of them.
    carried_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="carried_claims", db_index=False,
                                   help_text="For a claim: the quote over nearly the same words, checked instead")

    objects = StatementQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start", "end"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="statement_span_not_empty"),
            models.CheckConstraint(condition=Q(text__length=F("end") - F("start")),
                                   name="statement_text_matches_span"),
            models.CheckConstraint(
                condition=Q(kind="quote", quote_type__in=["direct", "indirect"])
                | Q(kind="claim", quote_type=""),
                name="statement_quote_type_fits_kind",
            ),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1),
                                   name="statement_score_in_unit_range"),
            models.UniqueConstraint(fields=["article", "kind", "start", "end"],
                                    condition=Q(deleted_at__isnull=True),
                                    name="statement_unique_span"),
        ]
        indexes = [
            models.Index(fields=["status", "kind"], name="statement_status_kind_idx"),
            models.Index(fields=["assignee", "status"], name="statement_assignee_idx"),
            models.Index(fields=["-score"], name="statement_score_idx"),
            # The dashboard's statements by status: a scan of this index, not of the table.
            models.Index(fields=["status"], condition=Q(deleted_at__isnull=True, carried_by__isnull=True),
                         name="statement_live_status_idx"),
            # Only the few carried claims: a full index on the column would be chosen for
            # "carried_by IS NULL" (nearly every row) instead of the index above.
            models.Index(fields=["carried_by"], condition=Q(carried_by__isnull=False), name="statement_carried_by_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("statement-detail", args=[self.pk])

    @property
    def quoted_words(self) -> list[str]:
        """The quoted passages still inside the statement's words (a span correction may have cut one)."""
        return [words for words in self.quoted if words and words in self.text]

    @property
    def current_verdict(self) -> "Verdict | None":
        try:
            return self.verdict
        except Verdict.DoesNotExist:
            return None

    @property
    def label(self) -> str:
        return f"{self.quote_type} quote" if self.kind == "quote" else "claim"

    def utterance_parts(self) -> dict | None:
        """The live statements of this one's utterance in text order (itself included), with
        its place among them and its neighbours; None when it stands alone."""
        if self.utterance is None:
            return None
        parts = list(Statement.objects.live().filter(article_id=self.article_id, utterance=self.utterance)
                     .order_by("start", "end").only("pk", "start", "end", "text", "article_id"))
        here = next((i for i, part in enumerate(parts) if part.pk == self.pk), None)
        if len(parts) < 2 or here is None:
            return None
        return {"parts": parts, "number": here + 1, "previous": parts[here - 1] if here else None,
                "next": parts[here + 1] if here + 1 < len(parts) else None}


class Source(models.Model):
    """A primary source; one row however many statements cite it."""

    class Type(models.TextChoices):
        OFFICIAL_RECORD = "official_record", "Official record"
        DATASET = "dataset"
        TRANSCRIPT = "transcript"
        VIDEO = "video"
        PRESS_RELEASE = "press_release", "Press release"
        NEWS_REPORT = "news_report", "News report"
        ACADEMIC = "academic"
        OTHER = "other"

    url = models.URLField(max_length=2000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    source_type = models.CharField(max_length=16, choices=Type.choices, default=Type.OTHER)
    archived_url = models.URLField(max_length=2000, blank=True)
    accessed = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.url


class Evidence(models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports"
        REFUTES = "refutes"
        CONTEXT = "context"

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="evidence")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="evidence")
    stance = models.CharField(max_length=8, choices=Stance.choices, default=Stance.CONTEXT)
    excerpt = models.TextField(blank=True)
    note = models.TextField(blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["statement", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "source"], name="evidence_unique_source"),
        ]

    def __str__(self) -> str:
        return f"{self.stance}: {self.source}"


class RatingScale(models.Model):
    name = models.CharField(max_length=100, unique=True)
    is_active = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=Q(is_active=True),
                                    name="ratingscale_one_active"),
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """One label of a scale; rating_value is what ClaimReview publishes (best = highest)."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField()
    rating_value = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["scale", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "label"], name="rating_unique_label"),
            models.UniqueConstraint(fields=["scale", "order"], name="rating_unique_order"),
        ]

    def __str__(self) -> str:
        return self.label


class Verdict(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft"
        SUBMITTED = "submitted"
        SENT_BACK = "sent_back", "Sent back"
        APPROVED = "approved"
        REOPENED = "reopened"

    # Back with the author, with an editor's reason: the author revises and submits again.
    RETURNED = (State.SENT_BACK, State.REOPENED)
    EDITABLE = (State.DRAFT, *RETURNED)

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="verdict")
    rating = models.ForeignKey(Rating, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="verdicts")
    rationale = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="verdicts")
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="decided_verdicts")
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # What the editor last decided on, so a resubmission shows what changed since.
    last_submitted_rationale = models.TextField(blank=True)
    last_submitted_rating = models.ForeignKey(Rating, null=True, blank=True, on_delete=models.PROTECT,
                                              related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["statement", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["draft", "submitted", "sent_back", "approved", "reopened"]),
                                   name="verdict_state_valid"),
            models.CheckConstraint(condition=~Q(state="approved") | Q(rating__isnull=False),
                                   name="verdict_approved_has_rating"),
            # Four eyes, enforced by the database as well as by the workflow.
            models.CheckConstraint(condition=Q(editor__isnull=True) | ~Q(editor=F("author")),
                                   name="verdict_editor_not_author"),
        ]

    def __str__(self) -> str:
        return f"{self.rating or 'unrated'} ({self.get_state_display().lower()})"

    @property
    def is_returned(self) -> bool:
        return self.state in self.RETURNED

    @property
    def is_editable(self) -> bool:
        """Open to its author: a draft, or back with them."""
        return self.state in self.EDITABLE


class Comment(models.Model):
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class Change(models.Model):
    """One entry of history: who changed what, when, from what to what, and why.

    Written by the services in the same transaction as the change itself; never edited.
    """

    class Action(models.TextChoices):
        CREATE = "create"
        UPDATE = "update"
        DELETE = "delete"
        RESTORE = "restore"
        TRANSITION = "transition"

    model = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=12, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(default=dict, blank=True, help_text="{field: [before, after]}")
    reason = models.TextField(blank=True)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="changes")
    statement = models.ForeignKey(Statement, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="changes")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["model", "object_id"], name="change_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.model} {self.object_id}"


class QuoteKey(models.Model):
    """Candidate index for quote matching: a rare word or word pair (hashed) of a quote."""

    key = models.BigIntegerField()
    kind = models.PositiveSmallIntegerField(help_text="1 word, 2 word pair, 3 the exact words")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")

    class Meta:
        # The unique index on (key, statement) also serves look-ups by key: no second index to
        # maintain during a rebuild's millions of inserts.
        constraints = [models.UniqueConstraint(fields=["key", "statement"], name="quotekey_unique")]

    def __str__(self) -> str:
        return f"{self.key} -> {self.statement_id}"


class QuoteCluster(models.Model):
    """The appearances of one statement across articles and outlets: a quote's (quote reuse),
    or a reporter's claim sentence copied by reposts (claim reuse)."""

    class Kind(models.TextChoices):
        QUOTE = "quote"
        CLAIM = "claim"

    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.QUOTE)
    # The longest rendering (a piece printed alone and the full quote are one statement), the
    # one that started the cluster and the named speaker: matching checks newcomers against them.
    fullest = models.ForeignKey("Statement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seed = models.ForeignKey("Statement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             help_text="The rendering that started the cluster")
    speaker = models.ForeignKey(Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Quote cluster {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("cluster-detail", args=[self.pk])


class Appearance(models.Model):
    class How(models.TextChoices):
        AUTO = "auto", "Same quote (automatic)"
        CONFIRMED = "confirmed", "Confirmed by a reviewer"
        # Close in meaning, same speaker, close dates, nothing contradicting: in the cluster so
        # every rendering is in one place, but carrying no verdict until a reviewer confirms.
        REWORDED = "reworded", "Same statement, reworded (automatic, not yet confirmed)"

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, related_name="appearance")
    cluster = models.ForeignKey(QuoteCluster, on_delete=models.CASCADE, related_name="appearances")
    how = models.CharField(max_length=10, choices=How.choices, default=How.AUTO)
    score = models.FloatField(default=100.0)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    # The reworded suggestion that placed it (how=reworded): rejecting that suggestion undoes it.
    via = models.ForeignKey("MatchSuggestion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.statement_id} in {self.cluster_id}"


class MatchSuggestion(models.Model):
    """'Possibly the same quote' (similar words) or 'same statement, reworded' (similar
    meaning, same speaker, close dates): for a reviewer to confirm or reject. A rejected pair
    stays, so it is never suggested again."""

    class State(models.TextChoices):
        PENDING = "pending"
        CONFIRMED = "confirmed"
        REJECTED = "rejected"

    class Guard(models.TextChoices):
        # Why a pair that reads the same is only suggested (factcheck.matching.auto_link_blocked).
        NONE = "", "possibly the same"
        FIGURES = "figures", "similar wording, different figures"
        SPEAKERS = "speakers", "similar wording, different speakers"
        YEARS = "years", "similar wording, years apart"

    class How(models.TextChoices):
        WORDING = "wording", "similar wording"
        CONTAINMENT = "containment", "one is a piece of the other"
        # The paraphrase and translation tier (direct against reported speech, translations).
        REWORDED = "reworded", "same statement, reworded"

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="suggestions")
    candidate = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    guard = models.CharField(max_length=10, choices=Guard.choices, default=Guard.NONE, blank=True)
    how = models.CharField(max_length=12, choices=How.choices, default=How.WORDING)
    evidence = models.JSONField(default=dict, blank=True,
                                help_text="reworded: similarity, speakers, days, shared names and figures")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "candidate"], name="matchsuggestion_unique_pair"),
            models.CheckConstraint(condition=~Q(statement=F("candidate")), name="matchsuggestion_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} ~ {self.candidate_id} ({self.state})"


class QuoteEmbedding(models.Model):
    """A quote's meaning as a unit vector (factcheck/semantic.py), with the speaker key and
    day it is compared under: candidates are read by (speaker_key, day), then scored exactly."""

    statement = models.OneToOneField(Statement, on_delete=models.CASCADE, primary_key=True,
                                     related_name="embedding")
    model = models.CharField(max_length=80)
    vector = models.BinaryField(help_text="float16, little-endian")
    # A piece of a longer quote (one sentence reported, or translated) is close to one of its
    # sentences, not to the whole: these are where a piece may stand (factcheck.semantic.windows).
    windows = models.BinaryField(default=b"", blank=True,
                                 help_text="float16 vectors of its sentences and each two in a row; "
                                           "empty for a quote of one sentence")
    text_hash = models.CharField(max_length=64, help_text="identical quotes share one embedding run")
    speaker_key = models.CharField(max_length=12)
    day = models.DateField(help_text="publication date, else the import date")

    class Meta:
        indexes = [models.Index(fields=["speaker_key", "day"], name="quoteembedding_speaker_day"),
                   models.Index(fields=["text_hash"], name="quoteembedding_text_hash")]

    def __str__(self) -> str:
        return f"embedding of {self.statement_id}"


class ImportJob(models.Model):
    """A bulk import run in the background. `processed` advances after each article's own
    transaction commits, so a worker killed midway resumes where it stopped."""

    class State(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    class Kind(models.TextChoices):
        JSONL = "jsonl", "JSONL, one article a line"
        TEXT = "text", "one text article"
        HTML = "html", "one HTML page"
        URL = "url", "one page fetched from its address"

    # The errors listed on the job page; `failed` counts them all.
    MAX_LISTED_ERRORS = 200

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.JSONL)
    payload = models.TextField(help_text="what was uploaded; a refused JSONL line is kept as an empty line")
    url = models.URLField(max_length=2000, blank=True,
                          help_text="the page to fetch, or the address given with a pasted article")
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    article = models.ForeignKey("Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                help_text="the article a one-article job created or found")
    message = models.TextField(blank=True, help_text="what a one-article job's import said")
    announced = models.BooleanField(default=False, help_text="the person watching was taken to the article")
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.state}, {self.processed}/{self.total})"

    def get_absolute_url(self) -> str:
        return reverse("import-job", args=[self.pk])

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 100


class WorkerHeartbeat(models.Model):
    """Written by each background task run, read by the health endpoint."""

    name = models.CharField(max_length=100, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at}"


class LoginFailure(models.Model):
    """Failed sign-ins counted for the limiter (factcheck/services/signin.py), in the database so
    every web process sees the same count. `key` is a hash of the address (and username)."""

    key = models.CharField(max_length=80, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_ends = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.count} failures until {self.window_ends:%Y-%m-%d %H:%M}"
