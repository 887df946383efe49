#!/usr/bin/env python
import os
import sys


def main() -> None:
    if sys.argv[1:2] == ["demo"]:
        # The demo's sign-ins skip the second factor; only these settings allow that.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.demo")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
