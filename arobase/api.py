"""The public JSON API, /api/v1/. Each domain app contributes a router from its `api.py`."""

from ninja import NinjaAPI

from arobase.actions.api import router as actions_router
from arobase.atlaas.api import router as atlaas_router
from arobase.core.api_errors import install_validation_errors
from arobase.label.api import campaigns_router, palmares_router
from arobase.referential.api import router as referential_router
from arobase.territories.api import router as territories_router
from arobase.www.elunum.api import router as elunum_router

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
api.add_router("/referential", referential_router, tags=["referential"])
api.add_router("/actions", actions_router, tags=["actions"])
api.add_router("/palmares", palmares_router, tags=["label"])
api.add_router("/campaigns", campaigns_router, tags=["label"])
api.add_router("/map", atlaas_router, tags=["atlaas"])
api.add_router("/elunum", elunum_router, tags=["elunum"])
