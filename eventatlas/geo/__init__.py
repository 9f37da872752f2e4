"""Geocoding: place mentions in a parsed article -> GeoNames places.

    geocoder = get_geocoder(settings)
    for t in geocoder.geoparse(doc):        # doc: a spaCy Doc
        print(t.start, t.end, t.place.name, t.place.geonames_id, t.place.precision)
    geocoder.resolve_name("Deir el-Zour")   # -> Place(name="Deir ez-Zor", geonames_id=170794, ...)

The gazetteer index is built on first use (about a minute) into Settings().cache_dir and reused.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from dataclasses import dataclass

from eventatlas.config import Settings
from eventatlas.records import Place
from eventatlas.registry import Registry

from .gazetteer import Entry, Gazetteer
from .recognize import demonym, demonym_region, find_mentions
from .resolve import Mention, Resolver

GEOCODERS: Registry = Registry("geocoder")
PRECISION_OF_KIND = {"country": "country", "admin1": "admin1", "admin2": "admin1", "city": "city",
                     "region": "region"}


@dataclass
class Toponym:
    start: int
    end: int
    place: Place  # place.text is the surface form doc.text[start:end]


def _inner_name(gaz: Gazetteer, name: str) -> str | None:
    """The longest known place name inside an unknown one: "Colorado State University" ->
    "Colorado", "Dubai World Cup" -> "Dubai"; such names are in, or named after, that place."""
    from .normalize import norm_key
    from .recognize import common_words

    words = name.replace(",", " ").split()
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            sub = " ".join(words[i:i + n])
            if not sub[:1].isupper() or (n == 1 and sub.lower() in common_words()):
                continue
            if gaz.has_name(norm_key(sub)):
                return sub
    return None


def _nearby_fallback(mentions: list[Mention]) -> dict[int, Entry]:
    """For names the gazetteer lacks (streets, buildings, rivers, estates), the local place
    mentioned nearest in the text, within the article's main country: local features are almost
    always in the story's town, and a stray homonym abroad should not drag them along."""
    chosen = [m.choice for m in mentions if m.choice is not None]
    if not chosen:
        return {}
    main_cc = Counter(e.country_code for e in chosen if e.country_code).most_common(1)
    local = [(m.start, m.choice) for m in mentions
             if m.choice is not None and m.choice.kind in ("city", "admin2", "admin1")
             and (not main_cc or m.choice.country_code == main_cc[0][0])]
    if not local:
        return {}
    # Cities and counties are better anchors than a whole state or province.
    fine = [(at, e) for at, e in local if e.kind != "admin1"] or local
    return {i: min(fine, key=lambda se: abs(se[0] - m.start))[1]
            for i, m in enumerate(mentions) if m.choice is None}


def to_approximate_place(text: str, near: Entry) -> Place:
    """A name the gazetteer lacks, placed at the local place it is near: no name, no id."""
    return Place(text=text, latitude=near.latitude, longitude=near.longitude,
                 country_code=near.country_code or None, admin1=near.admin1, precision="city")


def to_place(text: str, e: Entry | None) -> Place:
    if e is None:
        return Place(text=text)
    return Place(text=text, name=e.name, geonames_id=e.geonames_id, latitude=e.latitude,
                 longitude=e.longitude, country_code=e.country_code or None,
                 admin1=e.admin1 if e.kind != "country" else None,
                 precision=PRECISION_OF_KIND.get(e.kind))


@GEOCODERS.register("geonames")
class Geocoder:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self.gazetteer = Gazetteer(self.settings.cache_dir)
        self.resolver = Resolver(self.gazetteer)

    def geoparse(self, doc, *, outlet_country: str | None = None,
                 include_demonyms: bool = False) -> list[Toponym]:
        """Place mentions of a spaCy Doc, resolved jointly; unresolved names keep a bare Place.

        include_demonyms adds "Syrian"-style words as country-precision toponyms; evaluation
        sets such as GeoWebNews count them, the event pipeline does not want them as places."""
        found = find_mentions(doc, self.gazetteer, outlet_country=outlet_country)
        near = self._resolve_all(found.mentions, found.context, outlet_country)
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

    def resolve_mentions(self, text: str, spans: list[tuple[int, int]], *,
                         outlet_country: str | None = None) -> list[Place]:
        """Resolve given character spans of `text` jointly (gold spans in evaluation)."""
        mentions, context, fixed = [], Counter(), {}
        for k, (s, e) in enumerate(spans):
            surface = text[s:e]
            place = self._demonym_place(surface)
            if place is not None:
                fixed[k] = place
                if place.kind == "country":
                    context[place.country_code] += 1
            else:
                mentions.append(Mention(s, e, surface))
        for i in range(len(mentions) - 1):
            if text[mentions[i].end:mentions[i + 1].start].strip() in (",", "in"):
                mentions[i].parent = i + 1
        near = self._resolve_all(mentions, context, outlet_country)
        resolved = [to_approximate_place(m.text, near[i]) if i in near else to_place(m.text, m.choice)
                    for i, m in enumerate(mentions)]
        rest = iter(resolved)
        return [to_place(text[s:e], fixed[k]) if k in fixed else next(rest) for k, (s, e) in enumerate(spans)]

    def _resolve_all(self, mentions: list[Mention], context: Counter, outlet_country: str | None
                     ) -> dict[int, Entry]:
        """Resolve jointly; returns, for names the gazetteer lacks, the nearby local place to
        approximate them with. Where the article has no local place to lean on, an unknown
        name is resolved by a known name inside it instead."""
        self.resolver.resolve(mentions, context, outlet_country)
        near = _nearby_fallback(mentions)
        inner = []
        for i, m in enumerate(mentions):
            sub = _inner_name(self.gazetteer, m.text) if m.choice is None and i not in near else None
            if sub:
                inner.append((m, Mention(m.start, m.end, sub)))
        if inner:
            self.resolver.resolve([x for _, x in inner], context, outlet_country)
            for m, x in inner:
                m.choice = x.choice
        return near

    def _demonym_place(self, word: str) -> Entry | None:
        """The country or region a demonym stands for, when `word` is one."""
        is_dem, iso = demonym(word)
        if not is_dem:
            return None
        if iso:
            return self.gazetteer.country(iso)
        region = demonym_region(word)
        hits = self.gazetteer.lookup(region, fuzzy=False) if region else []
        return max(hits, key=lambda h: h[0].population)[0] if hits else None

    def resolve_name(self, name: str, *, country_hint: str | None = None) -> Place | None:
        name = name.strip()
        if not name:
            return None
        words = name.split()
        hint = None
        if len(words) > 1:
            from .recognize import ADMIN_WORDS
            hint = ADMIN_WORDS.get(words[-1].lower())
            if hint:
                name = " ".join(words[:-1])
        m = Mention(0, len(name), name, hint)
        self.resolver.resolve([m], Counter({country_hint: 1}) if country_hint else None)
        return to_place(name, m.choice) if m.choice else None


_lock = threading.Lock()


@functools.lru_cache(maxsize=4)
def _cached(name: str, cache_dir: str) -> Geocoder:
    cls = GEOCODERS.get(name)
    return cls(Settings.from_env().with_overrides(cache_dir=cache_dir, geocoder=name))


def get_geocoder(settings: Settings | None = None) -> Geocoder:
    """One geocoder per (geocoder name, cache dir); building the index happens at most once."""
    settings = settings or Settings.from_env()
    with _lock:
        return _cached(settings.geocoder, str(settings.cache_dir))


def country_of_demonym(word: str) -> str | None:
    """ISO2 country of a demonym or nationality adjective ("Malian" -> "ML"), else None."""
    return demonym(word)[1]


def country_code_of_name(name: str) -> str | None:
    """ISO2 when `name` is a country's name ("Syria", "the U.S."), else None."""
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    for e, *_ in get_geocoder().gazetteer.lookup(name, fuzzy=False):
        if e.kind == "country":
            return e.country_code
    return None


from .focus import article_focus, event_focus_place  # noqa: E402 - needs Toponym defined first

__all__ = ["GEOCODERS", "Geocoder", "Toponym", "get_geocoder", "country_of_demonym", "country_code_of_name",
           "article_focus", "event_focus_place"]
