"""The documented gunicorn command (docs/deploy.md) keeps password-reset tokens out of its logs.

A reset link's path is the secret; gunicorn's default access log would write it. The test
runs the command exactly as documented (on a free port), follows a reset link, and reads
everything the server printed.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.hardening.conftest import NOT_INHERITED, ROOT

DEPLOY = ROOT / "docs" / "deploy.md"
TOKEN = "c3vb1k-0123456789abcdef0123456789abcdef"


def documented_command() -> list[str]:
    text = DEPLOY.read_text(encoding="utf-8")
    block = re.search(r"```sh\n(\.venv/bin/gunicorn .*?)```", text, re.S).group(1)
    return shlex.split(block.replace("\\\n", " "))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return  # any answer will do: the request reached the app and was logged
        except OSError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not answer")


def test_the_documented_gunicorn_command_does_not_log_reset_tokens(tmp_path: Path):
    command = documented_command()
    port = _free_port()
    command[0] = str(Path(sys.executable).parent / "gunicorn")
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[command.index("--workers") + 1] = "1"
    # Development settings (no collectstatic needed); logging is the same in production.
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment |= {"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    migrate = [sys.executable, "manage.py", "migrate", "--noinput"]
    subprocess.run(migrate, cwd=ROOT, env=environment, check=True, capture_output=True)
    log = tmp_path / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            _get(f"http://127.0.0.1:{port}/accounts/reset/MQ/{TOKEN}/")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    printed = log.read_text()
    assert "/accounts/reset/" in printed  # quizapp's own line, by route
    assert TOKEN not in printed
