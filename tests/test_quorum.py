import pytest


def test_percent_rounds_up(quorum):
    assert quorum.required_present(9, "percent", 50) == 5
    assert quorum.required_present(10, "percent", 50) == 5
    assert quorum.required_present(9, "percent", 66.67) == 7
    assert quorum.required_present(3, "percent", 100) == 3


def test_count_is_capped_by_the_council(quorum):
    assert quorum.required_present(9, "count", 4) == 4
    assert quorum.required_present(3, "count", 5) == 3
    assert quorum.required_present(5, "count", 0) == 1


def test_has_quorum(quorum):
    assert quorum.has_quorum(5, 9, "percent", 50)
    assert not quorum.has_quorum(4, 9, "percent", 50)
    assert not quorum.has_quorum(0, 0, "percent", 50)
    with pytest.raises(ValueError):
        quorum.required_present(5, "majority", 1)


def test_numbers(quorum):
    assert quorum.meeting_number(3, 2026) == "3/2026"
    assert quorum.next_sequence([]) == 1
    assert quorum.next_sequence([1, 2, 4]) == 5
    assert quorum.decision_number(1, 2) == "1.2"
    assert quorum.decision_number(0, 3) == "3"


def test_vote_result_needs_the_quorum_and_a_majority_of_those_voting(quorum):
    """Abstentions count for the quorum and against the majority; a tie is rejected."""
    assert quorum.vote_result(5, 2, 1, 9, "percent", 50) == "adopted"
    assert quorum.vote_result(4, 3, 1, 9, "percent", 50) == "rejected", "4 of 8 is no majority"
    assert quorum.vote_result(4, 4, 0, 9, "percent", 50) == "rejected", "a tie"
    assert quorum.vote_result(3, 0, 0, 9, "percent", 50) == "no_quorum", "3 of 9 take part, 5 needed"
    assert quorum.vote_result(3, 0, 1, 9, "count", 4) == "adopted"
    assert quorum.vote_result(0, 0, 0, 0, "percent", 50) == "no_quorum"
