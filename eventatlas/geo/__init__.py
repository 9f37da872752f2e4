"""The geography stage: where an article is, in one pass before extraction.

    geocoder = GEOCODERS.get("geonames").from_settings(settings)   # Atlas does this once
    geography = geocoder.geography(doc, document)   # doc: the spaCy Doc; document: records.Document
    for t in geography.toponyms:
        print(t.start, t.end, t.place.name, t.place.geonames_id, t.place.precision)
    geography.dateline, geography.focus              # where it was filed from, what it is about
    geocoder.resolve_name("Deir el-Zour")            # -> Place(name="Deir ez-Zor", geonames_id=170794, ...)

GEOCODERS is the extension point; a geocoder is anything with the methods of `GeocoderLike`. The GeoNames
gazetteer index is built on first use (about a minute) into the settings' cache_dir and reused.
"""

from __future__ import annotations

import copy
from collections import Counter
from typing import Protocol

from eventatlas.config import Settings
from eventatlas.nlp.dateline import dateline_end
from eventatlas.nlp.furniture import skip_furniture
from eventatlas.records import Document, Geography, Place, Toponym
from eventatlas.registry import Registry

from .gazetteer import Entry, Gazetteer
from .normalize import loose_key
from .recognize import ADMIN_WORDS, demonym, demonym_region, find_mentions, point_cue
from .focus import article_focus
from .outlets import Outlet, country_of_url
from eventatlas.geodesy import haversine_km

from .ranker import Weights
from .resolve import Mention, Resolver

GEOCODERS: Registry = Registry("geocoder")
PRECISION_OF_KIND = {"country": "country", "admin1": "admin1", "admin2": "admin1", "city": "city",
                     "region": "region", "site": "point"}


class GeocoderLike(Protocol):
    """What the pipeline, the extractor and the scorers ask of a geocoder."""

    @classmethod
    def from_settings(cls, settings: Settings) -> "GeocoderLike": ...

    def geography(self, doc, document: Document, *, outlet: Outlet | None = None) -> Geography: ...

    def resolve_name(self, name: str, *, country_hint: str | None = None) -> Place | None: ...

    def country_code_of_name(self, name: str) -> str | None: ...

    def is_big_place(self, phrase: str, n_words: int) -> bool: ...


def _inner_name(gaz: Gazetteer, name: str) -> str | None:
    """The longest known place name inside an unknown one: "Nairobi Securities Exchange" -> "Nairobi",
    "Herat Regional Hospital" -> "Herat"; institutions, events and buildings are mostly in, or named after,
    the place they carry. Of equally long ones, the one naming the largest place ("Bank of Ghana": Ghana,
    not a village called Bank)."""
    from .normalize import norm_key
    from .recognize import common_words

    words = name.replace(",", " ").split()
    for n in range(len(words) - 1, 0, -1):
        subs = []
        for i in range(len(words) - n + 1):
            sub = " ".join(words[i:i + n])
            if not sub[:1].isupper() or (n == 1 and sub.lower() in common_words()):
                continue
            if gaz.has_name(norm_key(sub)):
                subs.append(sub)
        if len(subs) > 1:
            return max(subs, key=lambda x: max(h.entry.population for h in gaz.lookup(x, fuzzy=False)))
        if subs:
            return subs[0]
    return None


INNER_BIG = 100_000
INNER_NEAR_KM = 50.0
WEAK_FAR_KM = 300.0
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane",
                "way", "highway", "metro", "station", "square", "place", "court", "ct", "parkway", "terrace"}


def _trust_inner(whole: str, x: Mention, e: Entry, anchor: Entry | None) -> bool:
    """Whether a known name inside an unknown one ("Lagos State Assembly", "Bank of Ghana") places
    it better than the local place nearest in the text does. Without such a place it always does;
    with one, only a non-fuzzy match that is a large place (national institutions are named after
    countries and big cities) or lies near that local place: a small town that shares a word of a local
    name ("Royal Oak Diner" in a Tulsa story) would carry it off to another state."""
    if anchor is None:
        return True
    if any(h.entry is e and h.fuzzy for h in x.candidates):
        return False
    if haversine_km(e.latitude, e.longitude, anchor.latitude, anchor.longitude) <= INNER_NEAR_KM:
        return True
    if whole.split()[-1].lower().strip(".") in STREET_WORDS:
        return False  # a street named after a town ("Fresno Street") is a street of the story's town
    return (e.kind in ("country", "region") or e.kind == "city" and e.population >= INNER_BIG
            or e.kind == "admin1" and e.country_code == anchor.country_code)


def _weak(m: Mention) -> bool:
    """A choice that only a spelling variant supports, of a small town: the spelling folds made for
    transliterations ("kh"/"k", vowels) also join unrelated short names, so such a match is more
    likely a local name the gazetteer lacks than that town."""
    e = m.choice
    if e is None or e.kind != "city" or e.population >= INNER_BIG:
        return False
    hit = next((h for h in m.candidates if h.entry is e), None)
    # "Mt. Vernon" is Mount Vernon: an abbreviation is no spelling variant
    return hit is not None and hit.fuzzy and loose_key(m.text) != loose_key(e.name)


def _province_named(e: Entry, mentions: list[Mention]) -> bool:
    """Whether the article names the province a spelling variant's town lies in ("Kadogli, the capital of
    South Kordofan", "the North Darfur town of Umm Kadada"): that supports the variant."""
    return any(o.choice is not None and o.choice is not e and o.choice.kind == "admin1"
               and o.choice.country_code == e.country_code and e.admin1 and o.choice.admin1 == e.admin1
               for o in mentions)


def _nearby_fallback(mentions: list[Mention], weak: set[int] = frozenset(),
                     filed_from: Entry | None = None) -> dict[int, Entry]:
    """For names the gazetteer lacks (streets, buildings, rivers, estates), the local place
    mentioned nearest in the text, within the article's main country: local features are almost
    always in the story's town, and a stray homonym abroad should not drag them along. Weak
    choices get one too, but lend none. Where the text names no town of that country, the dateline's
    (`filed_from`) is the story's town, before any province the text names."""
    chosen = [m.choice for i, m in enumerate(mentions) if m.choice is not None and i not in weak]
    if not chosen and filed_from is None:
        return {}
    main_cc = Counter(e.country_code for e in chosen or [filed_from] if e.country_code).most_common(1)
    local = [(m.start, m.choice) for i, m in enumerate(mentions)
             if m.choice is not None and i not in weak and m.choice.kind in ("city", "admin2", "admin1")
             and (not main_cc or m.choice.country_code == main_cc[0][0])]
    # Cities and counties are better anchors than a whole state or province.
    fine = [(at, e) for at, e in local if e.kind != "admin1"]
    if not fine and filed_from is not None and filed_from.kind in ("city", "admin2") and (
            not main_cc or filed_from.country_code == main_cc[0][0]):
        fine = [(-1, filed_from)]
    fine = fine or local
    if not fine:
        return {}
    return {i: min(fine, key=lambda se: abs(se[0] - m.start))[1]
            for i, m in enumerate(mentions) if m.choice is None or i in weak}


def to_approximate_place(text: str, near: Entry) -> Place:
    """A name the gazetteer lacks, placed at the local place it is near: no name, no id, and no finer than
    that place (near a province's name, it is somewhere in the province)."""
    return Place(text=text, latitude=near.latitude, longitude=near.longitude,
                 country_code=near.country_code or None, admin1=near.admin1,
                 precision="admin1" if near.kind in ("admin1", "admin2") else "city")


def to_place(text: str, e: Entry | None) -> Place:
    if e is None:
        return Place(text=text)
    return Place(text=text, name=e.name, geonames_id=e.geonames_id, latitude=e.latitude,
                 longitude=e.longitude, country_code=e.country_code or None,
                 admin1=e.admin1 if e.kind != "country" else None,
                 precision=PRECISION_OF_KIND.get(e.kind))


@GEOCODERS.register("geonames")
class Geocoder:
    """GeoNames places from packaged data (gazetteer.py), resolved jointly per article (resolve.py)."""

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None):
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer, weights)

    @classmethod
    def from_settings(cls, settings: Settings) -> "Geocoder":
        weights = Weights.named(settings.geo_ranker) if settings.geo_ranker else None
        return cls(Gazetteer(settings.cache_dir), weights)

    def geography(self, doc, document: Document, *, outlet: Outlet | None = None) -> Geography:
        """The article's places in one pass: its dateline place (first, when it has one), every place it
        names, and its focus. `doc` is the spaCy parse of the text spaCy saw (same offsets as document.text);
        outlet is the publisher's profile (OutletProfiles.of), which learns from this article too."""
        filed = self._dateline(document.text, document.body_start)
        toponyms = self.geoparse(doc, outlet_country=country_of_url(document.url), outlet=outlet,
                                 filed_from=filed[2] if filed else None)
        dateline = None
        if filed is not None:
            dateline = Toponym(filed[0], filed[0] + len(filed[1]), to_place(filed[1], filed[2]))
            toponyms = [dateline, *toponyms]
        return Geography(toponyms=toponyms, dateline=dateline, focus=article_focus(toponyms))

    def dateline_place(self, text: str, body_start: int = 0) -> Toponym | None:
        """Where the story was filed from ("CHITTAGONG, Bangladesh - "): blanked for the parser, but still
        the article's place of last resort when the body names none."""
        filed = self._dateline(text, body_start)
        return Toponym(filed[0], filed[0] + len(filed[1]), to_place(filed[1], filed[2])) if filed else None

    def _dateline(self, text: str, body_start: int) -> tuple[int, str, Entry] | None:
        """(offset, name as written, place) of the dateline, when it names a place the gazetteer knows."""
        end = dateline_end(text, body_start)
        if not end:
            return None
        head = text[skip_furniture(text, body_start):end]  # "Share this article" before it is no name
        name = head.split(",")[0].split("(")[0].strip(" -—–:\r\n\t")
        start = text.find(name, body_start)
        hint = None
        if "," in head:
            hint = self.country_code_of_name(head.split(",")[1].split("(")[0].strip(" -—–:"))
        entry = self._resolve_entry(name.title(), country_hint=hint) if name else None
        if entry is None or start < 0:
            return None
        return start, name, entry

    def geoparse(self, doc, *, outlet_country: str | None = None, outlet: Outlet | None = None,
                 include_demonyms: bool = False, filed_from: Entry | None = None) -> list[Toponym]:
        """Place mentions of a spaCy Doc, resolved jointly; unresolved names keep a bare Place.

        filed_from: the dateline's place, the story's town, where a name the gazetteer lacks ("the
        capital's Karaan district") is placed when no place the text names lies nearer in it.

        outlet: who published it (OutletProfiles.of); where its earlier articles were set tells which
        "Richmond" it means, and this article's places are added to that.
        include_demonyms adds "Syrian"-style words as country-precision toponyms; evaluation
        sets such as GeoWebNews count them, the event pipeline does not want them as places."""
        found = find_mentions(doc, self.gazetteer, outlet_country=outlet_country)
        near = self._resolve_all(found.mentions, found.context, outlet_country, outlet, filed_from)
        text = doc.text  # spaCy rebuilds doc.text on every access
        out = []
        for i, m in enumerate(found.mentions):
            end = m.surface_end or m.end
            surface = text[m.start:end]
            place = to_approximate_place(surface, near[i]) if i in near else to_place(surface, m.choice)
            out.append(Toponym(m.start, end, place))
        if include_demonyms:
            for s, e, _ in found.demonyms:
                entry = self._demonym_place(text[s:e])
                if entry is not None:
                    out.append(Toponym(s, e, to_place(text[s:e], entry)))
            out.sort(key=lambda t: t.start)
        return out

    def with_ranker(self, weights: Weights) -> Geocoder:
        """This geocoder, sharing its gazetteer, with other ranker weights (the scorecard's cross-fitted ones)."""
        other = copy.copy(self)
        other.resolver = Resolver(self.gazetteer, weights)
        return other

    def resolve_mentions(self, text: str, spans: list[tuple[int, int]], *, outlet_country: str | None = None,
                         outlet: Outlet | None = None, trace: list | None = None) -> list[Place]:
        """Resolve given character spans of `text` jointly (gold spans in evaluation); `trace` collects the
        ranker's features of each name as it is decided (Resolver.resolve)."""
        mentions, context, fixed = [], Counter(), {}
        for k, (s, e) in enumerate(spans):
            surface = text[s:e]
            place = self._demonym_place(surface)
            if place is not None:
                fixed[k] = place
                if place.kind == "country":
                    context[place.country_code] += 1
            else:
                # "Enugu State", "Henderson County": the name, with the kind its suffix says,
                # as find_mentions reads it.
                words = surface.split()
                hint = ADMIN_WORDS.get(words[-1].lower()) if len(words) > 1 else None
                name = surface[:surface.rstrip().rfind(" ")].rstrip() if hint else surface
                mentions.append(Mention(s, s + len(name), name, hint, surface_end=e if hint else None,
                                         full=surface if hint else None, point_cue=point_cue(text[max(0, s - 40):s])))
        for i in range(len(mentions) - 1):
            between = text[mentions[i].surface_end or mentions[i].end:mentions[i + 1].start].strip().lower()
            if between in (",", "in", ", in", "in the", "of"):
                mentions[i].parent = i + 1
        near = self._resolve_all(mentions, context, outlet_country, outlet, trace=trace)
        surfaces = [text[m.start:m.surface_end or m.end] for m in mentions]
        resolved = [to_approximate_place(surfaces[i], near[i]) if i in near else to_place(surfaces[i], m.choice)
                    for i, m in enumerate(mentions)]
        rest = iter(resolved)
        return [to_place(text[s:e], fixed[k]) if k in fixed else next(rest) for k, (s, e) in enumerate(spans)]

    def _resolve_all(self, mentions: list[Mention], context: Counter, outlet_country: str | None,
                     outlet: Outlet | None = None, filed_from: Entry | None = None,
                     trace: list | None = None) -> dict[int, Entry]:
        """Resolve jointly; returns, for names the gazetteer lacks, the nearby local place to
        approximate them with. Where the article has no local place to lean on, an unknown
        name is resolved by a known name inside it instead."""
        home = outlet.home() if outlet else None
        self.resolver.resolve(mentions, context, outlet_country, home=home, trace=trace)
        if outlet:
            outlet.learn([([h.entry for h in m.candidates if not h.fuzzy], m.choice) for m in mentions])
        weak = {i for i, m in enumerate(mentions) if _weak(m) and not _province_named(m.choice, mentions)}
        near = _nearby_fallback(mentions, weak, filed_from)
        for i in weak:
            e, anchor = mentions[i].choice, near.pop(i, None)
            if anchor is not None and haversine_km(e.latitude, e.longitude, anchor.latitude,
                                                   anchor.longitude) > WEAK_FAR_KM:
                mentions[i].choice = None
                near[i] = anchor
        inner = []
        for i, m in enumerate(mentions):
            sub = _inner_name(self.gazetteer, m.text) if m.choice is None else None
            if sub:
                inner.append((i, Mention(m.start, m.end, sub)))
        if not inner:
            return near
        # Along with the other names' choices, so "Punjab University" in a story from Lahore is Pakistan's Punjab.
        anchors = [Mention(m.start, m.end, m.text, m.kind_hint, full=m.full,
                           candidates=[h for h in m.candidates if h.entry is m.choice][:1])
                   for m in mentions if m.choice is not None]
        for _, x in inner:
            x.candidates = self.resolver.candidates_for(x)
        self.resolver.resolve(anchors + [x for _, x in inner], context, outlet_country, lookup=False, home=home)
        for i, x in inner:
            e = x.choice
            if e is None or _trust_inner(mentions[i].text, x, e, near.get(i)):
                mentions[i].choice = e
                near.pop(i, None)
        return near

    def _demonym_place(self, word: str) -> Entry | None:
        """The place a demonym stands for, when `word` is one: its region where the table names one
        ("Texan" -> Texas, "Kurdish" -> Kurdistan), else its country."""
        is_dem, iso = demonym(word)
        if not is_dem:
            return None
        region = demonym_region(word)
        hits = [h for h in self.gazetteer.lookup(region, fuzzy=False) if not iso or h.entry.country_code == iso
                ] if region else []
        if hits:
            # "Wales" is a town in Wales too: the region, not its namesake
            return max(hits, key=lambda h: (h.entry.kind in ("admin1", "region"), h.entry.population)).entry
        return self.gazetteer.country(iso) if iso else None

    def resolve_name(self, name: str, *, country_hint: str | None = None) -> Place | None:
        words = name.strip().split()
        if len(words) > 1 and ADMIN_WORDS.get(words[-1].lower()):
            words = words[:-1]
        entry = self._resolve_entry(name, country_hint=country_hint)
        return to_place(" ".join(words), entry) if entry is not None else None

    def _resolve_entry(self, name: str, *, country_hint: str | None = None) -> Entry | None:
        name = name.strip()
        if not name:
            return None
        words = name.split()
        hint = None
        if len(words) > 1:
            hint = ADMIN_WORDS.get(words[-1].lower())
            if hint:
                name = " ".join(words[:-1])
        m = Mention(0, len(name), name, hint)
        m.candidates = self.resolver.candidates_for(m)
        if country_hint:
            # "GAO, Burkina Faso": the dateline names the country, so a place there is meant if there is one
            m.candidates = [h for h in m.candidates if h.entry.country_code == country_hint] or m.candidates
        self.resolver.resolve([m], Counter({country_hint: 1}) if country_hint else None, lookup=False)
        return m.choice


    def country_code_of_name(self, name: str) -> str | None:
        """ISO2 when `name` is a country's name ("Syria", "the U.S."), else None."""
        name = name.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        for e, *_ in self.gazetteer.lookup(name, fuzzy=False):
            if e.kind == "country":
                return e.country_code
        return None

    def is_big_place(self, phrase: str, n_words: int) -> bool:
        """Whether `phrase` is the own name of a country or a large place (truecasing capitalises those).
        Aliases do not count: they include abbreviations such as "Mass" and "Cal"."""
        from .normalize import fold

        if n_words == 1 and len(phrase) < 4:
            return False
        floor = 100_000 if n_words == 1 else 20_000
        key = fold(phrase)
        return any(fold(e.name) == key and (e.kind == "country" or e.population >= floor)
                   for e, *_ in self.gazetteer.lookup(phrase, fuzzy=False))


def country_of_demonym(word: str) -> str | None:
    """ISO2 country of a demonym or nationality adjective ("Malian" -> "ML"), else None."""
    return demonym(word)[1]


__all__ = ["GEOCODERS", "Geocoder", "GeocoderLike", "Toponym", "country_of_demonym", "article_focus"]
