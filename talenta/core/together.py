"""Run the web server and the background worker as one unit: ``python -m talenta.core.together CMD CMD``.

Both start; when either ends (or Ctrl-C / SIGTERM arrives) the other is stopped too, so a web server never
keeps serving while no worker runs the imports and plans it queues (``make run`` and ``make serve`` use
it). Each command is one shell-like string, split with :func:`shlex.split`; the exit status is the first
one to end.
"""

from __future__ import annotations

import shlex
import signal
import subprocess
import sys
import time


def run(commands: list[list[str]], *, grace: float = 10.0) -> int:
    procs = [subprocess.Popen(cmd) for cmd in commands]
    stopping = False

    def stop(signum=None, frame=None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    status = 0
    try:
        while not stopping:
            ended = [p for p in procs if p.poll() is not None]
            if ended:
                status = ended[0].returncode
                name = shlex.join(ended[0].args[:2])
                print(f"together: {name} ended (status {status}); stopping the others", file=sys.stderr, flush=True)
                break
            time.sleep(0.2)
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + grace
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
    return status


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m talenta.core.together 'COMMAND' 'COMMAND' ...", file=sys.stderr)
        return 2
    return run([shlex.split(a) for a in argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
