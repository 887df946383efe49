"""The admin speaks for the federation, not for Wagtail: its help menu keeps the keyboard
shortcuts and drops the links to Wagtail's release notes and English editor guide."""

from wagtail import hooks

WAGTAIL_HELP_ITEMS = {"editor-guide"}


@hooks.register("construct_help_menu")
def drop_wagtail_help(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in WAGTAIL_HELP_ITEMS and not item.name.startswith("whats-new-in-wagtail")
    ]
