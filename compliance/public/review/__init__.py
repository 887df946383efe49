"""The labour administration reviewers' area (/review/, issue 17 item 6)."""
