from arobase.peers.tests.conftest import world  # noqa: F401
from arobase.www.peers.tests.conftest import member, staff  # noqa: F401
