"""The read-after-write guard of read replicas (``tools/replica.py``)."""

import pytest
from conftest import load_tool


@pytest.fixture(scope="module")
def replica():
    return load_tool("replica")


def test_a_stamp_holds_for_the_guard_only(replica):
    key, now = replica.SESSION_KEY, 1_000_000.0
    assert replica.wrote_lately({key: now - 1}, 10, now)
    assert not replica.wrote_lately({key: now - 10}, 10, now), "the guard's length is the end"
    assert not replica.wrote_lately({key: now + 5}, 10, now), "a stamp from the future is no stamp"
    assert not replica.wrote_lately({key: "yesterday"}, 10, now)
    assert not replica.wrote_lately({key: True}, 10, now)
    assert not replica.wrote_lately({}, 10, now)
    assert not replica.wrote_lately({key: now - 1}, 0, now), "a guard of 0 is off"


def test_only_reads_of_a_session_that_did_not_write_lately_go_to_a_replica(replica):
    key, now = replica.SESSION_KEY, 1_000_000.0
    assert replica.may_read_replica("GET", {}, 10, now)
    assert replica.may_read_replica("HEAD", {key: now - 11}, 10, now)
    assert not replica.may_read_replica("GET", {key: now - 1}, 10, now)
    assert not replica.may_read_replica("POST", {}, 10, now), "a form sent may write"
    assert replica.may_read_replica("POST", {}, 10, now, methods=None), "a JSON read is a POST"
    assert not replica.may_read_replica("POST", {key: now - 1}, 10, now, methods=None)


def test_what_stamps_the_session(replica):
    assert replica.stamps_session("POST", 7, "user", "rw")
    assert replica.stamps_session("POST", 7, "user", "ro->rw"), "a read-only request that wrote"
    assert not replica.stamps_session("POST", 7, "user", "ro"), "it could not write"
    assert not replica.stamps_session("GET", 7, "user", "rw")
    assert not replica.stamps_session("POST", None, "public", "rw"), "nobody's session"
    assert not replica.stamps_session("POST", 7, "none", "rw"), "the login"


def test_the_guard_length_as_configured(replica):
    assert replica.guard_seconds(None) == replica.READ_AFTER_WRITE_SECONDS
    assert replica.guard_seconds("") == replica.READ_AFTER_WRITE_SECONDS
    assert replica.guard_seconds("0") == 0
    assert replica.guard_seconds("2.5") == 2.5
    assert replica.guard_seconds("-3") == 0
    assert replica.guard_seconds("soon") == replica.READ_AFTER_WRITE_SECONDS
