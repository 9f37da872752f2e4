"""Geocoding scores on Gritta's XML gold sets (GeoWebNews "gwn", LGL "lgl").

Two settings, as in the geoparsing literature:
  given gold spans -> exact GeoNames match, accuracy within 161 km (100 miles), median error;
  end to end       -> toponym precision / recall / F1 (a prediction matches a gold span it
                      overlaps) and acc@161 of the matched ones.
A population-only baseline (the largest place with the name) runs on the same spans.
The pipeline is told only what a user's run has: each article's text and its web address (both sets
give it), from which it reads the outlet's country domain and learns where that outlet writes from.
End to end goes through Pipeline.geography, the step the pipeline runs for every article.
Gold is read from ../shared/gold/geoparsing (or EVENTATLAS_GOLD, or an explicit path); it is
never copied into the repository.
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from eventatlas.errors import GoldError
from eventatlas.evaluate import SETS as SCORECARD_SETS, GoldSet
from eventatlas.evaluate.gold import gold_path
from eventatlas.geo.outlets import OutletProfiles, country_of_url, outlet_key
from eventatlas.geodesy import haversine_km

FILES = {"gwn": "GWN.xml", "lgl": "lgl.xml"}  # under geoparsing/ in the gold root
# The ranker weights each set is scored with: those fitted on the other set (bench/fit_geo_ranker.py), so no
# figure comes from the data its weights were fitted on. Any other file gets the shipped default.
CROSS_FITTED = {"gwn": "lgl", "lgl": "gwn"}
FAR_KM = 20_038.0  # half the Earth's circumference: the error charged for an unresolved name




@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    kind: str | None = None  # GeoWebNews' fine-grained type


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    # The article's web address (GWN <link>, LGL <url>): a user's document carries its URL too, so the pipeline
    # may read the outlet from it. LGL's separate <domain> is not used: no user's document has such a field.
    url: str | None = None


def _num(text: str | None, cast):
    text = (text or "").strip()
    return cast(text) if text else None


def read_gold(path: str | Path) -> list[GoldArticle]:
    """Articles of a Gritta-format XML file (GeoWebNews or LGL/TR-News/GeoVirus variants)."""
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"{path}: no such gold file")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldError(f"{path}: not well-formed XML ({exc})") from None
    articles = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text")
        if text is None:
            continue
        aid = art.get("docid") or art.get("file") or str(n)
        tops = []
        for t in art.iter("toponym"):
            start, end = _num(t.findtext("start"), int), _num(t.findtext("end"), int)
            if start is None or end is None:
                continue
            gaz = t.find("gaztag")
            if gaz is not None:  # LGL style
                gid = _num(gaz.get("geonameid"), int)
                lat, lon = _num(gaz.findtext("lat"), float), _num(gaz.findtext("lon"), float)
                kind = None
            else:  # GeoWebNews style
                gid = _num(t.findtext("geonamesID"), int)
                lat, lon = _num(t.findtext("latitude"), float), _num(t.findtext("longitude"), float)
                kind = t.findtext("type")
            tops.append(GoldToponym(start, end, text[start:end], gid, lat, lon, kind))
        url = (art.findtext("url") or art.findtext("link") or "").strip() or None
        articles.append(GoldArticle(aid, text, tops, url))
    if not articles:
        raise GoldError(f"{path}: no <article> with <text> found; is this Gritta's XML format?")
    return articles


def _outlet_of(art: GoldArticle, profiles: OutletProfiles | None) -> dict:
    """What Pipeline.geography reads from a document with this URL and no outlet name."""
    if profiles is None:
        return {"outlet_country": None, "outlet": None}
    return {"outlet_country": country_of_url(art.url), "outlet": profiles.of(outlet_key(None, art.url))}


class _Tally:
    def __init__(self) -> None:
        self.errors: list[float] = []
        self.exact = self.with_id = 0

    def add(self, gold: GoldToponym, place) -> None:
        if gold.lat is None:
            return
        if place is None or place.latitude is None:
            self.errors.append(FAR_KM)
        else:
            self.errors.append(haversine_km(gold.lat, gold.lon, place.latitude, place.longitude))
        if gold.geonames_id is not None:
            self.with_id += 1
            self.exact += int(place is not None and place.geonames_id == gold.geonames_id)

    def report(self) -> dict:
        n = len(self.errors)
        return {
            "n": n,
            "exact_match": round(self.exact / self.with_id, 4) if self.with_id else None,
            "acc_161km": round(sum(e <= 161 for e in self.errors) / n, 4) if n else None,
            "median_error_km": round(statistics.median(self.errors), 1) if n else None,
        }


def _population_baseline(geocoder, text: str):
    from eventatlas.geo import to_place
    from eventatlas.geo.recognize import demonym

    cands = geocoder.gazetteer.lookup(text, fuzzy=False) or geocoder.gazetteer.lookup(text)
    if cands:
        return to_place(text, max(cands, key=lambda c: c[0].population)[0])
    is_dem, iso = demonym(text)
    return to_place(text, geocoder.gazetteer.country(iso)) if is_dem and iso else None


def score_geo(set_name: str = "gwn", path: str | None = None, limit: int | None = None,
              *, end_to_end: bool = True, settings=None, outlet: bool = True, ranker: str | None = None) -> dict:
    """Scores of the geocoder on a gold set; `path` overrides the set's default file.

    outlet: give each article its web address, as a user's document has it: the pipeline reads the site
    (whose earlier articles it learns from) and its country domain ("lfpress.ca") from it. False gives none.
    ranker: the column of geo/data/ranker.tsv to resolve with; by default the one fitted on the other set."""
    from eventatlas.atlas import Atlas
    from eventatlas.config import Settings

    path_given = path
    if path is None:
        if set_name not in FILES:
            raise GoldError(f"{set_name!r}: unknown geoparsing set (known: {', '.join(FILES)})")
        path = gold_path(f"geoparsing/{FILES[set_name]}")
    articles = read_gold(path)[:limit]
    ranker = ranker or (CROSS_FITTED.get(set_name) if path_given is None else None)
    atlas = Atlas((settings or Settings()).with_overrides(geo_ranker=ranker))
    geocoder = atlas.geocoder
    ours, base = _Tally(), _Tally()
    t0 = time.perf_counter()
    # Each pass reads the articles in file order and learns where each outlet writes from as it
    # goes, as a pipeline run would; no pass starts with what an earlier one learnt.
    profiles = OutletProfiles()
    for art in articles:
        tops = sorted(art.toponyms, key=lambda t: t.start)
        places = geocoder.resolve_mentions(art.text, [(t.start, t.end) for t in tops],
                                           **_outlet_of(art, profiles if outlet else None))
        for gold, place in zip(tops, places):
            ours.add(gold, place)
            base.add(gold, _population_baseline(geocoder, gold.text))
    result = {
        "set": set_name, "path": str(path), "articles": len(articles), "outlet": outlet,
        "ranker": geocoder.resolver.weights.name,
        "gold_spans": ours.report(), "population_baseline": base.report(),
        "seconds_gold_spans": round(time.perf_counter() - t0, 1),
    }
    if end_to_end:
        result["end_to_end"] = _end_to_end(articles, atlas, outlet)
    return result


def _end_to_end(articles: list[GoldArticle], atlas, outlet: bool) -> dict:
    """Toponym recognition and resolution as the pipeline does them: its text preparation (dateline blanked,
    shouting truecased), its parse and its geography step (Pipeline.geography), on documents that carry
    only their text and web address. The pipeline keeps demonyms ("Syrian") as actors, never as places; gold
    spans that are demonyms are therefore neither hit nor miss, like gold spans without coordinates, and are
    counted apart."""
    from eventatlas.geo.recognize import demonym
    from eventatlas.records import Document

    pipeline = atlas.pipeline
    tp = fp = fn = 0
    tally = _Tally()
    parse_s = geo_s = 0.0
    documents = [Document(id=a.id, text=a.text, url=a.url if outlet else None) for a in articles]
    t = time.perf_counter()
    docs = pipeline.nlp.pipe((pipeline.parse_text(d) for d in documents), batch_size=16)
    n_demonym = 0
    for art, document in zip(articles, documents):
        doc = next(docs)
        t1 = time.perf_counter()
        parse_s += t1 - t
        preds = pipeline.geography(document, doc).toponyms
        t = time.perf_counter()
        geo_s += t - t1
        # Gold toponyms without coordinates (expressions, homonyms) are neither hit nor miss,
        # except Non_Toponym, which marks a name that is not a place at all.
        dem = [g for g in art.toponyms if g.lat is not None and demonym(g.text)[0]]
        n_demonym += len(dem)
        scored = [g for g in art.toponyms if g.lat is not None and g not in dem]
        neutral = [g for g in art.toponyms if (g.lat is None and g.kind != "Non_Toponym") or g in dem]
        used: set[int] = set()
        for p in preds:
            hit = next((k for k, g in enumerate(scored)
                        if k not in used and p.start < g.end and g.start < p.end), None)
            if hit is not None:
                used.add(hit)
                tp += 1
                tally.add(scored[hit], p.place)
            elif not any(p.start < g.end and g.start < p.end for g in neutral):
                fp += 1
        fn += len(scored) - len(used)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    matched = tally.report()
    return {
        "precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4),
        "matched": tp, "acc_161km_matched": matched["acc_161km"], "exact_match_matched": matched["exact_match"],
        "demonym_spans_not_scored": n_demonym,
        "seconds_parse": round(parse_s, 1), "seconds_geoparse": round(geo_s, 1),
        "geoparse_share_of_parse": round(geo_s / parse_s, 3) if parse_s else None,
    }


def flatten(result: dict) -> dict:
    """score_geo's nested report as flat metrics: given-span scores, their population baseline as
    baseline_*, end-to-end scores as e2e_*."""
    out: dict = {}
    if isinstance(result.get("articles"), int):
        out["n"] = result["articles"]
    for section, prefix in (("gold_spans", ""), ("population_baseline", "baseline_"), ("end_to_end", "e2e_")):
        for k, v in (result.get(section) or {}).items():
            if not isinstance(v, (int, float)) or isinstance(v, bool) or k.startswith("seconds"):
                continue
            if k == "n":  # the toponyms scored, not the articles
                if section == "gold_spans":
                    out["n_toponyms"] = v
                continue
            out[f"{prefix}{k}"] = v
    return out


def _registered(set_name: str):
    """The scorecard's score function for one geoparsing set: its own file is scored with the weights
    fitted on the other set; any other file the user points at, with the shipped default."""
    default = f"geoparsing/{FILES[set_name]}"

    def score(path: Path, runner, limit: int | None = None) -> dict:
        given = None if Path(path) == gold_path(default) else path
        return flatten(score_geo(set_name, given, limit))
    return score


for _name, _era in (("gwn", "fresh"), ("lgl", "older")):
    SCORECARD_SETS.register(_name)(GoldSet(
        name=_name, default=f"geoparsing/{FILES[_name]}", era=_era,
        baseline="largest place with the name (population)", score=_registered(_name),
        about="geocoding of gold toponym spans, then end to end through the pipeline's geography"))


def main(argv: list[str] | None = None) -> None:
    import argparse
    import json

    ap = argparse.ArgumentParser(description="geocoding scores on a Gritta-format gold set")
    ap.add_argument("--set", default="gwn", choices=sorted(FILES))
    ap.add_argument("--path")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--no-e2e", action="store_true")
    ap.add_argument("--ranker",
                    help="ranker weights (a column of geo/data/ranker.tsv; default: fitted on the other set)")
    ap.add_argument("--no-outlet", action="store_true",
                    help="do not give the pipeline each article's web address")
    args = ap.parse_args(argv)
    print(json.dumps(score_geo(args.set, args.path, args.limit, end_to_end=not args.no_e2e,
                               outlet=not args.no_outlet, ranker=args.ranker), indent=2))


if __name__ == "__main__":
    main()
