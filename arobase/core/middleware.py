"""Response headers every page gets: the browser features the site may use, and no shared or stored copy of a
signed-in person's page."""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Whatever a view said: a signed-in page holds personal data and a CSRF token, so neither the proxy,
            # nor a shared cache, nor the browser's back-forward history on a shared computer may keep it.
            if "Cache-Control" in response:
                del response.headers["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ("Cookie",))
        return response
