"""Reading and writing the ledger spreadsheets: column specs, a guarded reader, writers.

No ORM in this package: the services pass choice lists in and take plain rows out. Reading uses
python-calamine (≈15× faster than openpyxl), after the container has been checked for bombs;
writing uses openpyxl's write_only mode except for the small, styled template (shared/PITFALLS.md).
"""

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
