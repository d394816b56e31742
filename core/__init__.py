"""Shared pieces with no domain of their own, used by every app."""
