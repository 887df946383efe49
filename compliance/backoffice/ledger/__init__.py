"""The enterprise ledger in the admin."""
