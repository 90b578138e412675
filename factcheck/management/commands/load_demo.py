"""Demo accounts and the sample article, for a first look. Safe to run again."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from factcheck.services.importing import import_paths

SAMPLES = settings.BASE_DIR.parent / "shared" / "samples"
ACCOUNTS = ("reviewer", "editor", "admin")


class Command(BaseCommand):
    help = "Create the demo reviewer, editor and admin accounts and import the sample articles."

    def add_arguments(self, parser):
        parser.add_argument("--samples", default=str(SAMPLES), help="folder of articles to import")

    def handle(self, *args, samples, **options):
        # Passwords are made once per installation and kept under var/, so they stay the same
        # from one `make run` to the next without being written in the repository.
        store = Path(settings.VAR_DIR) / "demo-passwords.txt"
        store.parent.mkdir(parents=True, exist_ok=True)
        saved = dict(line.split(" ", 1) for line in store.read_text().split("\n") if " " in line) \
            if store.exists() else {}
        User = get_user_model()
        for name in ACCOUNTS:
            password = saved.get(name) or secrets.token_urlsafe(9)
            saved[name] = password
            user, _ = User.objects.get_or_create(username=f"demo-{name}")
            user.set_password(password)
            # Editors use the admin for rating scales and speakers; their group decides what they see.
            user.is_staff = name in ("editor", "admin")
            user.is_superuser = False
            user.save()
            user.groups.set([Group.objects.get(name=name)])
        store.write_text("".join(f"{k} {v}\n" for k, v in saved.items()))
        store.chmod(0o600)
        folder = Path(samples)
        if folder.is_dir():
            reviewer = User.objects.get(username="demo-reviewer")
            for result in import_paths([folder], user=reviewer):
                self.stdout.write(str(result))
        else:
            self.stdout.write(self.style.WARNING(f"no sample folder at {folder}; no articles imported"))
        self.stdout.write(self.style.SUCCESS("Demo accounts (local use only):"))
        for name in ACCOUNTS:
            self.stdout.write(f"  demo-{name:9s} password: {saved[name]}")
