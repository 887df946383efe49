"""History rows written before a column was added to their table still verify (issue 15).

The audit chain hashes each history row as jsonb (0010_audit_chain). A migration that adds a
column to a history table gives every earlier row a new key (null, or the column's default), so
those rows no longer hash to their links and the verifier reported them "changed". Such columns
are registered in compliance_auditcolumn with the value earlier rows were given and the first
link hashed with them. The verifier accepts a link whose hash matches the row as it is, or the
row without the columns added after its link where they still hold that value. The columns
added by 0011-0017 are registered without a first link (databases upgraded since may have
links either side): for them the row is also tried without them. A migration adding a history
column must register it, with its first link:
`SELECT compliance_audit_column_added('<history table>', '<column>', '<value as jsonb>');`
"""

from django.db import migrations

ADDED = (
    # (history table, column, the value rows written before it were given)
    ("compliance_historicalruleparameter", "basis", '""'),  # 0011
    ("compliance_historicalawardnotice", "title_en", '""'),  # 0013
    ("compliance_historicalawardnotice", "body_en", '""'),  # 0013
    ("compliance_historicalawardnotice", "contact_en", '""'),  # 0013
    ("compliance_historicalbargaininground", "renews_id", "null"),  # 0014
    ("compliance_historicalauditcheck", "report_id", "null"),  # 0015
    ("compliance_historicalenterprise", "workers_congress", "null"),  # 0017
    ("compliance_historicalenterprise", "workers_congress_last_held", "null"),  # 0017
)

FORWARD = """
CREATE TABLE compliance_auditcolumn (
    table_name text NOT NULL,
    column_name text NOT NULL,
    unset jsonb NOT NULL,
    first_seq bigint,  -- the first link hashed with the column; null: not known (0011-0017)
    PRIMARY KEY (table_name, column_name)
);

CREATE FUNCTION compliance_audit_column_added(tbl text, col text, unset jsonb) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO compliance_auditcolumn
    SELECT tbl, col, unset, coalesce(max(seq), 0) + 1 FROM compliance_auditlink
    ON CONFLICT DO NOTHING
$$;

-- The row as it was hashed before columns added after link `seq` existed: those keys removed
-- where they still hold the value earlier rows were given; with `unknown`, also the columns
-- registered without a first link.
CREATE FUNCTION compliance_audit_before_added(tbl text, doc jsonb, seq bigint, unknown boolean)
RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT doc - coalesce(
        (SELECT array_agg(c.column_name) FROM compliance_auditcolumn c
         WHERE c.table_name = tbl AND doc -> c.column_name = c.unset
           AND (c.first_seq > seq OR (unknown AND c.first_seq IS NULL))),
        '{}'::text[])
$$;
"""

BACKWARD = """
DROP FUNCTION compliance_audit_before_added(text, jsonb, bigint, boolean);
DROP FUNCTION compliance_audit_column_added(text, text, jsonb);
DROP TABLE compliance_auditcolumn;
"""


def register(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for table, column, unset in ADDED:
            cursor.execute(
                "INSERT INTO compliance_auditcolumn VALUES (%s, %s, %s::jsonb, NULL)"
                " ON CONFLICT DO NOTHING",
                [table, column, unset],
            )


class Migration(migrations.Migration):
    dependencies = [("compliance", "0017_workers_congress")]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.RunPython(register, migrations.RunPython.noop),
    ]
