"""The rule profile and the holiday calendar in the admin."""
