"""The spellings of Hangul names that mean more than one artist."""

from django.core.management.base import BaseCommand

from artists.models import Artist, Romanization


class Command(BaseCommand):
    help = (
        "List the spellings of Hangul names that fit more than one artist "
        "(two Hangul names, or one and another artist's own name or alias): "
        "search finds each of them, an import neither. Nothing is changed."
    )

    def handle(self, *args, **options):
        found = 0
        spelled = Artist.objects.filter(romanizations__isnull=False).distinct()
        for artist in spelled.order_by("name"):
            shared = Romanization.objects.shared(artist)
            names = dict(
                artist.romanizations.filter(key__in=shared).values_list("key", "name")
            )
            for key, other in sorted(shared.items()):
                self.stdout.write(f"{names[key]}: {artist.name} and {other}")
                found += 1
        if found:
            self.stdout.write(f"{found} spellings fit more than one artist.")
        else:
            self.stdout.write("No spelling fits two artists.")
