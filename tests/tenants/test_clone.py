"""tenants.clone: a new federation's schema is the template's, object by object and row by row,
in time that does not depend on how many federations exist (bench/bench_fleet.py measures it)."""

import pytest
from django.conf import settings
from django.db import connection, transaction

from tenants.clone import CloneError, schema_clone
from tests.tenants.schema_shape import schema_shape

TEMPLATE = settings.TENANT_BASE_SCHEMA


def test_a_clone_is_the_template_object_by_object_and_row_by_row(db):
    schema_clone(source=TEMPLATE, dest="clone_check")
    assert schema_shape("clone_check") == schema_shape(TEMPLATE)


def test_a_provisioned_federation_has_the_templates_structure(fed_a):
    # Its rows differ (its site, groups, parameters …), its structure may not.
    assert schema_shape(fed_a.schema_name, rows=False) == schema_shape(TEMPLATE, rows=False)


def test_the_clone_keeps_names_sequences_and_positions(db):
    schema_clone(source=TEMPLATE, dest="clone_check")
    with connection.cursor() as cursor:
        # A serial column's sequence is the clone's own, owned by its column.
        cursor.execute("SELECT pg_get_serial_sequence('clone_check.compliance_auditlink', 'seq')")
        assert cursor.fetchone()[0] == "clone_check.compliance_auditlink_seq_seq"
        # An identity sequence keeps its name after its table was renamed (wagtail's revision).
        cursor.execute("SELECT pg_get_serial_sequence('clone_check.wagtailcore_revision', 'id')")
        (revision_sequence,) = cursor.fetchone()
        cursor.execute(
            "SELECT pg_get_serial_sequence(%s, 'id')", [f"{TEMPLATE}.wagtailcore_revision"]
        )
        assert revision_sequence.split(".")[1] == cursor.fetchone()[0].split(".")[1]
        # The rows came along and new ids follow the template's.
        cursor.execute("SELECT max(id) FROM tenant_template.django_migrations")
        (last,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO clone_check.django_migrations (app, name, applied) "
            "VALUES ('x', 'y', now()) RETURNING id"
        )
        assert cursor.fetchone()[0] == last + 1


def test_what_the_clone_cannot_copy_stops_it(db):
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA clone_source")
        cursor.execute("CREATE TABLE clone_source.t (id int PRIMARY KEY)")
        cursor.execute("CREATE VIEW clone_source.v AS SELECT id FROM clone_source.t")
    with pytest.raises(CloneError, match="relation v of kind v"), transaction.atomic():
        schema_clone(source="clone_source", dest="clone_dest")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regnamespace('clone_dest')")
        assert cursor.fetchone()[0] is None  # nothing half made


@pytest.mark.parametrize(
    "statement, message",
    [
        ("CREATE TYPE clone_source.mood AS ENUM ('ok')", r"\['type mood'\]"),
        ("COMMENT ON TABLE clone_source.t IS 'x'", "comment on t"),
        ("ALTER TABLE clone_source.t SET (fillfactor = 70)", "storage parameters or persistence"),
        ("ALTER TABLE clone_source.t ALTER COLUMN s SET STORAGE EXTERNAL", "storage or compr"),
    ],
)
def test_objects_found_through_the_namespace_or_settings_it_would_drop_stop_it(
    db, statement, message
):
    """The clone finds a schema's objects through pg_depend (not by scanning pg_class and
    pg_type): an object of another kind in the schema, or a setting the rebuild would lose,
    is named rather than left behind."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA clone_source")
        cursor.execute("CREATE TABLE clone_source.t (id int PRIMARY KEY, s text)")
        cursor.execute(statement)
    with pytest.raises(CloneError, match=message), transaction.atomic():
        schema_clone(source="clone_source", dest="clone_dest")
