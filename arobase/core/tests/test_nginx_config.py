"""deploy/nginx/arobase.conf is a working nginx site: `nginx -t` on a copy whose paths point to a temporary folder,
with a self-signed certificate made for the test."""

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "bench_load.py"


@pytest.fixture
def bench_load():
    spec = importlib.util.spec_from_file_location("bench_load", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (shutil.which("nginx") and shutil.which("openssl")), reason="nginx and openssl are needed")
def test_the_shipped_site_passes_nginx_t(bench_load, tmp_path):
    site = bench_load.local_site_config(folder=tmp_path, app_port=18000, http_port=18080, https_port=18443)
    assert "/srv/arobase" not in site and "/etc/letsencrypt" not in site
    main = bench_load.write_nginx(folder=tmp_path, site=site)
    result = subprocess.run(["nginx", "-t", "-c", str(main)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


def test_the_site_caches_only_anonymous_public_pages_and_limits_uploads():
    site = SCRIPT.parents[1].joinpath("deploy", "nginx", "arobase.conf").read_text()
    assert "upstream arobase_app" in site and "proxy_pass http://arobase_app;" in site
    assert "proxy_cache_bypass $arobase_has_session;" in site and "proxy_no_cache $arobase_has_session;" in site
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in site
    assert "client_max_body_size" in site and "ssl_certificate " in site
    assert "{{" not in site and "${" not in site  # no template placeholders
