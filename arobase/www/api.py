"""The public JSON API, /api/v1/. Each domain app contributes a router from its `api.py`."""

from ninja import NinjaAPI

from arobase.core.api_errors import install_validation_errors
from arobase.www.actions.api import router as actions_router
from arobase.www.atlaas.api import router as atlaas_router
from arobase.www.barometre.api import router as barometre_router
from arobase.www.elunum.api import router as elunum_router
from arobase.www.label.api import campaigns_router, palmares_router
from arobase.www.peers.api import router as peers_router
from arobase.www.referential.api import router as referential_router
from arobase.www.territories.api import router as territories_router
from arobase.www.timeline.api import router as timeline_router

api = NinjaAPI(
    title="API Territoires, Villes et Villages Internet",
    version="1",
    description=(
        "Données publiques du label national Territoires, Villes et Villages Internet. "
        "Les listes répondent {count, next, results}."
    ),
    urls_namespace="api",
    docs_url="/docs",
)
install_validation_errors(api)
api.add_router("/territories", territories_router, tags=["territories"])
api.add_router("/territories", peers_router, tags=["peers"])
api.add_router("/referential", referential_router, tags=["referential"])
api.add_router("/actions", actions_router, tags=["actions"])
api.add_router("/palmares", palmares_router, tags=["label"])
api.add_router("/campaigns", campaigns_router, tags=["label"])
api.add_router("/map", atlaas_router, tags=["atlaas"])
api.add_router("/barometre", barometre_router, tags=["barometre"])
api.add_router("/timeline", timeline_router, tags=["timeline"])
api.add_router("/elunum", elunum_router, tags=["elunum"])


def api_endpoints() -> list[dict]:
    """The endpoints of the public API as the OpenAPI schema describes them (so this page never lags behind)."""
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
