"""Everything `make demo` shows (manage.py seed_demo), in the order each part needs the last."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from cms_pages.services.network_notices import network_notices_resync
from portal.demo.awards import seed_awards
from portal.demo.bargaining import seed_bargaining
from portal.demo.enterprise_side import ENTERPRISE_SIDE_SCHEMA, seed_enterprise_side
from portal.demo.federations import (
    COMMITTEE,
    FEDERATIONS,
    FULL_DEMO,
    SUPERVISORS,
    federation_ensure,
    operator_ensure,
)
from portal.demo.instructors import seed_instructors_work
from portal.demo.ledger import seed_ledger
from portal.demo.meetings import MEETINGS_SCHEMA, seed_meetings
from portal.demo.network import publish_figures, seed_network_contracts
from portal.demo.pipeline import seed_pipeline
from portal.demo.public import seed_public
from portal.demo.quality import seed_quality
from portal.demo.supervision import seed_supervision
from portal.demo.wages import seed_wages
from portal.demo.worker_voice import seed_voice_target, seed_worker_voice
from tenants import context


def seed_demo(*, today: dt.date, report: Callable[[str], object]) -> None:
    """Create what is missing of the demo and `report` each part added; idempotent."""
    operator_ensure()
    for spec in FEDERATIONS:
        if federation_ensure(spec):
            report(f"created {spec.name} at {spec.domain}")
    for spec in FEDERATIONS:
        with context.federation_context(spec.schema_name), transaction.atomic():
            seed_ledger(schema_name=spec.schema_name)
    for spec in FEDERATIONS:
        if spec.schema_name in FULL_DEMO:
            continue
        with context.federation_context(spec.schema_name), transaction.atomic():
            if seed_network_contracts(schema_name=spec.schema_name, today=today):
                report(f"contracts added to {spec.name}")
    for spec in FEDERATIONS:
        if spec.schema_name not in FULL_DEMO:
            continue
        with context.federation_context(spec.schema_name), transaction.atomic():
            if seed_bargaining(today=today, short_name=spec.short_name):
                report(f"bargaining demo data added to {spec.name}")
            email, password = SUPERVISORS[spec.schema_name]
            if seed_supervision(today=today, supervisor_email=email, supervisor_password=password):
                report(f"supervision demo data added to {spec.name}")
            if seed_public(schema_name=spec.schema_name, today=today):
                report(f"public site demo content added to {spec.name}")
            if spec.schema_name == ENTERPRISE_SIDE_SCHEMA and seed_enterprise_side(today=today):
                report(f"enterprise accounts, pre-review and 人社 review added to {spec.name}")
            if spec.schema_name == MEETINGS_SCHEMA and seed_meetings(today=today):
                report(f"monthly meetings and a round run 上代下 added to {spec.name}")
            if seed_instructors_work(today=today):
                report(f"instructors' work, training and experts added to {spec.name}")
            if seed_worker_voice(today=today):
                seed_voice_target(today=today)
                report(f"workers' surveys and an inspection added to {spec.name}")
            # After the surveys: the evaluation reads their rates.
            if seed_quality(today=today, evaluator_email=SUPERVISORS[spec.schema_name][0]):
                report(f"quality evaluations added to {spec.name}")
            # Last: the check reads every contract the other demo data registered.
            email, password = COMMITTEE[spec.schema_name]
            if seed_awards(today=today, email=email, password=password, short_name=spec.short_name):
                report(f"award eligibility demo data added to {spec.name}")
    # The pipeline's survey and intents read the rounds the bargaining demo made.
    for spec in FEDERATIONS:
        with context.federation_context(spec.schema_name), transaction.atomic():
            if seed_pipeline(today=today):
                report(f"baseline survey and intents added to {spec.name}")
    # Last: the figures of everything above, for every day the network channel keeps.
    for spec in FEDERATIONS:
        with context.federation_context(spec.schema_name):
            rows = publish_figures(today=today)
        if rows:
            report(f"{spec.name}: {rows} rows of figures published to the network")
        # Every listed notice in the channel for the region-wide search (the pushes queued while
        # seeding run in the worker, which may not be up yet; resync is idempotent).
        with context.federation_context(spec.schema_name):
            network_notices_resync()
    # The wage highlights of every quarter, from the wage contracts registered above.
    for spec in FEDERATIONS:
        with context.federation_context(spec.schema_name), transaction.atomic():
            if seed_wages(today=today, with_report=spec.schema_name in FULL_DEMO):
                report(f"wage highlights generated for {spec.name}")
    report("demo data ready")
