"""Compile the .po catalogues to .mo in pure Python (GNU gettext is not needed to run or test).

--check compiles to memory and fails when a committed .mo differs from its .po, or when a
catalogue has untranslated or fuzzy entries: English is the source language, Chinese must be
complete.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po to .mo; --check verifies they are complete and current."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, **options):
        problems = []
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                count += 1
                catalogue = polib.pofile(str(po_path))
                untranslated = [e.msgid for e in catalogue.untranslated_entries()]
                fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
                for msgid in untranslated[:5] + fuzzy[:5]:
                    problems.append(f"{po_path}: not translated: {msgid!r}")
                mo_path = po_path.with_suffix(".mo")
                compiled = catalogue.to_binary()
                if options["check"]:
                    if not mo_path.exists() or mo_path.read_bytes() != compiled:
                        problems.append(f"{mo_path} is out of date: run `make messages`")
                else:
                    mo_path.write_bytes(compiled)
        if count == 0:
            problems.append("no translation catalogue found under LOCALE_PATHS")
        if problems:
            raise CommandError("\n".join(problems))
        self.stdout.write(f"{count} catalogue(s) {'current' if options['check'] else 'compiled'}")
