"""Settings split by environment: base (shared), dev, test and production.

Every module reads its configuration from the environment; see `.env.example`.
"""
