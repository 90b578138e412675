"""The default rating scale. ClaimReview ratingValue: 6 is best (True), 1 worst; the labels
outside that line (Misleading, Unverifiable) get 0 and publish their label as alternateName."""

from django.db import migrations

DEFAULT = [
    ("True", 6), ("Mostly true", 5), ("Half true", 4), ("Mostly false", 3), ("False", 2),
    ("Pants on fire", 1), ("Misleading", 0), ("Unverifiable", 0),
]


def seed(apps, schema_editor):
    RatingScale = apps.get_model("factcheck", "RatingScale")
    Rating = apps.get_model("factcheck", "Rating")
    scale, created = RatingScale.objects.get_or_create(name="Default", defaults={"is_active": True})
    if created:
        Rating.objects.bulk_create(
            Rating(scale=scale, label=label, order=i, rating_value=value)
            for i, (label, value) in enumerate(DEFAULT, start=1)
        )


def unseed(apps, schema_editor):
    apps.get_model("factcheck", "RatingScale").objects.filter(name="Default").delete()


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0002_roles")]
    operations = [migrations.RunPython(seed, unseed)]
