"""Quorum and numbering of council meetings and decisions.

A council sets its quorum either as a share of its voting members (``percent``: at least that
many percent of them present) or as a minimum head count (``count``). Only voting members count:
chair, deputy chair, secretary and members; permanent invitees and guests do not.
"""

import math

VOTING_ROLES = ("chair", "deputy_chair", "secretary", "member")


def required_present(voting_members, rule, value):
    """How many voting members must be present.

    >>> required_present(9, "percent", 50), required_present(9, "percent", 66.67), required_present(9, "count", 4)
    (5, 7, 4)

    A share is rounded up (half of 9 is 5 people); at least one person is always required,
    and never more than the council has.
    """
    if voting_members <= 0:
        return 1
    if rule == "count":
        needed = int(value)
    elif rule == "percent":
        needed = math.ceil(round(voting_members * float(value) / 100.0, 6))
    else:
        raise ValueError("unknown quorum rule %r" % (rule,))
    return max(1, min(needed, voting_members))


def has_quorum(present, voting_members, rule, value):
    """True when ``present`` voting members make the quorum of a council of ``voting_members``."""
    if voting_members <= 0:
        return False
    return present >= required_present(voting_members, rule, value)


def meeting_number(sequence, year):
    """The customary number of a meeting: its rank in the council's year, then the year: ``3/2026``."""
    return "%d/%d" % (sequence, year)


def next_sequence(used):
    """The rank of the next meeting, given the ranks already used in the year (gaps are not reused)."""
    return max(used, default=0) + 1


def decision_number(item_number, rank):
    """A decision's number within its meeting: agenda item, then rank within the item: ``1.2``.

    A decision not tied to an agenda item is numbered by its rank alone.
    """
    if item_number:
        return "%d.%d" % (item_number, rank)
    return "%d" % rank


def vote_result(for_count, against_count, abstained_count, voting_members, rule, value):
    """The outcome of a vote: ``no_quorum`` when fewer voting members took part (for, against or
    abstaining) than the council's quorum, else ``adopted`` when more than half of them voted for,
    else ``rejected``.

    >>> [vote_result(f, a, 1, 9, "percent", 50) for f, a in ((5, 2), (4, 3), (2, 0))]
    ['adopted', 'rejected', 'no_quorum']
    """
    taking_part = for_count + against_count + abstained_count
    if not has_quorum(taking_part, voting_members, rule, value):
        return "no_quorum"
    return "adopted" if for_count * 2 > taking_part else "rejected"
