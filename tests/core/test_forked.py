"""`core.forked`: work shared with a forked copy gives what one process gives, and falls back to
this process whenever the copy cannot help."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import pytest

from canbo.core.forked import Forked, can_fork, map_parts
from canbo.people.models import Person

pytestmark = [
    pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system"),
    # fork=True forces a copy even when an earlier test left a thread running (canbo itself
    # never forks then, see test_no_copy_while_other_threads_run); these copies only compute
    pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning"),
]


def _summed(part: list[int]) -> tuple[int, int]:
    time.sleep(0.001)  # (the copy starts before this process has done every part)
    return os.getpid(), sum(x * x for x in part)


def test_both_processes_take_parts_and_the_result_is_in_order():
    items = list(range(5000))
    shared = map_parts(_summed, items, part=50, fork=True)
    alone = map_parts(_summed, items, part=50, fork=False)
    assert [s for _pid, s in shared] == [s for _pid, s in alone]
    assert len(shared) == 100
    pids = {pid for pid, _s in shared}
    assert os.getpid() in pids and len(pids) == 2  # the copy took parts from the back
    assert {pid for pid, _s in alone} == {os.getpid()}


def test_parts_of_a_failing_copy_are_done_here(caplog):
    here = os.getpid()

    def fails_in_the_copy(part):
        if os.getpid() != here:
            raise RuntimeError("broken copy")
        time.sleep(0.002)  # (the copy starts before this process has done every part)
        return sum(part)

    with caplog.at_level(logging.WARNING, logger="canbo.core.forked"):
        result = map_parts(fails_in_the_copy, list(range(3000)), part=30, fork=True)
    assert result == [sum(range(i, i + 30)) for i in range(0, 3000, 30)]
    assert "broken copy" in caplog.text


@pytest.mark.django_db
def test_the_copy_may_not_use_the_database(caplog):
    """The copy holds the caller's connection (and transaction): a query there would break it.
    The copy is refused, the work is done here, and the connection still works."""
    with caplog.at_level(logging.WARNING, logger="canbo.core.forked"):
        result = Forked(lambda: Person.objects.count(), size=1, fork=True).result()
    assert result == 0
    assert "must not use the database" in caplog.text
    assert Person.objects.count() == 0


def test_no_copy_while_other_threads_run():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()  # a threaded web server: the work stays in the process
        result = map_parts(_summed, list(range(10_000)), part=100)
        assert {pid for pid, _s in result} == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def test_small_work_is_not_shared():
    result = map_parts(_summed, list(range(1000)), part=10)
    assert {pid for pid, _s in result} == {os.getpid()}


def _children() -> set[int]:
    """This process's children, running or ended and not reaped (Linux)."""
    return {
        int(pid)
        for path in Path("/proc/self/task").glob("*/children")
        for pid in path.read_text().split()
    }


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="no /proc")
def test_a_copy_whose_result_is_not_wanted_is_stopped_and_reaped():
    before = _children()
    copy = Forked(lambda: time.sleep(30) or 1, size=1, fork=True)
    assert copy.pid in _children()
    started = time.perf_counter()
    copy.close()  # (the caller failed: an insert, say)
    assert time.perf_counter() - started < 5
    assert _children() == before


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="no /proc")
def test_a_failure_here_stops_the_copy_too():
    here = os.getpid()
    before = _children()

    def fails_here(part):
        time.sleep(0.002)
        if os.getpid() == here:
            raise ValueError("a bug in this process")
        return sum(part)

    with pytest.raises(ValueError, match="a bug in this process"):
        map_parts(fails_here, list(range(3000)), part=30, fork=True)
    assert _children() == before
