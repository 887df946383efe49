"""Collective contracts in the admin: their steps and clauses."""
