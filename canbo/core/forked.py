"""A second core for a big job: `Forked(func)` runs `func()` in a forked copy of this process
while the caller goes on with its own part, and `.result()` returns what `func()` returned;
`map_parts(func, items)` shares the parts of a row-by-row job between the process and a copy.

The copy starts with everything the caller holds (no input is sent to it: a roster's rows are
there already); only the result travels back, pickled through a pipe. `func` must compute and
return, nothing else: in the copy the database is refused (the connections are the caller's,
in the caller's transaction) and the copy ends with `os._exit`, running no clean-up of the
caller's. Wherever forking is not safe or not worth it — no `fork`, one core, or other threads
running (a threaded web server: a copy of a process would inherit locks held by threads it does
not have), or with CANBO_NO_FORK set — and whenever the copy fails, `func()` runs here
instead, so the result is the same either way, only later.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import mmap
import multiprocessing
import os
import pickle
import signal
import struct
import sys
import threading
import traceback
from collections.abc import Callable

logger = logging.getLogger(__name__)
# rows of row-by-row work (tens of microseconds each) below which a copy costs more than it
# saves: forking takes ~10 ms, and the copy pays for each page of the caller's it writes to
WORTH_FROM = 4000


def can_fork() -> bool:
    return (
        hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and os.environ.get("CANBO_NO_FORK", "") == ""
    )


def _wanted(size: int, fork: bool | None) -> bool:
    if fork is None:
        return size >= WORTH_FROM and can_fork()
    return fork and hasattr(os, "fork")


class Forked[T]:
    def __init__(self, func: Callable[[], T], *, size: int, fork: bool | None = None) -> None:
        """`size`: how many rows `func` works through; `fork`: True or False to choose (the
        tests), None to fork when it is safe and worth it."""
        self.func = func
        self.pid: int | None = None
        if _wanted(size, fork):
            self.pid, self.inbox = _start_copy(lambda send: send((0, func())))

    def result(self) -> T:
        if self.pid is None:
            return self.func()
        done: dict[int, T] = {}
        failure = self.inbox.receive(done, wait=True)
        os.waitpid(self.pid, 0)
        self.pid = None
        if 0 in done:
            return done[0]
        logger.warning("forked work failed, done here instead: %s", failure)
        return self.func()

    def close(self) -> None:
        """Stop the copy if its result is no longer wanted (the caller failed meanwhile)."""
        if self.pid is not None:
            _stop(self.pid, self.inbox)
            self.pid = None


def _start_copy(work: Callable[[Callable], None]) -> tuple[int, _Inbox]:
    """Fork a copy that runs `work(send)`, the database refused, and ends with `os._exit`.
    `send((index, result))` sends a result to this process; the copy's last message is
    (-1, None), or (-1, the traceback) if `work` failed."""
    for stream in (sys.stdout, sys.stderr):  # not written twice by the copy
        stream.flush()
    read, write = os.pipe()
    with contextlib.suppress(OSError, AttributeError):  # room for a few parts' results (Linux)
        fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 1 << 20)
    pid = os.fork()
    if pid == 0:  # the copy
        os.close(read)
        code = 0
        try:
            _refuse_database()
            work(lambda message: _send(write, message))
            _send(write, (-1, None))
        except BaseException:  # noqa: BLE001 — reported; the caller does the work left
            code = 1
            with contextlib.suppress(BaseException):
                _send(write, (-1, traceback.format_exc()))
        finally:
            os._exit(code)
    os.close(write)
    return pid, _Inbox(read)


def _refuse_database() -> None:
    from django.db import connections

    def refuse(execute, sql, params, many, context):
        raise RuntimeError("a forked copy must not use the database connection of its caller")

    for connection in connections.all():
        connection.execute_wrappers.append(refuse)


def map_parts[T](
    func: Callable[[list], T], items: list, *, part: int = 2000, fork: bool | None = None
) -> list[T]:
    """`[func(p) for p in parts]` for the consecutive parts of `items` (`part` items each),
    shared with a forked copy: this process takes parts from the front, the copy from the back,
    until they meet, so both finish together however the work is spread. The copy sends each
    part's result as soon as it has it, and this process takes them in between its own parts,
    so that sending costs no waiting either. `func` may run in either process: it must compute
    its part's result and return it, nothing else. Parts a failed copy took are done here."""
    parts = [items[i : i + part] for i in range(0, len(items), part)]
    if len(parts) < 2 or not _wanted(len(items), fork):
        return [func(p) for p in parts]
    lock = multiprocessing.get_context("fork").Lock()
    ends = mmap.mmap(-1, 16)  # shared: the next part from the front, the end of those left
    ends[:] = struct.pack("qq", 0, len(parts))

    def take(front: bool) -> int | None:
        with lock:
            lo, hi = struct.unpack("qq", ends)
            if lo >= hi:
                return None
            ends[:] = struct.pack("qq", lo + 1, hi) if front else struct.pack("qq", lo, hi - 1)
            return lo if front else hi - 1

    def from_the_back(send) -> None:
        while (i := take(front=False)) is not None:
            send((i, func(parts[i])))

    pid, inbox = _start_copy(from_the_back)
    done: dict[int, T] = {}
    try:
        while (i := take(front=True)) is not None:
            done[i] = func(parts[i])
            inbox.receive(done, wait=False)
    except BaseException:
        _stop(pid, inbox)
        raise
    failure = inbox.receive(done, wait=True)
    os.waitpid(pid, 0)
    if failure:
        logger.warning("forked work failed, its parts done here instead: %s", failure)
    return [done[i] if i in done else func(parts[i]) for i in range(len(parts))]


def _stop(pid: int, inbox: _Inbox) -> None:
    """End a copy whose results are not wanted, and reap it (no process is left behind)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    inbox.close()


def _send(fd: int, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    for chunk in (struct.pack("q", len(data)), data):  # (not joined: a copy of a big result)
        view = memoryview(chunk)
        while view:
            view = view[os.write(fd, view) :]


class _Inbox:
    """The messages of a copy (`_send`), read without waiting between this process's parts."""

    def __init__(self, fd: int) -> None:
        self.fd: int | None = fd
        self.buffer = bytearray()
        self.failure: str | None = None

    def receive(self, done: dict, *, wait: bool) -> str | None:
        """Put the results that have come in `done`; with `wait`, read until the copy has
        ended. Returns the copy's error, if it sent one or ended without its last message."""
        while self.fd is not None:
            os.set_blocking(self.fd, wait)
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                self._close("the copy ended without its last message")
            self.buffer += chunk
            while self.fd is not None and len(self.buffer) >= 8:
                (size,) = struct.unpack_from("q", self.buffer)
                if len(self.buffer) < 8 + size:
                    break
                with memoryview(self.buffer) as view:  # (a slice would copy a big result)
                    i, value = pickle.loads(view[8 : 8 + size])
                del self.buffer[: 8 + size]
                if i < 0:
                    self._close(value)  # None when all went well
                else:
                    done[i] = value
        return self.failure

    def _close(self, failure: str | None) -> None:
        os.close(self.fd)
        self.fd, self.failure = None, failure

    def close(self) -> None:
        if self.fd is not None:
            self._close("stopped")
