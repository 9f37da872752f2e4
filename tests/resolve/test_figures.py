"""What the sources of one incident say, side by side: each source's own figure, low and high over them, and
a best estimate taken from the most reliable kind of source (never an average, never a sum of sources)."""

from __future__ import annotations

import pytest

from eventatlas.resolve.figures import incident_figures, reliability, report_counts


def q(category: str, low: int | None, high: int | None, text: str) -> dict:
    return {"category": category, "low": low, "high": high, "approximate": False, "text": text}


def report(doc: str, published: str, speaker: str | None, *quantities: dict, type: str = "ASSAULT",
           actors: tuple[dict, ...] = (), accounts: list[dict] | None = None) -> dict:
    return {"id": f"{doc}-e1", "type": type, "actors": list(actors), "quantities": list(quantities),
            "attribution": {"speaker": speaker, "affiliation": None, "via": None, "text": ""} if speaker else None,
            "accounts": accounts or [],
            "document": {"id": doc, "outlet": f"outlet {doc}", "published": published}}


def bounds(fig: dict) -> tuple:
    return fig["low"], fig["best"], fig["high"]


def test_two_counts_of_everyone_in_one_report_are_two_figures_not_a_sum():
    # "Shells hit Izium, killing one person, the governor said; the mayor put the toll at two."
    r = report("a", "2026-02-02", "the governor", q("fatalities", 1, 1, "one person"),
               q("fatalities", 2, 2, "the toll at two"))
    fig = incident_figures([r])["fatalities"]
    assert (fig["low"], fig["high"]) == (1, 2)
    assert [(s["low"], s["high"]) for s in fig["sources"]] == [(1, 1), (2, 2)]


def test_figures_of_distinct_groups_in_one_report_add_up():
    # "Three soldiers and two civilians were killed when the convoy was ambushed near Gao."
    counts = report_counts([q("fatalities", 3, 3, "three soldiers"), q("fatalities", 2, 2, "two civilians"),
                            q("injured", 4, 4, "four wounded")])
    assert counts == {"fatalities": [(5, 5)], "injured": [(4, 4)]}


def test_a_bound_keeps_its_bound_and_high_stays_empty_when_every_source_gives_one():
    only_bounds = incident_figures([report("a", "2026-02-02", "residents", q("fatalities", 25, None, "at least 25"))])
    assert bounds(only_bounds["fatalities"]) == (25, 25, None)
    mixed = incident_figures([
        report("a", "2026-02-02", "the regional governor", q("fatalities", 12, 12, "12 people")),
        report("b", "2026-02-02", "volunteers at the site", q("fatalities", 25, None, "at least 25 people")),
    ])
    assert bounds(mixed["fatalities"]) == (12, 12, 25)  # the bound counts as its number for high


def test_best_is_the_most_reliable_kind_of_source_and_its_latest_count():
    reports = [
        report("a", "2026-02-02", "the head of the regional administration", q("fatalities", 9, 9, "nine people")),
        report("b", "2026-02-03", "the city's health department", q("fatalities", 14, 14, "14 people")),
        report("c", "2026-02-03", "witnesses", q("fatalities", 30, None, "at least 30 people")),
        report("d", "2026-02-05", "the regional prosecutor's office", q("fatalities", 15, 15, "15 people")),
    ]
    # two tier-1 sources: the prosecutor's count two days later supersedes the health department's
    assert bounds(incident_figures(reports)["fatalities"]) == (9, 15, 30)


def test_equally_reliable_sources_of_one_day_give_their_lower_median():
    reports = [report(d, "2026-02-03", speaker, q("fatalities", n, n, f"{n} people"))
               for d, speaker, n in (("a", "the Nile Rights Monitor", 6), ("b", "the town's mayor", 9))]
    assert incident_figures(reports)["fatalities"]["best"] == 6


def test_a_closed_figure_goes_before_a_bound_of_the_same_day():
    reports = [report("a", "2026-02-03", "a hospital in Goma", q("injured", 40, None, "at least 40 people")),
               report("b", "2026-02-03", "the main hospital", q("injured", 37, 37, "37 people"))]
    assert incident_figures(reports)["injured"]["best"] == 37


def test_a_range_from_one_source_is_never_averaged():
    fig = incident_figures([report("a", "2026-02-03", "officials", q("fatalities", 5, 9, "between 5 and 9"))])
    assert bounds(fig["fatalities"]) == (5, 5, 9)


def test_each_account_of_one_report_is_a_source_of_its_own():
    accounts = [{"attribution": {"speaker": "the police"}, "quantities": [q("fatalities", 4, 4, "four people")]},
                {"attribution": {"speaker": "the Red Crescent"}, "quantities": [q("fatalities", 7, 7, "seven")]}]
    fig = incident_figures([report("a", "2026-02-03", "the police", q("fatalities", 4, 4, "four people"),
                                   accounts=accounts)])["fatalities"]
    assert [(s["speaker"], s["reliability"], s["low"]) for s in fig["sources"]] == [
        ("the police", 2, 4), ("the Red Crescent", 1, 7)]
    assert bounds(fig) == (4, 7, 7)


@pytest.mark.parametrize("speaker, tier", [
    ("the provincial health directorate", 1), ("Al-Shifa hospital", 1), ("the civil defence", 1),
    ("the Tigris Monitor for Human Rights", 2), ("the governor of Kassala", 2), ("the truck drivers' union", 2),
    ("police spokesman Abdi Warsame", 2), ("a police officer", 3), ("the army", 3), ("a security official", 3),
    ("medics", 3), ("a local official", 3),
    ("the town's resistance committee", 3), ("residents", 4), ("a local journalist", 4), (None, 3),
])
def test_reliability_tiers_follow_what_the_speaker_is(speaker, tier):
    assert reliability(speaker) == tier


def test_a_speaker_who_is_a_party_to_the_violence_is_tier_three_at_best():
    police = {"role": "agent", "name": "Police", "text": "police"}
    shooting = report("a", "2026-02-03", "police", type="PROTEST", actors=(police,))
    arrests = report("b", "2026-02-03", "police", type="COERCE", actors=(police,))
    assert reliability("police", shooting) == 3
    assert reliability("police", arrests) == 2  # the agency that made the arrests counts its own
