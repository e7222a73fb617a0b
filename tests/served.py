"""An archive run as separate processes, for the tests that need real workers: its own data folder
with a SQLite file every process shares (pytest-django's test database lives in one process's
memory), gunicorn serving the admin, and `manage.py run_worker` processes."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "pw-for-tests-only"
KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "PARALLAX_SEEDS")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServedArchive:
    """One archive in `data_dir`; `env` adds settings (e.g. PARALLAX_TASKS=rq)."""

    def __init__(self, data_dir: Path, **env: str) -> None:
        self.data_dir = data_dir
        self.env = {name: value for name, value in os.environ.items() if name in KEPT}
        self.env.update(
            PARALLAX_DATA_DIR=str(data_dir),
            SECRET_KEY="test-only-secret-key",
            DEBUG="false",
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            PARALLAX_STATIC_MANIFEST="false",
            LOG_LEVEL="WARNING",
            **env,
        )
        self.processes: list[subprocess.Popen] = []
        self.base = ""

    # -- set-up --------------------------------------------------------------------------------

    def migrate(self) -> None:
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            f"User.objects.create_superuser('editor', 'editor@example.org', '{PASSWORD}')",
        )

    def copy_from(self, template: ServedArchive) -> None:
        """Start from `template`'s migrated database (a copy is quicker than migrating)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(template.database, self.database)

    @property
    def database(self) -> Path:
        return self.data_dir / "parallax.sqlite3"

    def manage(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    # -- processes -----------------------------------------------------------------------------

    def start_worker(self, name: str = "worker") -> subprocess.Popen:
        log = (self.data_dir / f"{name}.log").open("ab")
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a kill reaches any NER helper too
        )
        self.processes.append(worker)
        return worker

    def kill(self, process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=30)  # reaped: a zombie would still look alive to the next worker

    def start_web(self) -> str:
        port = _free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        web = subprocess.Popen(
            [str(gunicorn), "archive.wsgi", "--workers", "1", "--worker-class", "gthread", "--threads", "4"]
            + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        self.processes.append(web)
        self.base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                if requests.get(self.base + "/admin/login/", timeout=5).status_code == 200:
                    return self.base
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError("gunicorn did not start")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.kill(process, signal.SIGTERM)

    # -- the admin, as a browser would use it --------------------------------------------------

    def log_in(self) -> requests.Session:
        session = requests.Session()
        session.get(self.base + "/admin/login/", timeout=30)
        response = session.post(
            self.base + "/admin/login/",
            data={
                "username": "editor",
                "password": PASSWORD,
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
                "next": "/admin/",
            },
            timeout=30,
        )
        assert response.url.endswith("/admin/"), response.text[:500]
        return session

    def upload(self, session: requests.Session, files: list[tuple[str, bytes]]) -> tuple[str, float]:
        """Post the upload form; returns the job page's URL and the seconds the answer took."""
        page = session.get(self.base + "/admin/archive/article/upload/", timeout=30).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        started = time.perf_counter()
        response = session.post(
            self.base + "/admin/archive/article/upload/",
            data={"csrfmiddlewaretoken": token},
            files=[("files", (name, data)) for name, data in files],
            allow_redirects=False,
            timeout=60,
        )
        took = time.perf_counter() - started
        assert response.status_code == 302, response.text[:2000]
        return self.base + response.headers["Location"], took

    # -- what the database says ----------------------------------------------------------------

    def query(self, sql: str) -> list[tuple]:
        with sqlite3.connect(self.database, timeout=30) as db:
            return db.execute(sql).fetchall()

    def job(self) -> dict:
        columns = ["id", "status", "files_total", "files_done", "created", "updated", "duplicate", "failed"]
        [row] = self.query(f"SELECT {', '.join(columns)} FROM archive_importjob")
        return dict(zip(columns, row, strict=True))

    def wait_for(self, done, timeout: float, what: str) -> float:
        started = time.perf_counter()
        while not done():
            assert time.perf_counter() - started < timeout, f"timed out waiting for {what}: {self.job()}"
            time.sleep(0.25)
        return time.perf_counter() - started
