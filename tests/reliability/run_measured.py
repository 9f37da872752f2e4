"""Run a command and print, as its last line, the peak resident memory of it and its descendants in MB.

    python tests/reliability/run_measured.py eventatlas ingest ...

Linux adds a reaped child's own peak (and that of the children it reaped) to its parent's RUSAGE_CHILDREN,
so this one number covers the ingest and its pipeline worker."""

from __future__ import annotations

import resource
import subprocess
import sys

if __name__ == "__main__":
    rc = subprocess.call(sys.argv[1:])
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak-rss-mb {peak_kb / 1024:.0f}", file=sys.stderr)
    sys.exit(rc)
