"""The composer's ranking on hand-built cases, and its properties on generated ones."""

from hypothesis import given
from hypothesis import strategies as st

from samskab.teams.composer import Candidate, Need, compose, coverage, uncovered

LAW, ECONOMY, DESIGN, DATA = 1, 2, 3, 4


def test_the_person_covering_the_most_important_gap_comes_first():
    needs = [Need(LAW, 3), Need(DESIGN, 1)]
    lawyer = Candidate(1, levels={LAW: 3})
    designer = Candidate(2, levels={DESIGN: 4})
    proposals = compose(needs, [], [designer, lawyer])
    assert [p.candidate.person_id for p in proposals] == [1, 2]
    assert proposals[0].covers == (Need(LAW, 3),)


def test_a_need_the_team_covers_is_not_counted_again():
    needs = [Need(LAW, 3), Need(ECONOMY, 2)]
    team = [{LAW: 4}]
    lawyer = Candidate(1, levels={LAW: 4})
    economist = Candidate(2, levels={ECONOMY: 2})
    proposals = compose(needs, team, [lawyer, economist])
    assert [p.candidate.person_id for p in proposals] == [2]


def test_greedy_prefers_one_person_covering_two_needs_then_stops_when_all_is_covered():
    needs = [Need(LAW, 2), Need(ECONOMY, 2)]
    both = Candidate(3, levels={LAW: 2, ECONOMY: 3})
    lawyer = Candidate(1, levels={LAW: 4})
    economist = Candidate(2, levels={ECONOMY: 4})
    proposals = compose(needs, [], [lawyer, economist, both])
    assert [p.candidate.person_id for p in proposals] == [3]


def test_a_level_below_the_need_does_not_cover_it():
    needs = [Need(LAW, 3, level=3)]
    assert compose(needs, [], [Candidate(1, levels={LAW: 2})]) == []


def test_ties_go_to_the_less_busy_then_the_lower_id_whatever_the_order():
    needs = [Need(DATA, 2)]
    busy = Candidate(1, levels={DATA: 3}, load=40)
    free_a = Candidate(7, levels={DATA: 3}, load=0)
    free_b = Candidate(5, levels={DATA: 3}, load=0)
    for order in ([busy, free_a, free_b], [free_b, busy, free_a], [free_a, free_b, busy]):
        assert compose(needs, [], order, limit=1)[0].candidate.person_id == 5


def test_someone_already_fully_allocated_ranks_below_a_free_person_covering_the_same():
    needs = [Need(LAW, 2), Need(DESIGN, 2)]
    full = Candidate(1, levels={LAW: 4}, load=110)
    free = Candidate(2, levels={LAW: 2}, load=10)
    designer = Candidate(3, levels={DESIGN: 2}, load=0)
    proposals = compose(needs, [], [full, free, designer])
    assert [p.candidate.person_id for p in proposals] == [3, 2]
    assert full.is_full


def test_someone_at_or_above_100_percent_is_not_proposed_even_for_a_critical_need():
    needs = [Need(LAW, 3)]
    assert compose(needs, [], [Candidate(1, levels={LAW: 4}, load=120)]) == []
    assert compose(needs, [], [Candidate(1, levels={LAW: 4}, load=100)]) == []
    proposals = compose(needs, [], [Candidate(1, levels={LAW: 4}, load=99)])
    assert [p.candidate.person_id for p in proposals] == [1]


def test_a_full_person_of_the_owning_area_is_not_proposed_as_partner():
    full = Candidate(1, in_owning_area=True, load=100)
    assert compose([], [], [full], partners_needed=1) == []


def test_an_employee_of_the_owning_area_is_proposed_as_partner_while_one_is_missing():
    needs = [Need(LAW, 2)]
    outsider = Candidate(1, levels={LAW: 4}, in_owning_area=False)
    local = Candidate(2, levels={}, in_owning_area=True)
    local_citizen = Candidate(3, levels={}, in_owning_area=True, external=True)
    proposals = compose(needs, [], [outsider, local, local_citizen], partners_needed=1)
    assert {p.candidate.person_id: p.as_partner for p in proposals} == {1: False, 2: True}
    assert compose(needs, [], [local], partners_needed=0) == []


def test_the_limit_caps_the_proposals():
    needs = [Need(i, 2) for i in range(1, 10)]
    people = [Candidate(i, levels={i: 3}) for i in range(1, 10)]
    assert len(compose(needs, [], people, limit=3)) == 3


def test_coverage_weights_by_importance():
    needs = [Need(LAW, 3), Need(DESIGN, 1)]
    assert coverage(needs, []) == 0
    assert coverage(needs, [{LAW: 2}]) == 9 / 10
    assert coverage([], []) == 1
    assert uncovered(needs, [{DESIGN: 2}]) == [Need(LAW, 3)]


# Properties -------------------------------------------------------------------------

competency_ids = st.integers(min_value=1, max_value=6)
levels = st.dictionaries(competency_ids, st.integers(min_value=1, max_value=4), max_size=4)
needs_strategy = st.lists(
    st.builds(
        Need,
        competency_id=competency_ids,
        importance=st.integers(min_value=1, max_value=3),
        level=st.integers(min_value=1, max_value=4),
    ),
    max_size=6,
    unique_by=lambda need: need.competency_id,
)
candidates_strategy = st.lists(
    st.builds(
        Candidate,
        person_id=st.integers(min_value=1, max_value=40),
        levels=levels,
        load=st.integers(min_value=0, max_value=200),
        in_owning_area=st.booleans(),
        external=st.booleans(),
    ),
    max_size=25,
    unique_by=lambda candidate: candidate.person_id,
)


@given(needs_strategy, st.lists(levels, max_size=3), candidates_strategy, st.integers(0, 2))
def test_proposals_never_lower_coverage_and_nobody_is_proposed_twice(
    needs, team, candidates, partners_needed
):
    proposals = compose(needs, team, candidates, partners_needed=partners_needed)
    ids = [p.candidate.person_id for p in proposals]
    assert len(ids) == len(set(ids))
    members = list(team)
    before = coverage(needs, members)
    for proposal in proposals:
        assert proposal.covers or proposal.as_partner  # each adds something
        assert not proposal.candidate.is_full  # and has time for it
        members.append(proposal.candidate.levels)
        after = coverage(needs, members)
        assert after >= before
        before = after


@given(needs_strategy, st.lists(levels, max_size=3), candidates_strategy)
def test_the_ranking_does_not_depend_on_the_order_of_the_candidates(needs, team, candidates):
    forward = compose(needs, team, candidates)
    backward = compose(needs, team, candidates[::-1])
    assert [p.candidate for p in forward] == [p.candidate for p in backward]


@given(needs_strategy, candidates_strategy)
def test_the_proposals_cover_every_need_some_candidate_could_cover(needs, candidates):
    proposals = compose(needs, [], candidates, limit=len(needs) + 1)
    coverable = [
        n
        for n in needs
        if any(c.levels.get(n.competency_id, 0) >= n.level and not c.is_full for c in candidates)
    ]
    covered = {n for p in proposals for n in p.covers}
    assert set(coverable) == covered
