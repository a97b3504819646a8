"""``{{ moment|zoned }}``: a date and time in the viewer's time zone, saying which zone."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def zoned(moment: dt.datetime | None) -> str:
    """``<time datetime="2026-12-03T10:00:00+00:00">3 Dec 2026, 17:00 Asia/Ho_Chi_Minh</time>``"""
    if not moment:
        return ""
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}">{} {}</time>',
        moment.isoformat(),
        date_format(local, "j M Y, H:i"),
        timezone.get_current_timezone_name(),
    )
