"""Several app servers can share the work: cache and sessions in Redis when REDIS_URL is set,
login throttling in the database, and production settings that still pass check --deploy."""

from __future__ import annotations

import json

from tests.hardening.conftest import PRODUCTION, manage

SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'cache': s.CACHES['default']['BACKEND'], 'location': s.CACHES['default'].get('LOCATION'),"
    "'sessions': s.SESSION_ENGINE, 'axes': s.AXES_HANDLER, 'proxies': s.TRUSTED_PROXY_COUNT}))"
)


def _settings(**env: str) -> dict:
    result = manage("shell", "-c", SHOW, **env)
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
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        REDIS_URL="redis://cache.internal:6379/1",
        TRUSTED_PROXY_COUNT="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
