"""One Speaker per person or body, however the articles write the name."""

import re
from itertools import batched

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from rapidfuzz import fuzz

from factcheck import matching, semantic
from factcheck.models import Speaker, SpeakerAlias, SpeakerAliasOffer, Statement
from factcheck.services.history import record
from factcheck.text.entities import is_body
from factcheck.text.languages.detect import script
from factcheck.text.languages.transliterate import (
    is_arabic,
    needs_transliteration,
    skeleton,
    to_latin,
)
from factcheck.text.normalize import name_key

# "Sergei" and "Sergey": transliterations of one first name score above this.
FIRST_NAME_SIMILARITY = 75


def latin_spelling(name: str) -> str:
    """'Лавров' -> 'Lavrov': the spelling by which a name in Cyrillic or Arabic script meets
    the same person written in Latin letters ('' for a name already in them)."""
    return to_latin(name) if needs_transliteration(name) else ""


def speaker_find(name: str) -> Speaker | None:
    """The speaker a name stands for: an alias, or a unique same-surname person; a name in
    another script also by its Latin spelling ('Сергей Лавров' finds 'Sergei Lavrov')."""
    found = _find_by_key(name_key(name))
    if found is None and (latin := latin_spelling(name)):
        found = _find_by_key(name_key(latin))
    if found is None and is_arabic(name):
        found = _find_by_consonants(name)
    return found


def _consonant_pattern(consonants: str) -> str:
    """A regular expression for the Latin spellings of a word with these consonants
    ('hsn' -> 'husseini', 'hasani', 'hussaini'): vowels anywhere, letters doubled."""
    spelled = {"x": "kh", "$": "sh", "t": "th?", "d": "dh?"}
    vowels = "[aeiouyw]*"
    return vowels + vowels.join(f"(?:{spelled.get(c, re.escape(c))})+" for c in consonants) + vowels


def _find_by_consonants(name: str) -> Speaker | None:
    """An Arabic name and a Latin speaker with the same consonants in first name and surname
    ('كريم الحسيني' and 'Karim al-Husseini'): short vowels are not written in Arabic, so the
    consonants are what both spellings share. Only a unique match counts."""
    words = [skeleton(w) for w in name.split() if skeleton(w)]
    if len(words) < 2 or len(words[-1]) < 2:
        return None
    pattern = rf"(^| ){_consonant_pattern(words[-1])}$"
    first = re.compile(_consonant_pattern(words[0]))
    speakers = {a.speaker for a in SpeakerAlias.objects.select_related("speaker").filter(key__iregex=pattern)[:50]
                if len(a.key.split()) > 1 and first.fullmatch(a.key.split()[0])}
    return speakers.pop() if len(speakers) == 1 else None


def _find_by_key(key: str) -> Speaker | None:
    if not key:
        return None
    alias = SpeakerAlias.objects.select_related("speaker").filter(key=key).first()
    if alias:
        return alias.speaker
    words = key.split()
    candidates = {a.speaker for a in SpeakerAlias.objects.select_related("speaker")
                  .filter(key__endswith=" " + words[-1])}
    if len(words) == 1:
        return candidates.pop() if len(candidates) == 1 else None
    matches = [s for s in candidates
               if any(fuzz.ratio(" ".join(words[:-1]), " ".join(a.key.split()[:-1])) >= FIRST_NAME_SIMILARITY
                      for a in s.aliases.all() if len(a.key.split()) > 1)]
    return matches[0] if len(matches) == 1 else None


def speaker_for(name: str, role: str = "", also: tuple[str, ...] = ()) -> Speaker | None:
    """Find or create the speaker for a name, noting it and the other spellings in `also`
    ("Lavrov" for "Sergei Lavrov") as aliases, and a Cyrillic or Arabic name's Latin spelling.

    An import asks for a speaker with every quote, and mostly for one already known under all
    these spellings: that costs one read; anything to write is done in a transaction."""
    return speakers_for([(name, role, also)])[0]


def speakers_for(names: list[tuple[str, str, tuple[str, ...]]]) -> list[Speaker | None]:
    """`speaker_for` for each (name, role, also), in order, with one read of the aliases for
    all of them: an article names a handful of people, each asked for until now in a round
    trip of its own, and mostly known under every spelling already. Once a name needs a write,
    the names after it read again (what was written may be what they would find)."""
    asked = [_asked(*wanted) for wanted in names]
    known = _aliases({key for request in asked if request for key in request[3]})
    speakers, written = [], False
    for request in asked:
        if request is None:
            speakers.append(None)
            continue
        if written:
            known = _aliases(request[3])
        name, key, role, spellings = request
        speaker = known.get(key)
        if speaker is None or not spellings.keys() <= known.keys() or _fuller(speaker, name, role):
            speaker, written = _speaker_write(request, known), True
        speakers.append(speaker)
    return speakers


def _asked(name: str, role: str, also: tuple[str, ...]) -> tuple[str, str, str, dict[str, str]] | None:
    """(name, its key, role, {key: spelling} of it and its other spellings), or None for a
    name with nothing to look up by."""
    name = " ".join(name.split())[:300]
    key = name_key(name)
    if not key:
        return None
    spellings: dict[str, str] = {}
    for alias in (name, *also, *filter(None, map(latin_spelling, (name, *also)))):
        if (alias_key := name_key(alias)) and alias_key not in spellings:
            spellings[alias_key] = alias[:300]
    return name, key, role[:300], spellings


def _aliases(keys) -> dict[str, Speaker]:
    return {a.key: a.speaker for a in SpeakerAlias.objects.select_related("speaker").filter(key__in=keys)}


def _speaker_write(request: tuple[str, str, str, dict[str, str]], known: dict[str, Speaker]) -> Speaker:
    """The speaker for a name that is new, or known but not under all its spellings, or told
    more of (`_fuller`): found or created, completed, and its new spellings noted."""
    name, key, role, spellings = request
    with transaction.atomic():
        speaker = known.get(key) or speaker_find(name)
        if speaker is None:
            speaker = Speaker.objects.create(name=name, role=role)
            record(speaker, "create", None, {"name": [None, name], "role": [None, role]})
        elif _fuller(speaker, name, role):
            if _fuller_name(speaker, name):
                # "Lavrov" first, "Sergei Lavrov" later: the fuller name becomes the display name.
                speaker.name = name
            speaker.role = speaker.role or role
            speaker.save(update_fields=["name", "role"])
        # The spellings not yet anyone's alias become this speaker's; one that already stands
        # for someone keeps that person.
        SpeakerAlias.objects.bulk_create([SpeakerAlias(key=k, alias=a, speaker=speaker) for k, a in spellings.items()
                                          if k not in known], ignore_conflicts=True)
    return speaker


def _fuller_name(speaker: Speaker, name: str) -> bool:
    return len(name) > len(speaker.name) and speaker.name in name


def _fuller(speaker: Speaker, name: str, role: str) -> bool:
    """Whether this name or role tells more of the speaker than is stored."""
    return _fuller_name(speaker, name) or bool(role and not speaker.role)


@transaction.atomic
def speaker_merge(*, keep: Speaker, drop: Speaker, user) -> Speaker:
    """One person entered twice: move statements and aliases to `keep`, delete `drop`."""
    if keep.pk == drop.pk:
        return keep
    moved = Statement.objects.filter(speaker=drop).update(speaker=keep)
    aliases = list(drop.aliases.values_list("alias", flat=True))
    SpeakerAlias.objects.filter(speaker=drop).update(speaker=keep)
    _offers_follow(keep, drop)
    record(keep, "update", user, {"merged_from": [drop.name, keep.name], "aliases": [None, aliases]},
           reason=f"merged duplicate speaker {drop.pk} ({moved} statements)")
    record(drop, "delete", user, {"name": [drop.name, None]}, reason=f"merged into {keep.pk}")
    drop.delete()
    return keep


def _offers_follow(keep: Speaker, drop: Speaker) -> None:
    """'Possibly the same person' offers about `drop` are about `keep` once they are one: an
    offer that would now pair a speaker with itself or repeat another pair goes. The offer
    between the two themselves stays (its variant empties when `drop` is deleted)."""
    for offer in SpeakerAliasOffer.objects.filter(Q(speaker=drop) | Q(variant=drop)).exclude(
            Q(speaker=keep, variant=drop) | Q(speaker=drop, variant=keep)):
        speaker_id = keep.pk if offer.speaker_id == drop.pk else offer.speaker_id
        variant_id = keep.pk if offer.variant_id == drop.pk else offer.variant_id
        twin = SpeakerAliasOffer.objects.filter(Q(speaker_id=speaker_id, variant_id=variant_id)
                                                | Q(speaker_id=variant_id, variant_id=speaker_id))
        if speaker_id == variant_id or twin.exists():
            offer.delete()
        else:
            SpeakerAliasOffer.objects.filter(pk=offer.pk).update(speaker_id=speaker_id, variant_id=variant_id)


AS_ONE_MAX_LISTED = 500


def _read_as(ids: set[int]) -> tuple[dict[int, int | None], dict[int, str]]:
    """Of these speakers, those matching reads as another: a name part with a pending offer, as
    its fuller name; a body, as no one. Bodies are those a person marked so or named so in more
    than one word ('the court', 'the Kremlin'; a name of one word may be a surname written
    alone). And every one's name. One query for an article's few speakers (in parts of
    AS_ONE_MAX_LISTED for a rebuild's many: SQLite's limit on parameters)."""
    part_of = SpeakerAliasOffer.objects.filter(
        variant_id=OuterRef("pk"), state=SpeakerAliasOffer.State.PENDING, kind=SpeakerAliasOffer.Kind.PART,
    ).order_by("pk").values("speaker_id")[:1]
    read_as: dict[int, int | None] = {}
    names: dict[int, str] = {}
    for part in batched(sorted(ids), AS_ONE_MAX_LISTED):
        for pk, name, marked, fuller in (Speaker.objects.filter(pk__in=part).annotate(fuller=Subquery(part_of))
                                         .values_list("pk", "name", "is_organisation", "fuller")):
            names[pk] = name
            if fuller is not None:
                read_as[pk] = fuller
            elif marked or (len(name.split()) > 1 and is_body(name)):
                read_as[pk] = None
    return read_as, names


def written_alike(a: str, b: str) -> bool:
    """One name in two scripts ('Ерлан Токбаев', 'Yerlan Tokbayev'), compared transliterated,
    or in two transliterations ('Jerlan Tokbajev', 'Yerlan Tokbayev'; 'Ярцев', 'Јарцев'). Two
    spellings a vowel apart are not (Sultanov, Sultonov): that is an alias offer for a person."""
    return script(a) != script(b) and semantic.same_speaker(a, b) or semantic.spelt_alike(a, b)


def as_one_for_matching(quotes, clusters: matching.Clusters) -> None:
    """A name part written alone and the one speaker with that part ('Tedros' and 'Tedros
    Adhanom Ghebreyesus': a pending 'part of the name' offer) are one speaker to quote
    matching until a reviewer says otherwise: the quotes' and the clusters' speaker ids are
    read as the fuller name's, so the same words under both names link as one statement.
    Spelling variants are not: one letter apart may be another person.

    A body ('the court', "Lumbara's health ministry") is no named person: one outlet gives the
    court's judgment to 'the court', another the same words to the chief justice who wrote it,
    and a ministry's statement is its minister's words. Its quotes are read as an unnamed
    source's, so the same words link to the person's (the guard against two named people
    stands), and its cluster takes the person's name when one joins.

    A cluster that a translation started or joined by meaning may name its speaker in another
    script or transliteration than the quotes being placed ('Ерлан Токбаев' for an English
    wire's 'Yerlan Tokbayev'): it is read as theirs (`written_alike`), as the reworded tier
    reads them, so an English repost of the wire's words joins the wire's cluster."""
    held = [*quotes, *clusters.fullest.values(), *clusters.seed.values()]
    ids = ({q.speaker for q in held} | set(clusters.speaker.values())) - {None}
    fuller, names = _read_as(ids)
    placed = {q.speaker for q in quotes} - {None}
    for other in ids - placed - set(fuller):
        if own := next((own for own in sorted(placed) if written_alike(names[other], names[own])), None):
            fuller[other] = own
    if not fuller:
        return
    for q in held:
        q.speaker = fuller.get(q.speaker, q.speaker)
    for cluster, speaker in clusters.speaker.items():
        clusters.speaker[cluster] = fuller.get(speaker, speaker)
