"""A scratch PostgreSQL server in a temporary folder (initdb, then pg_ctl on a loopback port), for the
tests and the benchmarks: real PostgreSQL and PostGIS, gone when stopped. Never for data you keep.

    with ScratchServer() as server:
        url = server.create_database("events")   # postgresql://eventatlas@127.0.0.1:PORT/events

Run as root (as CI does), the server runs as the `postgres` system user, since PostgreSQL refuses root.
EVENTATLAS_PG_BIN names the folder holding initdb and pg_ctl when they are not under /usr/lib/postgresql."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "eventatlas"


def find_bin() -> Path | None:
    """The folder with initdb and pg_ctl: EVENTATLAS_PG_BIN, the newest Debian install, or PATH."""
    chosen = os.environ.get("EVENTATLAS_PG_BIN")
    if chosen:
        return Path(chosen) if (Path(chosen) / "initdb").exists() else None
    installed = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if installed:
        return Path(installed[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ScratchServer:
    def __init__(self, bin_dir: Path | None = None, *, fast: bool = True):
        self.bin = bin_dir or find_bin()
        if self.bin is None:
            raise RuntimeError("no PostgreSQL server binaries (initdb) found; install postgresql and postgis")
        self.fast = fast  # no fsync: a scratch server's data need not survive a power cut
        self.root = Path(tempfile.mkdtemp(prefix="eventatlas-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
            os.chmod(self.root, 0o700)

    def _run(self, *args: str) -> None:
        proc = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {(proc.stderr or proc.stdout).strip()[-800:]}")

    def start(self) -> "ScratchServer":
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        settings = [f"-p {self.port}", "-c listen_addresses=127.0.0.1", f"-k {self.root}",
                    "-c max_connections=200", "-c shared_buffers=256MB", "-c max_wal_size=2GB"]
        if self.fast:
            settings += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-t", "60",
                  "-o", " ".join(settings), "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`); its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            extra = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{extra}')
        return self.url(name)

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run([*self._as, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                            "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "ScratchServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
