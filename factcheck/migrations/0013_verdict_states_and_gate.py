"""Verdict states named as people say them, statement status following the verdict, and the
roles' admin rights made to match the README (see factcheck/access.py, ADMIN_CHANGES)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models



def name_states(apps, schema_editor):
    Verdict = apps.get_model("factcheck", "Verdict")
    Statement = apps.get_model("factcheck", "Statement")
    Verdict.objects.filter(state="rejected").update(state="sent_back")
    # A reopened verdict used to go back to draft with the editor's reason kept (a submission
    # clears the reason, so a draft with one was reopened and not yet submitted again).
    Verdict.objects.filter(state="draft").exclude(decision_reason="").update(state="reopened")
    # A statement's status follows its verdict; "checked" without an approved verdict was a
    # status set by hand: that work is in progress.
    Statement.objects.filter(verdict__state="submitted").update(status="in_review")
    Statement.objects.filter(verdict__state="approved").update(status="checked")
    Statement.objects.filter(status="checked").exclude(verdict__state="approved").update(status="in_progress")


def unname_states(apps, schema_editor):
    Verdict = apps.get_model("factcheck", "Verdict")
    Verdict.objects.filter(state="sent_back").update(state="rejected")
    Verdict.objects.filter(state="reopened").update(state="draft")
    apps.get_model("factcheck", "Statement").objects.filter(status="in_review").update(status="in_progress")


# In the admin, editors manage rating scales and speakers; everything else of the workbench they
# see read-only. Reviewers do not use the admin. The admin role has all of Django's own models
# (users, groups, task results) and, of the workbench's, what editors have.
EDITOR_CHANGES = ["ratingscale", "rating", "speaker", "speakeralias"]


def set_admin_rights(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="factcheck")
    editor = ours.filter(codename__startswith="view_") | ours.filter(
        content_type__model__in=EDITOR_CHANGES, codename__regex=r"^(add|change|delete)_")
    for name, perms in (("reviewer", Permission.objects.none()), ("editor", editor),
                        ("admin", editor | Permission.objects.exclude(content_type__app_label="factcheck"))):
        Group.objects.get_or_create(name=name)[0].permissions.set(perms)


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0014_b_import_jobs_fetch_pages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='verdict',
            name='verdict_state_valid',
        ),
        migrations.AddField(
            model_name='verdict',
            name='last_submitted_rating',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='factcheck.rating'),
        ),
        migrations.AlterField(
            model_name='statement',
            name='status',
            field=models.CharField(choices=[('unreviewed', 'Unreviewed'), ('in_progress', 'In progress'), ('in_review', 'In review'), ('checked', 'Checked'), ('dismissed', 'Not a quote/claim')], default='unreviewed', max_length=12),
        ),
        migrations.AlterField(
            model_name='verdict',
            name='state',
            field=models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('sent_back', 'Sent back'), ('approved', 'Approved'), ('reopened', 'Reopened')], default='draft', max_length=10),
        ),
        migrations.RunPython(name_states, unname_states),
        migrations.AddConstraint(
            model_name='verdict',
            constraint=models.CheckConstraint(condition=models.Q(('state__in', ['draft', 'submitted', 'sent_back', 'approved', 'reopened'])), name='verdict_state_valid'),
        ),
        migrations.RunPython(set_admin_rights, migrations.RunPython.noop),
    ]
