from tests.notify.conftest import world  # noqa: F401  (the reminder scenario the worker loop runs on)
