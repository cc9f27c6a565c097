import gzip

import pytest


@pytest.mark.django_db
def test_pages_are_gzipped_for_browsers_that_accept_it(client):
    plain = client.get("/")
    assert plain.status_code == 200 and not plain.has_header("Content-Encoding")
    compressed = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content).decode().count("<main") == 1
    assert len(compressed.content) < len(plain.content)


@pytest.mark.django_db
def test_map_points_are_compressed_once(client):
    response = client.get("/api/v1/map/points", headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    body = gzip.decompress(response.content)  # compressed once, not twice
    assert body.startswith(b"{")
