"""Provisioning a federation: cloning the template schema versus running every migration.

The clone path is the product's: tenants.services.federation_create, one transaction. The
baseline is django-tenants' default, migrating a new schema from scratch; Wagtail's migrations
cannot run inside one outer transaction (deferred trigger events on wagtailcore_page), so the
baseline runs the same steps (schema, domain, site and home page, groups) without it.
"""

from __future__ import annotations

import itertools

from bench.harness import Row, timed

RUNS = 3


def run() -> list[Row]:
    from django.core.management import call_command
    from django.test import override_settings

    from cms_pages.services import site_setup
    from tenants import context
    from tenants.models import Domain, Federation
    from tenants.roles import roles_sync
    from tenants.services import FederationSpec, federation_create

    call_command("migrate_platform", verbosity=0)
    counter = itertools.count(1)

    def spec() -> FederationSpec:
        n = next(counter)
        return FederationSpec(
            schema_name=f"bench_{n}",
            name=f"基准测试总工会{n}",
            short_name="基",
            level="county",
            region_code=f"2308{n:02d}",
            domain=f"bench{n}.localhost",
        )

    def by_clone() -> None:
        with context.public():
            federation_create(spec=spec())

    def by_migrations() -> None:
        s = spec()
        with context.public(), override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False):
            federation = Federation(
                schema_name=s.schema_name,
                name=s.name,
                short_name=s.short_name,
                level=s.level,
                region_code=s.region_code,
            )
            federation.save(verbosity=0)
            Domain.objects.create(domain=s.domain, tenant=federation, is_primary=True)
            with context.federation_context(federation):
                site_setup(federation=federation, hostname=s.domain)
                roles_sync()

    by_clone()  # warm-up: imports, the clone function's installation
    clone_mean, clone_min = timed(by_clone, RUNS)
    migrate_mean, migrate_min = timed(by_migrations, RUNS)
    return [
        Row("provisioning", "by migrations (baseline)", RUNS, migrate_mean, migrate_min, "1.0×"),
        Row(
            "provisioning",
            "by cloning the template",
            RUNS,
            clone_mean,
            clone_min,
            f"{migrate_mean / clone_mean:.1f}× faster",
        ),
    ]
