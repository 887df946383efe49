"""The admin speaks for the federation, not for Wagtail: its help menu keeps the keyboard
shortcuts and drops the links to Wagtail's release notes and English editor guide; and its own
stylesheet (portal/static/portal/admin.css) and the script naming the page editor's unnamed
inputs (portal/static/portal/admin-fields.js) are on every admin page."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

WAGTAIL_HELP_ITEMS = {"editor-guide"}


@hooks.register("construct_help_menu")
def drop_wagtail_help(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in WAGTAIL_HELP_ITEMS and not item.name.startswith("whats-new-in-wagtail")
    ]


@hooks.register("insert_global_admin_css")
def portal_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("portal/admin.css"))


@hooks.register("insert_global_admin_js")
def portal_admin_js():
    return format_html('<script src="{}" defer></script>', static("portal/admin-fields.js"))
