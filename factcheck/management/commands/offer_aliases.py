"""Offer 'possibly the same person' for the speakers already stored: imports make these offers
as they go (factcheck/services/aliases.py); speakers from before that are looked at here."""

from django.core.management.base import BaseCommand
from django.db import transaction

from factcheck.services.aliases import all_alias_offers


class Command(BaseCommand):
    help = "Offer spelling variants and lone name parts of stored speakers to reviewers (never merges)."

    def handle(self, *args, **options):
        with transaction.atomic():
            made = all_alias_offers()
        for offer in made:
            self.stdout.write(f"offered: “{offer.variant_name}” ~ {offer.speaker.name} ({offer.reason})")
        self.stdout.write(f"{len(made)} offer{'' if len(made) == 1 else 's'} made; reviewers answer them on the statement panels")
