"""Several app servers can share the work: cache and sessions in Redis when REDIS_URL is set,
login throttling in the database, and production settings that still pass check --deploy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0123456789abcdef",
    "ALLOWED_HOSTS": "quiz.example.org",
}
SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'cache': s.CACHES['default']['BACKEND'], 'location': s.CACHES['default'].get('LOCATION'),"
    "'sessions': s.SESSION_ENGINE, 'axes': s.AXES_HANDLER, 'proxies': s.TRUSTED_PROXY_COUNT}))"
)


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    leave_out = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "TRUSTED_PROXY_COUNT"}
    environment = {k: v for k, v in os.environ.items() if k not in leave_out} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(**env: str) -> dict:
    result = _manage("shell", "-c", SHOW, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_backs_the_cache_and_sessions_when_configured():
    shown = _settings(
        **PRODUCTION, REDIS_URL="redis://cache.internal:6379/1", TRUSTED_PROXY_COUNT="1"
    )
    assert shown == {
        "cache": "django.core.cache.backends.redis.RedisCache",
        "location": "redis://cache.internal:6379/1",
        "sessions": "django.contrib.sessions.backends.cached_db",
        "axes": "axes.handlers.database.AxesDatabaseHandler",
        "proxies": 1,
    }


def test_without_redis_sessions_live_in_the_database():
    shown = _settings()
    assert shown["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert shown["sessions"] == "django.contrib.sessions.backends.db"
    assert shown["axes"] == "axes.handlers.database.AxesDatabaseHandler"
    assert shown["proxies"] == 0


def test_check_deploy_is_clean_with_redis_and_a_proxy():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        REDIS_URL="redis://cache.internal:6379/1",
        TRUSTED_PROXY_COUNT="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
