"""Performance checks (履约监督) in the admin."""
