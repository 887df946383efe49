"""Spreadsheet imports and exports of the ledger in the admin."""
