"""The back office: each federation's Wagtail admin, one package per procedure.

    ledger/       the enterprise ledger (台账)
    bargaining/   rounds and their steps (要约 … 报送), offer campaigns, instructors
    contracts/    collective contracts and their steps (publish, file, amend, terminate), clauses
    supervision/  cases, letters (一函两书) and their steps, letter templates, the ledger export
    audits/       performance checks (履约监督)
    awards/       awards, their veto criteria, violation records, eligibility checks, notices
    imports/      spreadsheet imports and exports with their progress
    profile/      the rule profile and the holiday calendar

Each holds its viewsets (which bring their own URLs), views and forms; common.py holds what they
share; menu.py groups the viewsets into one submenu per procedure; panels.py the admin home's
panels. compliance/wagtail_hooks.py registers menu.py and panels.py, and nothing else.
"""
