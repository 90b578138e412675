from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from factcheck.forms import LimitedAdminAuthenticationForm
from factcheck.views import articles, clusters, queue, reports, statements, system, verdicts

# The admin's sign-in goes through the same limiter as the app's and says when it refuses.
admin.site.login_form = LimitedAdminAuthenticationForm

urlpatterns = [
    path("", articles.article_list, name="article-list"),
    path("articles/<int:pk>/", articles.article_detail, name="article-detail"),
    path("articles/<int:article_pk>/statements/new", statements.statement_create, name="statement-create"),
    path("import/", articles.article_import, name="article-import"),
    path("import/jobs/<int:pk>/", articles.import_job, name="import-job"),
    path("statements/", queue.statement_queue, name="statement-queue"),
    path("statements/bulk", queue.statement_bulk, name="statement-bulk"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement-detail"),
    path("statements/<int:pk>/part/<str:section>", statements.statement_section, name="statement-section"),
    path("statements/<int:pk>/edit", statements.statement_edit, name="statement-edit"),
    path("statements/<int:pk>/assign-me", statements.statement_assign_me, name="statement-assign-me"),
    path("statements/<int:pk>/delete", statements.statement_delete, name="statement-delete"),
    path("statements/<int:pk>/restore", statements.statement_restore, name="statement-restore"),
    path("statements/<int:pk>/split", statements.statement_split, name="statement-split"),
    path("statements/<int:pk>/merge", statements.statement_merge, name="statement-merge"),
    path("statements/<int:pk>/sources", statements.evidence_add, name="evidence-add"),
    path("statements/<int:pk>/comments", statements.comment_add, name="comment-add"),
    path("statements/<int:pk>/verdict", statements.verdict_save, name="verdict-save"),
    path("evidence/<int:pk>/remove", statements.evidence_remove, name="evidence-remove"),
    path("verdicts/<int:pk>/<str:action>", verdicts.verdict_action, name="verdict-action"),
    path("review/", verdicts.approval_queue, name="approval-queue"),
    path("quotes/<int:pk>/", clusters.cluster_detail, name="cluster-detail"),
    path("suggestions/<int:pk>/<str:decision>", clusters.suggestion_decide, name="suggestion-decide"),
    path("checks/<int:pk>/", reports.verdict_public, name="verdict-public"),
    path("checks/claimreview.json", reports.claimreview_feed, name="claimreview-feed"),
    path("dashboard/", reports.dashboard_view, name="dashboard"),
    path("speakers/search", statements.speaker_search, name="speaker-search"),
    path("speakers/offers/<int:pk>/<str:decision>", statements.alias_offer_decide, name="alias-offer-decide"),
    path("accounts/login/", system.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", system.health, name="health"),
    path("admin/", admin.site.urls),
]
