from accounts.world import hosted, people  # noqa: F401  (fixtures for every test here)
