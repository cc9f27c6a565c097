from django.shortcuts import get_object_or_404

from arobase.core.models import Page


def page_by_key(key: str) -> Page:
    """The editable page ``key`` (raises Http404 when staff have not got it yet)."""
    return get_object_or_404(Page, key=key)


def api_endpoints() -> list[dict]:
    """The endpoints of the public API as the OpenAPI schema describes them (so this page never lags behind)."""
    from arobase.api import api  # imported late: the API module imports the routers of every app

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                }
            )
    return endpoints
