"""Demo data: a published catalogue entry for each task in phase 5–7, with a material, and a
subscription to Gladsaxe Kommune's catalogue holding one entry as if fetched.

Written in bulk, as the other apps' demos, because ``seed_demo --scale`` makes many tasks.
"""

import random
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from samskab.portfolio.models import InnovationTask

from . import search
from .models import CatalogueEntry, CatalogueMaterial, ExternalEntry, Licence, Subscription
from .services import DANISH_LETTERS, RESERVED_SLUGS

SOLUTIONS = (
    "Løsningen samler det, der virkede i prøvehandlingerne, i en fast arbejdsgang: "
    "medarbejderne får en kort introduktion, en tjekliste og sparring de første måneder. "
    "Borgerne oplever færre overdragelser og mere tid til det, der betyder noget for dem.",
    "Vi har udviklet et forløb i tre trin, som enhederne selv kan tage i brug. Materialet "
    "rummer en vejledning, skabeloner og en plan for opfølgning, så effekten kan måles "
    "på samme måde som i forsøget.",
)
EVIDENCE = (
    "Prøvehandlingerne viste en klar forbedring i forhold til udgangspunktet, og resultatet "
    "holdt, da løsningen blev gentaget i flere enheder."
)
LICENCES = (Licence.CC_BY, Licence.CC_BY_SA, Licence.CC0)
GUIDE = (
    "Vejledning til at tage løsningen i brug\n\n"
    "1. Udpeg en lokal tovholder.\n2. Hold et introduktionsmøde for medarbejderne.\n"
    "3. Følg op efter fire og tolv uger med de samme målinger som i prøvehandlingen.\n"
)


def _slug(title: str, taken: set[str]) -> str:
    from django.utils.text import slugify

    base = slugify(title.translate(DANISH_LETTERS))[:70].strip("-") or "loesning"
    if base in RESERVED_SLUGS:
        base = f"{base}-loesning"
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def seed_catalogue(*, rng: random.Random) -> int:
    now = timezone.now()
    tasks = list(
        InnovationTask.objects.filter(phase__gte=5, catalogue_entry__isnull=True)
        .select_related("owner", "owning_area")
        .order_by("pk")
    )
    taken = set(CatalogueEntry.objects.values_list("slug", flat=True))
    entries = [
        CatalogueEntry(
            task=task,
            slug=_slug(task.title, taken),
            title=task.title,
            problem=task.problem,
            solution=SOLUTIONS[number % len(SOLUTIONS)],
            evidence_summary=EVIDENCE,
            contact_name=task.owner.name,
            contact_email=task.owner.email or "innovation@example.dk",
            contact_unit=task.owning_area.name,
            licence=LICENCES[number % len(LICENCES)],
            published_at=now - timedelta(days=rng.randint(5, 200)),
        )
        for number, task in enumerate(tasks)
    ]
    CatalogueEntry.objects.bulk_create(entries, batch_size=2000)
    entries = list(CatalogueEntry.objects.filter(task__in=tasks).order_by("pk"))
    # One material for the first few entries: a small text file, written through the storage.
    for entry in entries[:10]:
        content = ContentFile(GUIDE.encode(), name=f"{entry.slug}-vejledning.txt")
        material = CatalogueMaterial(
            entry=entry,
            title="Vejledning til at tage løsningen i brug",
            name="vejledning.txt",
            content_type="text/plain",
            size=content.size,
        )
        material.file.save(content.name, content, save=False)
        material.save()
    subscription, _created = Subscription.objects.get_or_create(
        feed_url="https://samskab.gladsaxe.dk/katalog/feed.json",
        defaults={"name": "Gladsaxe Kommune", "last_fetched_at": now, "last_attempt_at": now},
    )
    external, _created = ExternalEntry.objects.get_or_create(
        subscription=subscription,
        remote_id="robotstoevsugere-i-hjemmeplejen",
        defaults={
            "url": "https://samskab.gladsaxe.dk/katalog/robotstoevsugere-i-hjemmeplejen/",
            "title": "Robotstøvsugere i hjemmeplejen",
            "problem": "Rengøring fylder meget i hjemmeplejens besøg og giver "
            "belastningsskader hos medarbejderne.",
            "solution": "Borgere, der kan have gavn af det, får en robotstøvsuger. "
            "Hjemmeplejen sætter den op og følger op efter en måned.",
            "evidence_level": 3,
            "innovation_type": "service",
            "area": "Social og Sundhed",
            "in_operation": 6,
            "targets": 8,
            "contact_name": "Innovationskonsulent, Gladsaxe Kommune",
            "contact_email": "innovation@gladsaxe.example",
            "licence": Licence.CC_BY.value,
            "updated_at": now - timedelta(days=30),
            "materials": [
                {
                    "title": "Tjekliste til opsætning",
                    "url": "https://samskab.gladsaxe.dk/katalog/materialer/1/",
                }
            ],
            "fetched_at": now,
        },
    )
    search.index(CatalogueEntry, [entry.pk for entry in entries])
    search.index(ExternalEntry, [external.pk])
    return len(entries)
