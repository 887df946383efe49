"""manage.py export_contracts --schema S [OUT.xlsx] [--template OUT.xlsx] [--language zh|en]"""

from compliance.management.commands.export_enterprises import Command as ExportCommand


class Command(ExportCommand):
    help = (
        "Export the federation's collective contracts to an .xlsx workbook in the import "
        "template's columns, and/or write the blank template."
    )
    kind = "contracts"
