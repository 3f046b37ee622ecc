"""Running a risky step in a child process, so that a crash cannot take the caller down.

Spreadsheet readers are native code: a hostile file can make one abort the whole process (a cell at
``XFD1048576``) or take gigabytes before failing. :func:`isolated` runs a function in a forked child with a
memory limit; the child's result or exception comes back through a pipe, and a child that died (a signal, or
the memory limit) becomes :class:`ChildDied` in the caller, whose own state is untouched.

The child opens its own database connections (the parent's are left alone). Where a child cannot see the
parent's database (an in-memory SQLite, as in the tests) or the caller is inside a transaction the child
could not join, the function runs in this process instead (``isolation_possible`` says which).
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.db import connections

T = TypeVar("T")


class ChildDied(RuntimeError):
    """The child ended without an answer: ``reason`` names the signal, the exit status or the memory limit."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _stop(pid: int) -> None:
    import time

    for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                return
            time.sleep(0.05)


def isolation_possible() -> bool:
    """Whether a child could do this process's database work: not inside a transaction, not on an in-memory
    SQLite, and not switched off (``TALENTA_ISOLATE_READERS=0``)."""
    if not hasattr(os, "fork") or not getattr(settings, "TALENTA_ISOLATE_READERS", True):
        return False
    for conn in connections.all(initialized_only=True):
        if conn.in_atomic_block:
            return False
    for alias in connections:
        s = connections.settings[alias]
        name = str(s.get("NAME") or "")
        test_name = str((s.get("TEST") or {}).get("NAME") or "")
        if s["ENGINE"].endswith("sqlite3") and ("memory" in name or "memory" in test_name or name in ("", ":memory:")):
            return False
    return True


def _vm_bytes() -> int:
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _die_with_parent() -> None:
    """Linux: the child is killed when its parent dies (a killed worker or CLI leaves no import running)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _child(fn: Callable[..., Any], args: tuple, kwargs: dict, w: int, memory_mb: int, uses_db: bool) -> None:
    _die_with_parent()
    os.environ["RUST_BACKTRACE"] = "0"  # a native reader's abort says one line, not a page of frames
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this child
    if uses_db:
        for conn in connections.all(initialized_only=True):
            conn.connection = None  # the parent's socket stays the parent's; this child connects anew
    try:
        import resource

        limit = _vm_bytes() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    try:
        out: tuple[str, Any] = ("ok", fn(*args, **kwargs))
    except MemoryError:
        out = ("memory", None)
    except BaseException as exc:  # noqa: BLE001  (carried to the parent, raised there)
        out = ("error", exc)
    try:
        data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        data = pickle.dumps(("error", RuntimeError(repr(out[1])[:500])))
    with os.fdopen(w, "wb") as fh:
        fh.write(data)
    if uses_db:
        for conn in connections.all(initialized_only=True):
            try:
                conn.close()
            except Exception:
                pass


def isolated(fn: Callable[..., T], *args: Any, memory_mb: int | None = None, uses_db: bool = True, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a forked child limited to ``memory_mb`` more than this process uses now
    (``TALENTA_IMPORT_MEMORY_MB``); its exceptions are raised here; a child that died raises ChildDied.
    ``uses_db=False``: ``fn`` touches no database, so it is isolated whatever the database is.
    An exception in the caller while it waits (Ctrl-C, SIGTERM) stops the child first."""
    if not hasattr(os, "fork") or (uses_db and not isolation_possible()):
        return fn(*args, **kwargs)
    memory_mb = memory_mb or settings.TALENTA_IMPORT_MEMORY_MB
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(r)
            _child(fn, args, kwargs, w, memory_mb, uses_db)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(w)
    try:
        with os.fdopen(r, "rb") as fh:
            data = fh.read()
        _pid, status = os.waitpid(pid, 0)
    except BaseException:
        _stop(pid)
        raise
    if data:
        kind, value = pickle.loads(data)
        if kind == "ok":
            return value
        if kind == "memory":
            raise ChildDied("MemoryError")
        raise value
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        raise ChildDied(f"signal {signal.Signals(sig).name}")
    raise ChildDied(f"exit status {os.WEXITSTATUS(status)}")
