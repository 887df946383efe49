"""Provisioning federations (tenants) and their domains.

A federation is created by cloning the migrated, user-free template schema (TENANT_BASE_SCHEMA),
then given its Wagtail site and home page, the default groups (tenants.roles) and optionally its
first administrator. Everything happens in one transaction: PostgreSQL DDL is transactional, so a
failure at any step leaves no schema, row, domain or user behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_exists

from cms_pages.services import site_setup
from compliance.rules.presets import PRESETS
from compliance.services.profile import profile_apply_preset
from compliance.services.supervision import letter_templates_ensure
from tenants import context
from tenants.fleet import current_release
from tenants.models import Domain, Federation
from tenants.regions import region_code_problem, region_within
from tenants.roles import ROLE_BY_KEY, roles_sync

_SCHEMA_NAME = re.compile(r"[a-z][a-z0-9_]{1,39}")
_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_LEVEL_RANK = {"province": 0, "city": 1, "county": 2, "zone": 2}
RESERVED_SCHEMAS = frozenset({"public", "information_schema", settings.TENANT_BASE_SCHEMA})


class ProvisioningError(ValidationError):
    """Bad input for provisioning; its message says what to fix, in the user's language."""


@dataclass(frozen=True)
class FederationSpec:
    schema_name: str
    name: str
    domain: str
    name_en: str = ""
    short_name: str = ""
    level: str = Federation.Level.CITY
    region_code: str = ""
    parent_schema: str | None = None
    admin_email: str | None = None
    admin_password: str | None = None
    preset: str = "national"


def _check_domain(domain: str) -> str:
    domain = domain.strip().lower()
    labels = domain.split(".")
    if not domain or len(domain) > 253 or not all(_HOST_LABEL.fullmatch(x) for x in labels):
        raise ProvisioningError(
            _("%(domain)s is not a valid host name (letters, digits, hyphens and dots).")
            % {"domain": domain}
        )
    if domain in settings.PLATFORM_HOSTS:
        raise ProvisioningError(
            _("%(domain)s serves the platform page; choose another host.") % {"domain": domain}
        )
    if Domain.objects.filter(domain=domain).exists():
        raise ProvisioningError(
            _("The domain %(domain)s is already used by a federation.") % {"domain": domain}
        )
    return domain


def _check_schema_name(schema_name: str) -> None:
    if not _SCHEMA_NAME.fullmatch(schema_name) or schema_name.startswith("pg_"):
        raise ProvisioningError(
            _(
                "Invalid schema name %(schema)s: use 2 to 40 lowercase letters, digits or "
                "underscores, starting with a letter."
            )
            % {"schema": schema_name}
        )
    if schema_name in RESERVED_SCHEMAS:
        raise ProvisioningError(
            _("The schema name %(schema)s is reserved.") % {"schema": schema_name}
        )
    if schema_exists(schema_name) or Federation.objects.filter(schema_name=schema_name).exists():
        raise ProvisioningError(
            _("The schema %(schema)s already exists.") % {"schema": schema_name}
        )


def _check_parent(spec: FederationSpec) -> Federation | None:
    if not spec.parent_schema:
        return None
    parent = Federation.objects.filter(schema_name=spec.parent_schema).first()
    if parent is None:
        raise ProvisioningError(
            _("There is no parent federation with schema %(schema)s.")
            % {"schema": spec.parent_schema}
        )
    if _LEVEL_RANK[spec.level] <= _LEVEL_RANK[parent.level]:
        raise ProvisioningError(
            _("A %(level)s cannot sit under a %(parent_level)s.")
            % {
                "level": Federation.Level(spec.level).label,
                "parent_level": Federation.Level(parent.level).label,
            }
        )
    if spec.region_code and not region_within(spec.region_code, parent.region_code):
        raise ProvisioningError(
            _("Region %(code)s does not lie within the parent federation's region %(parent)s.")
            % {"code": spec.region_code, "parent": parent.region_code}
        )
    return parent


def _check_admin(spec: FederationSpec) -> None:
    if bool(spec.admin_email) != bool(spec.admin_password):
        raise ProvisioningError(_("Give both the administrator's e-mail and password, or neither."))
    if spec.admin_email:
        try:
            validate_email(spec.admin_email)
            validate_password(spec.admin_password)
        except ValidationError as exc:
            raise ProvisioningError(" ".join(exc.messages)) from exc


def federation_validate(*, spec: FederationSpec) -> tuple[str, Federation | None]:
    """Check a new federation's input; raise ProvisioningError saying what to fix."""
    if context.current_schema() != get_public_schema_name():
        raise ProvisioningError(_("Federations are created from the platform (public schema)."))
    if not spec.name.strip():
        raise ProvisioningError(_("The federation needs a Chinese name."))
    if Federation.objects.filter(name=spec.name.strip()).exists():
        raise ProvisioningError(
            _("A federation named %(name)s already exists.") % {"name": spec.name}
        )
    if spec.level not in Federation.Level.values:
        raise ProvisioningError(
            _("Unknown level %(level)s; choose one of: %(choices)s.")
            % {"level": spec.level, "choices": ", ".join(Federation.Level.values)}
        )
    problem = region_code_problem(spec.region_code, level=spec.level)
    if problem:
        raise ProvisioningError(problem)
    _check_schema_name(spec.schema_name)
    domain = _check_domain(spec.domain)
    parent = _check_parent(spec)
    _check_admin(spec)

    if spec.preset not in PRESETS:
        raise ProvisioningError(
            _("Unknown rule preset %(preset)s; choose one of: %(choices)s.")
            % {"preset": spec.preset, "choices": ", ".join(PRESETS)}
        )
    return domain, parent


def federation_create(*, spec: FederationSpec) -> Federation:
    """Create a federation with its schema, domain, site, home page, groups and administrator."""
    domain, parent = federation_validate(spec=spec)
    with transaction.atomic():
        federation = Federation(
            schema_name=spec.schema_name,
            name=spec.name.strip(),
            name_en=spec.name_en.strip(),
            short_name=(spec.short_name or spec.name[:1]).strip(),
            level=spec.level,
            region_code=spec.region_code,
            parent=parent,
            rule_preset=spec.preset,
        )
        federation.full_clean(exclude=["schema_name"])
        federation.save(verbosity=0)  # clones the template schema
        Domain.objects.create(domain=domain, tenant=federation, is_primary=True)
        with context.federation_context(federation):
            site_setup(federation=federation, hostname=domain)
            groups = roles_sync()
            profile_apply_preset(preset=spec.preset)
            letter_templates_ensure()
            if spec.admin_email:
                federation_admin_create(
                    email=spec.admin_email,
                    password=spec.admin_password,
                    group=groups[ROLE_BY_KEY["federation_admin"].key],
                )
        federation.platform_synced = current_release()
        Federation.objects.filter(pk=federation.pk).update(
            platform_synced=federation.platform_synced
        )
    return federation


def federation_admin_create(*, email: str, password: str, group=None):
    """Create a federation administrator in the current federation's schema."""
    user_model = get_user_model()
    if user_model.objects.filter(username=email).exists():
        raise ProvisioningError(_("A user %(email)s already exists.") % {"email": email})
    user = user_model.objects.create_superuser(username=email, email=email, password=password)
    if group is not None:
        user.groups.add(group)
    return user


def federation_move_check(*, federation: Federation, parent: Federation | None) -> None:
    """Raise ProvisioningError saying what to fix when `federation` may not sit under `parent`:
    the federation itself or one beneath it (a cycle), a parent that ranks no higher, or one whose
    region does not contain the federation's."""
    if context.current_schema() != get_public_schema_name():
        raise ProvisioningError(_("Federations are placed from the platform (public schema)."))
    if parent is not None:
        ancestor: Federation | None = parent
        while ancestor is not None:
            if ancestor.pk == federation.pk:
                raise ProvisioningError(
                    _("%(parent)s lies beneath %(name)s: placing it there would make a cycle.")
                    % {"parent": parent.name, "name": federation.name}
                    if parent.pk != federation.pk
                    else _("A federation cannot be its own parent.")
                )
            ancestor = ancestor.parent
        _check_parent(
            FederationSpec(
                schema_name=federation.schema_name,
                name=federation.name,
                domain="",
                level=federation.level,
                region_code=federation.region_code,
                parent_schema=parent.schema_name,
            )
        )


def federation_move(*, federation: Federation, parent: Federation | None) -> Federation:
    """Place `federation` under `parent` (or at the top): the tree the network's figures, targets
    and reports follow (checked by federation_move_check)."""
    federation_move_check(federation=federation, parent=parent)
    if federation.parent_id != (parent.pk if parent else None):
        # An update, not save(): TenantMixin.save creates the schema of a row that lacks one,
        # which a move must never do.
        Federation.objects.filter(pk=federation.pk).update(parent=parent)
        federation.parent = parent
    return federation
