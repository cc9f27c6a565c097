"""The production static files: collectstatic with the manifest storage of production (the README's step)."""

import json

from django.core.management import call_command


def test_collectstatic_builds_the_manifest_of_every_asset(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    # Stopped on vendor/leaflet/leaflet.js.map (referenced by leaflet.js, not copied): no manifest, every page 500.
    call_command("collectstatic", interactive=False, verbosity=0)
    paths = json.loads((tmp_path / "static" / "staticfiles.json").read_text())["paths"]
    for asset in ("vendor/leaflet/leaflet.js", "vendor/htmx/htmx.min.js", "atlaas/map.js", "css/site.css"):
        assert (tmp_path / "static" / paths[asset]).is_file()
