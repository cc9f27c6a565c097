"""Public pages that are the same for every anonymous visitor, served from the shared cache (Redis in production)
and marked cacheable by the reverse proxy for a few seconds.

A page is cached under its URL and what it shows (``versions``: functions answering the published results' state,
the actions version, the referential editions' state…), so that any change of its data is a new key; entries also
expire after ``PUBLIC_PAGE_CACHE_SECONDS``. Each worker asks those functions at most once every
``PUBLIC_PAGE_VERSION_SECONDS`` (they cost a query each, on every request). Signed-in
people, visitors with pending messages, and responses that set a cookie or embed a CSRF token are never cached:
they go through the view as usual.
"""

import gzip
import hashlib
import re
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

VersionFunction = Callable[[], object]
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_recent_versions: dict[VersionFunction, tuple[float, str]] = {}


def public_page(*versions: VersionFunction):
    """Decorates a GET view whose anonymous page depends only on its URL and on what ``versions`` answer."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not _may_share(request):
                return view(request, *args, **kwargs)
            key = _key(view, request, ":".join(_current(version) for version in versions))
            stored = cache.get(key)
            if stored is None:
                response = view(request, *args, **kwargs)
                if not _is_shareable(request, response):
                    return response
                # Compressed once here rather than by GZipMiddleware on every answer (the page holds no secret: no
                # CSRF token, nothing personal, so no padding against BREACH is needed), and stored compressed only:
                # a tenth of the bytes to move from Redis; the rare client without gzip gets it decompressed.
                stored = {
                    "gzip": gzip.compress(response.content, compresslevel=6, mtime=0),
                    "content_type": response["Content-Type"],
                }
                cache.set(key, stored, settings.PUBLIC_PAGE_CACHE_SECONDS)
            response = _from_cache(request, stored)
            patch_cache_control(response, public=True, s_maxage=settings.PUBLIC_PAGE_S_MAXAGE)
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapper

    return decorator


def local_day() -> str:
    """For pages that change with the date (eligibility windows of actions)."""
    return timezone.localdate().isoformat()


def _current(version: VersionFunction) -> str:
    now = time.monotonic()
    recent = _recent_versions.get(version)
    if recent is not None and now - recent[0] < settings.PUBLIC_PAGE_VERSION_SECONDS:
        return recent[1]
    value = str(version())
    _recent_versions[version] = (now, value)
    return value


def _from_cache(request: HttpRequest, stored: dict) -> HttpResponse:
    if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(stored["gzip"], content_type=stored["content_type"])
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(stored["gzip"]), content_type=stored["content_type"])
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _may_share(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and len(messages))


def _is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cache-Control" not in response
        # get_token() was called: the page embeds this visitor's CSRF token.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def _key(view, request: HttpRequest, version: str) -> str:
    # The static manifest's hash changes with every release whose assets changed: no page of an old release
    # points to static files that are gone.
    release = getattr(staticfiles_storage, "manifest_hash", "")
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"public-page:{view.__module__}.{view.__qualname__}:{release}:{version}:{path}"
