"""Each signed-in user sees and enters times in their own time zone, from their settings.

Quiz dates were entered and shown in UTC without saying so, so a teacher seven hours
ahead of UTC closed a quiz seven hours late. The zone is activated per request; forms
then read a typed date in it and templates show dates in it, labelled with ``zoned``.
The session keeps the zone's name, so a request pays no query for it (the settings page
refreshes it when the learner changes their zone).
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.utils import timezone

from quizapp.study.models import StudySettings

SESSION_KEY = "time_zone"


class UserTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = _zone_of(request)
        if zone is None:
            return self.get_response(request)
        timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def remember_time_zone(request, name: str) -> None:
    """The user chose ``name``: use it from this request on."""
    request.session[SESSION_KEY] = name
    zone = _zone(name)
    if zone is not None:
        timezone.activate(zone)


def _zone_of(request) -> zoneinfo.ZoneInfo | None:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    name = request.session.get(SESSION_KEY)
    if name is None:
        found = StudySettings.objects.filter(user=user).values_list("time_zone", flat=True)
        name = found.first() or settings.TIME_ZONE
        request.session[SESSION_KEY] = name
    return _zone(name)


def _zone(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None  # a zone the system no longer knows: the site's own
