"""Figures from two sources for one event stay two figures with their speakers, never summed; the event is
coded with the lowest (ACLED's conservative rule).

Sentences written for the test; publication date Saturday 14 March 2026."""


def test_two_sources_two_accounts(extract):
    r = extract("An air strike on a fuel depot in Marib killed 12 people on Friday, the health office said. "
                "A local monitoring group said the strike had killed eight people.")
    (strike,) = [e for e in r.events if e.type == "ASSAULT"]
    accounts = {(a.attribution.speaker if a.attribution else None): [(q.category, q.low) for q in a.quantities]
                for a in strike.accounts}
    assert any("health office" in (s or "") for s in accounts) and any("monitoring group" in (s or "")
                                                                        for s in accounts)
    assert sorted(v for figures in accounts.values() for _, v in figures) == [8, 12]
    assert [(q.category, q.low) for q in strike.quantities] == [("fatalities", 8)]


def test_a_toll_another_source_puts_differently_is_an_account_of_the_same_event(extract):
    r = extract("Shelling hit a bakery in Kherson on Friday, killing 11 people, the regional governor said. "
                "An independent monitor put the toll at six.")
    (strike,) = [e for e in r.events if e.type == "ASSAULT"]
    assert len(strike.mentions) == 2
    assert [[(q.category, q.low) for q in a.quantities] for a in strike.accounts] == [[("fatalities", 11)],
                                                                                       [("fatalities", 6)]]
    assert [c.kind for c in r.claims] == ["casualties"]  # the monitor's toll is still a claim of its own


def test_a_subset_of_the_dead_adds_no_figure(extract):
    r = extract("A bomb killed nine people at a bus stop in Quetta on Monday, police said. "
                "Three of the dead were students, police said.")
    (attack,) = [e for e in r.events if e.type == "ASSAULT"]
    assert [(q.category, q.low) for q in attack.quantities] == [("fatalities", 9)] and not attack.accounts
