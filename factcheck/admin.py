from django.contrib import admin

from factcheck import models


class ArticleLinkInline(admin.TabularInline):
    model = models.ArticleLink
    extra = 0


@admin.register(models.Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published", "original_outlet", "imported_at"]
    list_filter = ["outlet", "import_format"]
    search_fields = ["title", "url", "author"]
    date_hierarchy = "published"
    raw_id_fields = ["imported_by"]
    inlines = [ArticleLinkInline]


@admin.register(models.Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


@admin.register(models.ArticleLink)
class ArticleLinkAdmin(admin.ModelAdmin):
    list_display = ["article", "start", "end", "url"]
    raw_id_fields = ["article"]


class SpeakerAliasInline(admin.TabularInline):
    model = models.SpeakerAlias
    fields = ["alias"]
    extra = 0


@admin.register(models.Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "is_organisation"]
    search_fields = ["name", "aliases__alias"]
    inlines = [SpeakerAliasInline]


@admin.register(models.SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "speaker"]
    search_fields = ["alias"]
    raw_id_fields = ["speaker"]
    readonly_fields = ["key"]


@admin.register(models.Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "quote_type", "speaker", "status", "score", "origin"]
    list_filter = ["kind", "quote_type", "status", "origin"]
    search_fields = ["text", "speaker__name"]
    raw_id_fields = ["article", "speaker", "assignee", "created_by"]


@admin.register(models.Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "publisher", "source_type", "accessed"]
    list_filter = ["source_type"]
    search_fields = ["url", "title", "publisher"]


@admin.register(models.Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["statement", "source", "stance", "added_by", "added_at"]
    list_filter = ["stance"]
    raw_id_fields = ["statement", "source", "added_by"]


class RatingInline(admin.TabularInline):
    model = models.Rating
    extra = 0


@admin.register(models.RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    inlines = [RatingInline]


@admin.register(models.Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "scale", "order", "rating_value"]
    list_filter = ["scale"]


@admin.register(models.Verdict)
class VerdictAdmin(admin.ModelAdmin):
    list_display = ["statement", "rating", "state", "author", "editor", "version", "updated_at"]
    list_filter = ["state"]
    raw_id_fields = ["statement", "author", "editor"]


@admin.register(models.QuoteCluster)
class QuoteClusterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(models.Appearance)
class AppearanceAdmin(admin.ModelAdmin):
    list_display = ["statement", "cluster", "how", "score"]
    raw_id_fields = ["statement", "cluster", "linked_by"]


@admin.register(models.MatchSuggestion)
class MatchSuggestionAdmin(admin.ModelAdmin):
    list_display = ["statement", "candidate", "score", "state"]
    list_filter = ["state"]
    raw_id_fields = ["statement", "candidate", "decided_by"]


@admin.register(models.QuoteKey)
class QuoteKeyAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "statement"]
    raw_id_fields = ["statement"]


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["statement", "author", "created_at"]
    raw_id_fields = ["statement", "author"]


@admin.register(models.Change)
class ChangeAdmin(admin.ModelAdmin):
    """History is read-only, here as everywhere."""

    list_display = ["at", "actor", "action", "model", "object_id", "reason"]
    list_filter = ["model", "action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
