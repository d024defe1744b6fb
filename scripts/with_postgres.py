#!/usr/bin/env python3
"""Run a command against a throwaway PostgreSQL cluster, then remove the cluster.

    python3 scripts/with_postgres.py -- pytest -m "not pure"

Uses Debian's PostgreSQL binaries (installing them with apt-get when they are
missing and we are root). The cluster lives in a temporary directory, listens
only on a Unix socket there and on a free loopback port, and is owned by an
unprivileged user when we run as root (PostgreSQL refuses to run as root).
DATABASE_URL is set for the command.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile


def find_bindir() -> str | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for path in candidates:
        if os.path.exists(os.path.join(path, "initdb")):
            return path
    initdb = shutil.which("initdb")
    return os.path.dirname(os.path.realpath(initdb)) if initdb else None


def ensure_postgres() -> str:
    bindir = find_bindir()
    if bindir:
        return bindir
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("PostgreSQL chưa được cài; đang cài bằng apt-get ...", flush=True)
        subprocess.run(["apt-get", "update", "-q"], check=False)
        subprocess.run(
            ["apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "-q", "postgresql"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        bindir = find_bindir()
        if bindir:
            return bindir
    sys.exit("Không tìm thấy PostgreSQL (initdb). Hãy cài: apt-get install postgresql")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    argv = sys.argv[1:]
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        sys.exit("Cách dùng: with_postgres.py -- LỆNH ...")
    bindir = ensure_postgres()
    tmp = tempfile.mkdtemp(prefix="dieuhanh-pg-")
    datadir, sockdir = os.path.join(tmp, "data"), os.path.join(tmp, "sock")
    os.makedirs(sockdir)
    as_user: list[str] = []
    if os.geteuid() == 0:
        owner = "postgres"
        try:
            pw = pwd.getpwnam(owner)
        except KeyError:
            owner, pw = "nobody", pwd.getpwnam("nobody")
        os.chown(tmp, pw.pw_uid, pw.pw_gid)
        os.chown(sockdir, pw.pw_uid, pw.pw_gid)
        as_user = (
            ["runuser", "-u", owner, "--"]
            if shutil.which("runuser")
            else ["su", owner, "-s", "/bin/sh", "-c"]
        )
    port = free_port()
    log = os.path.join(tmp, "server.log")

    def run_as(cmd):
        if as_user and as_user[0] == "su":
            return subprocess.run([*as_user, " ".join(cmd)], check=True, stdout=subprocess.DEVNULL)
        return subprocess.run([*as_user, *cmd], check=True, stdout=subprocess.DEVNULL)

    print(f"PostgreSQL tạm: {datadir} (cổng {port})", flush=True)
    try:
        run_as(
            [
                f"{bindir}/initdb",
                "-D",
                datadir,
                "-U",
                "dieuhanh",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        )
        run_as(
            [
                f"{bindir}/pg_ctl",
                "-D",
                datadir,
                "-l",
                log,
                "-w",
                "-o",
                f"-k {sockdir} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off",
                "start",
            ]
        )
        env = {**os.environ, "DATABASE_URL": f"postgres://dieuhanh@127.0.0.1:{port}/dieuhanh"}
        return subprocess.run(argv, env=env).returncode
    except subprocess.CalledProcessError as exc:
        if os.path.exists(log):
            with open(log, encoding="utf-8", errors="replace") as f:
                print(f.read()[-2000:], file=sys.stderr)
        print(f"Không khởi động được PostgreSQL: {exc}", file=sys.stderr)
        return 1
    finally:
        if os.path.exists(os.path.join(datadir, "postmaster.pid")):
            run_as([f"{bindir}/pg_ctl", "-D", datadir, "-m", "fast", "-w", "stop"])
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
