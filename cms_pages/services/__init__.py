"""Writes to a federation's public site: its page tree, and contract notices."""

from cms_pages.services.site import site_setup

__all__ = ["site_setup"]
