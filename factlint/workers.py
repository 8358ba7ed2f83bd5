"""Worker processes that do not outlive the run that started them.

A pool worker waits for work on a pipe whose writing end its sibling workers hold
too, so when the run is killed (SIGKILL from a CI timeout, SIGTERM to the main
process only) the workers never see the pipe close and sleep on forever. On Linux
the kernel can send each worker SIGTERM when its parent dies; elsewhere this does
nothing.
"""

from __future__ import annotations

import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """ProcessPoolExecutor initializer: end this worker when process ``parent`` ends."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM))
        except (OSError, AttributeError):  # no usable libc: nothing to ask for
            return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
