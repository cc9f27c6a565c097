from django.conf import settings

# Base map for every map of the site (Atlaas, place picker); a setting so that production may use its own tiles.
DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'


def site(request):
    return {
        "SITE_NAME": "Territoires, Villes et Villages Internet",
        "SITE_URL": settings.SITE_URL,
        "MAP_TILE_URL": getattr(settings, "ATLAAS_TILE_URL", DEFAULT_TILE_URL),
        "MAP_TILE_ATTRIBUTION": getattr(settings, "ATLAAS_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION),
    }
