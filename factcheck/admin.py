from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from factcheck import models
from factcheck.access import may_change_in_admin, may_grant_superuser
from factcheck.services.history import diff, record, snapshot
from factcheck.services.review import STATEMENT_FIELDS, VERDICT_FIELDS
from factcheck.services.speakers import speaker_merge


class GateMixin:
    """Adding, changing and deleting the workbench's records in the admin: only what the role
    may (factcheck/access.py), on top of the model permissions. Everything else is read-only."""

    def _may(self, request) -> bool:
        return may_change_in_admin(request.user, self.opts.label_lower)

    def has_add_permission(self, request, *args):
        return self._may(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._may(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request) and super().has_delete_permission(request, obj)


class HistoryMixin(GateMixin):
    """Changes made in the admin go into the same history as changes made in the app."""

    history_fields: list[str] = []

    def save_model(self, request, obj, form, change):
        before = snapshot(obj.__class__.objects.get(pk=obj.pk), self.history_fields) if change else {}
        super().save_model(request, obj, form, change)
        record(obj, "update" if change else "create", request.user, diff(before, snapshot(obj, self.history_fields)),
               reason="in the admin")

    def delete_model(self, request, obj):
        record(obj, "delete", request.user, reason="in the admin")
        super().delete_model(request, obj)


class ArticleLinkInline(GateMixin, admin.TabularInline):
    model = models.ArticleLink
    extra = 0


@admin.register(models.Article)
class ArticleAdmin(HistoryMixin, admin.ModelAdmin):
    history_fields = ["title", "subtitle", "author", "published", "outlet", "url", "original_outlet",
                      "original_url", "original_published", "language"]
    list_display = ["title", "outlet", "published", "original_outlet", "imported_at"]
    list_filter = ["outlet", "import_format"]
    search_fields = ["title", "url", "author"]
    date_hierarchy = "published"
    raw_id_fields = ["imported_by"]
    inlines = [ArticleLinkInline]


@admin.register(models.Outlet)
class OutletAdmin(GateMixin, admin.ModelAdmin):
    list_display = ["name", "domain"]
    search_fields = ["name", "domain"]


@admin.register(models.ArticleLink)
class ArticleLinkAdmin(GateMixin, admin.ModelAdmin):
    list_display = ["article", "start", "end", "url"]
    raw_id_fields = ["article"]


class SpeakerAliasInline(GateMixin, admin.TabularInline):
    model = models.SpeakerAlias
    fields = ["alias"]
    extra = 0


@admin.register(models.Speaker)
class SpeakerAdmin(HistoryMixin, admin.ModelAdmin):
    list_display = ["name", "role", "is_organisation"]
    search_fields = ["name", "aliases__alias"]
    inlines = [SpeakerAliasInline]
    actions = ["merge_speakers"]
    history_fields = ["name", "role", "description", "is_organisation"]

    @admin.action(description="Merge the selected speakers into the first (oldest) one",
                  permissions=["delete"])
    def merge_speakers(self, request, queryset):
        speakers = list(queryset.order_by("pk"))
        if len(speakers) < 2:
            self.message_user(request, "Select two or more speakers to merge.", messages.WARNING)
            return
        keep = speakers[0]
        for drop in speakers[1:]:
            speaker_merge(keep=keep, drop=drop, user=request.user)
        self.message_user(request, f"Merged {len(speakers) - 1} into {keep}.")


@admin.register(models.SpeakerAlias)
class SpeakerAliasAdmin(GateMixin, admin.ModelAdmin):
    list_display = ["alias", "speaker"]
    search_fields = ["alias"]
    raw_id_fields = ["speaker"]
    readonly_fields = ["key"]


@admin.register(models.Statement)
class StatementAdmin(HistoryMixin, admin.ModelAdmin):
    history_fields = STATEMENT_FIELDS
    list_display = ["__str__", "kind", "quote_type", "speaker", "status", "score", "origin"]
    list_filter = ["kind", "quote_type", "status", "origin"]
    search_fields = ["text", "speaker__name"]
    raw_id_fields = ["article", "speaker", "assignee", "created_by"]


@admin.register(models.Source)
class SourceAdmin(GateMixin, admin.ModelAdmin):
    list_display = ["__str__", "publisher", "source_type", "accessed"]
    list_filter = ["source_type"]
    search_fields = ["url", "title", "publisher"]


@admin.register(models.Evidence)
class EvidenceAdmin(HistoryMixin, admin.ModelAdmin):
    history_fields = ["statement", "source", "stance", "excerpt", "note"]
    list_display = ["statement", "source", "stance", "added_by", "added_at"]
    list_filter = ["stance"]
    raw_id_fields = ["statement", "source", "added_by"]


class RatingForm(forms.ModelForm):
    """A rating that verdicts use is what published fact-checks say: it stays as it is (add a
    new rating instead). Deleting one is refused by the database (PROTECT)."""

    class Meta:
        model = models.Rating
        fields = ["scale", "label", "order", "rating_value"]

    def clean(self):
        data = super().clean()
        if self.instance.pk and self.has_changed():
            used = self.instance.verdicts.count()
            if used:
                raise forms.ValidationError(
                    f"“{self.instance.label}” is the rating of {used} verdict{'s' if used > 1 else ''}: "
                    "it cannot change. Add a new rating instead.")
        return data


class RatingInline(GateMixin, admin.TabularInline):
    model = models.Rating
    form = RatingForm
    extra = 0


@admin.register(models.RatingScale)
class RatingScaleAdmin(GateMixin, admin.ModelAdmin):
    list_display = ["name", "is_active"]
    inlines = [RatingInline]


@admin.register(models.Rating)
class RatingAdmin(GateMixin, admin.ModelAdmin):
    form = RatingForm
    list_display = ["label", "scale", "order", "rating_value"]
    list_filter = ["scale"]


@admin.register(models.Verdict)
class VerdictAdmin(HistoryMixin, admin.ModelAdmin):
    history_fields = VERDICT_FIELDS
    list_display = ["statement", "rating", "state", "author", "editor", "version", "updated_at"]
    list_filter = ["state"]
    raw_id_fields = ["statement", "author", "editor"]


@admin.register(models.QuoteCluster)
class QuoteClusterAdmin(GateMixin, admin.ModelAdmin):
    list_display = ["__str__", "created_at"]


@admin.register(models.Appearance)
class AppearanceAdmin(GateMixin, admin.ModelAdmin):
    list_display = ["statement", "cluster", "how", "score"]
    raw_id_fields = ["statement", "cluster", "linked_by"]


@admin.register(models.MatchSuggestion)
class MatchSuggestionAdmin(GateMixin, admin.ModelAdmin):
    list_display = ["statement", "candidate", "score", "state"]
    list_filter = ["state"]
    raw_id_fields = ["statement", "candidate", "decided_by"]


@admin.register(models.QuoteKey)
class QuoteKeyAdmin(GateMixin, admin.ModelAdmin):
    list_display = ["key", "kind", "statement"]
    raw_id_fields = ["statement"]


@admin.register(models.Comment)
class CommentAdmin(GateMixin, admin.ModelAdmin):
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


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class PeopleAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if may_grant_superuser(request.user) else [*readonly, "is_superuser"]
