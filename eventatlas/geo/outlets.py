"""Where an outlet writes from, learnt from its own articles, and its country from its web address.

A local paper says "Alexandria" or "Richmond" without a state: its readers know which one. The
geocoder learns that too. After each article it notes the region (country, admin1) of every place
the article named unambiguously ("Rapides Parish" can only be in Louisiana), per outlet; later
articles of the same outlet then lean towards places in the regions it writes about most. Only
unambiguous names are counted, so a wrong guess never teaches the profile to repeat itself.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from urllib.parse import urlsplit

from .gazetteer import Entry
from .resolve import LOCAL_KINDS

PSEUDO = 1.0  # shares are n / (total + PSEUDO): one article about a town does not make it home

# Country-code top-level domains that name the country an outlet publishes from. Generic ones
# (.com, .org, .net) and ones sold worldwide as vanity names (.tv, .io, .me, .co, .fm, .ai...)
# say nothing and are left out.
_VANITY_TLDS = {"tv", "io", "me", "co", "fm", "ai", "cc", "ws", "tk", "nu", "gg", "sh", "ac", "vc", "gl", "la",
                "to", "im"}
_TLD_COUNTRY = {"uk": "GB"}


def _host(url: str | None) -> str:
    # a bare "example.org" is a host too
    return (urlsplit(url if url and "//" in url else f"//{url or ''}").hostname or "").rstrip(".").lower()


def country_of_url(url: str | None) -> str | None:
    """ISO country of a web address's country-code domain ("bbc.co.uk" -> GB), or None."""
    host = _host(url)
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(tld) != 2 or not tld.isalpha() or tld in _VANITY_TLDS:
        return None
    return _TLD_COUNTRY.get(tld, tld.upper())


def outlet_key(outlet: str | None, url: str | None) -> str | None:
    """What identifies an outlet: its web host without "www.", else its name."""
    host = _host(url)
    if host.startswith("www."):
        host = host[4:]
    return host or (outlet.strip().lower() if outlet and outlet.strip() else None)


class OutletProfiles:
    """Per outlet, how often each region was named unambiguously: one per pipeline run or evaluation
    pass, so what one run learns never changes another's. Safe to share between threads."""

    def __init__(self) -> None:
        self._seen: dict[str, Counter] = defaultdict(Counter)
        self._lock = threading.Lock()

    def of(self, outlet: str | None) -> Outlet | None:
        """The profile of one outlet (outlet_key), to hand to the geocoder with its articles."""
        return Outlet(self, outlet) if outlet else None

    def home(self, outlet: str) -> dict[tuple[str, str], float]:
        """Each region's share of the outlet's unambiguous places, damped by PSEUDO."""
        with self._lock:
            seen = Counter(self._seen.get(outlet, ()))
        total = sum(seen.values())
        return {region: n / (total + PSEUDO) for region, n in seen.items()}

    def learn(self, outlet: str, named: list[tuple[list[Entry], Entry | None]]) -> None:
        """Note one article's places: for each name, its exact candidates and the choice made."""
        regions = set()
        for candidates, choice in named:
            local = {(e.country_code, e.admin1) for e in candidates if e.kind in LOCAL_KINDS and e.admin1}
            if choice is not None and len(local) == 1 and (choice.country_code, choice.admin1) in local:
                regions |= local
        if regions:
            with self._lock:
                # once per region and article: an article about one town must not outweigh ten others
                self._seen[outlet].update(regions)


class Outlet:
    """One outlet's profile, as the geocoder sees it while resolving that outlet's article."""

    def __init__(self, profiles: OutletProfiles, key: str):
        self.profiles, self.key = profiles, key

    def home(self) -> dict[tuple[str, str], float]:
        return self.profiles.home(self.key)

    def learn(self, named: list[tuple[list[Entry], Entry | None]]) -> None:
        self.profiles.learn(self.key, named)
