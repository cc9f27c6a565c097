import json
from pathlib import Path

import pytest


@pytest.fixture
def write_data(tmp_path):
    """Write a referential structure to a temporary file and return its path."""

    def write(data: dict, name: str = "edition.json") -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write
