"""Supervision (一函两书) in the admin: cases, letters and their steps, templates."""
