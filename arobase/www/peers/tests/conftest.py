from arobase.peers.tests.conftest import world  # noqa: F401
