"""The three roles as groups, with the model permissions each needs (see factcheck/access.py)."""

from django.db import migrations

REVIEWER_PERMS = [
    "add_article", "view_article", "view_outlet", "add_outlet", "view_articlelink",
    "add_statement", "change_statement", "delete_statement", "view_statement",
    "add_speaker", "change_speaker", "view_speaker", "add_speakeralias", "view_speakeralias",
    "add_source", "change_source", "view_source", "add_evidence", "change_evidence",
    "delete_evidence", "view_evidence", "view_ratingscale", "view_rating",
    "add_verdict", "change_verdict", "view_verdict",
]
EDITOR_PERMS = REVIEWER_PERMS + [
    "change_article", "change_outlet", "delete_speaker", "change_speakeralias",
    "delete_speakeralias", "add_ratingscale", "change_ratingscale", "add_rating", "change_rating",
    "delete_rating",
]


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("reviewer", REVIEWER_PERMS), ("editor", EDITOR_PERMS),
                            ("admin", EDITOR_PERMS)):
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="factcheck", codename__in=codenames)
        if name == "admin":
            perms = Permission.objects.all()
        group.permissions.set(perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["reviewer", "editor", "admin"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
