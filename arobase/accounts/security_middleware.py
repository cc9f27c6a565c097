from arobase.accounts.security_log import log_event


class SecurityLogMiddleware:
    """Every refusal (403: PermissionDenied, a view's own refusal, CSRF) on the security log, without traceback."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else None
            log_event("permission_denied", request, user_id=user_id, method=request.method)
        return response
