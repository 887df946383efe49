import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_exists
from wagtail.models import Site

from cms_pages.models import HomePage
from tenants import context
from tenants.models import Domain, Federation
from tenants.roles import ROLES
from tests.conftest import PASSWORD

pytestmark = pytest.mark.integration

GOOD = [
    "--schema", "fed_new",
    "--name", "丙市总工会",
    "--name-en", "City C Federation",
    "--short-name", "丙",
    "--level", "city",
    "--region", "230400",
    "--domain", "c.test",
    "--admin-email", "chair@c.test",
    "--admin-password", PASSWORD,
]  # fmt: skip


def _args(**overrides):
    args = list(GOOD)
    for flag, value in overrides.items():
        option = "--" + flag.replace("_", "-")
        if option in args:
            index = args.index(option)
            if value is None:
                del args[index : index + 2]
            else:
                args[index + 1] = value
        else:
            args += [option, value]
    return args


def _nothing_created(schema="fed_new", domain="c.test"):
    with context.public():
        assert not schema_exists(schema)
        assert not Federation.objects.filter(schema_name=schema).exists()
        assert not Domain.objects.filter(domain=domain).exists()


def test_create_federation_builds_schema_site_groups_and_admin(db):
    call_command("create_federation", *GOOD)
    with context.public():
        federation = Federation.objects.get(schema_name="fed_new")
        assert federation.short_name == "丙"
        assert federation.get_primary_domain().domain == "c.test"
        assert not get_user_model().objects.filter(username="chair@c.test").exists()
    with context.federation_context("fed_new"):
        site = Site.objects.get()
        assert site.hostname == "c.test"
        assert site.is_default_site
        home = site.root_page.specific
        assert isinstance(home, HomePage)
        assert home.title == "丙市总工会"
        assert home.live
        assert set(Group.objects.values_list("name", flat=True)) == {r.name for r in ROLES}
        admin = get_user_model().objects.get(username="chair@c.test")
        assert admin.check_password(PASSWORD)
        assert admin.groups.filter(name="总工会管理员").exists()
        instructors = Group.objects.get(name="集体协商指导员")
        assert instructors.permissions.filter(codename="view_enterprise").exists()
        assert not instructors.permissions.filter(codename="delete_enterprise").exists()
        assert instructors.permissions.filter(codename="access_admin").exists()
        from compliance.models import LetterTemplate, RuleParameter

        assert LetterTemplate.objects.count() == 4
        assert RuleParameter.objects.get(key="offer_reply").value == "20"


def test_child_federation_under_its_parent(db, fed_a):
    call_command(
        "create_federation",
        *_args(
            level="zone", region="230871", parent="fed_a", admin_email=None, admin_password=None
        ),
    )
    with context.public():
        child = Federation.objects.get(schema_name="fed_new")
        assert child.parent == fed_a
        assert child.level == "zone"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"schema": "fed_a"}, "already exists"),
        ({"schema": "public"}, "reserved"),
        ({"schema": "tenant_template"}, "reserved"),
        ({"schema": "Bad-Name"}, "Invalid schema name"),
        ({"schema": "pg_evil"}, "Invalid schema name"),
        ({"domain": "a.test"}, "already used"),
        ({"domain": "not a host"}, "not a valid host name"),
        ({"domain": "localhost"}, "platform"),
        ({"parent": "nowhere"}, "no parent federation"),
        ({"region": "23080"}, "six digits"),
        ({"region": "990800"}, "not a province-level code"),
        ({"region": "230803"}, "city federation's region code"),
        ({"level": "planet"}, "Unknown level"),
        ({"admin_password": "short"}, "too short"),
        ({"admin_password": None}, "both"),
        ({"admin_email": "not-an-email"}, "valid email"),
        ({"name": "甲市总工会"}, "already exists"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_creates_nothing(db, english, overrides, message):
    with pytest.raises(CommandError) as raised:
        call_command("create_federation", *_args(**overrides))
    text = str(raised.value)
    assert message.lower() in text.lower()
    assert "\n" not in text
    _nothing_created()


def test_child_outside_parent_region_is_refused(db, english, fed_a):
    with pytest.raises(CommandError, match="does not lie within"):
        call_command("create_federation", *_args(level="county", region="230103", parent="fed_a"))
    _nothing_created()


def test_child_cannot_outrank_parent(db, english, fed_b):
    with pytest.raises(CommandError, match="cannot sit under"):
        call_command("create_federation", *_args(level="city", parent="fed_b"))
    _nothing_created()


def test_failure_after_cloning_leaves_nothing_behind(db, monkeypatch):
    """A failure in the last step (the administrator) must roll back schema, domain and site."""
    import tenants.services as services

    def explode(**kwargs):
        raise RuntimeError("simulated failure while creating the administrator")

    monkeypatch.setattr(services, "federation_admin_create", explode)
    with pytest.raises(RuntimeError):
        call_command("create_federation", *GOOD)
    _nothing_created()


def test_exit_code_is_non_zero_from_the_shell(db):
    """manage.py exits 1 with a one-line message (checked through the command's error type)."""
    with pytest.raises(CommandError) as raised:
        call_command("create_federation", *_args(schema="fed_b"))
    assert raised.value.returncode == 1


def test_home_page_content_is_chinese_whatever_the_operators_language(db, english):
    call_command("create_federation", *_args(admin_email=None, admin_password=None))
    with context.federation_context("fed_new"):
        assert "负责本地区集体协商" in HomePage.objects.get().intro


def test_award_records_are_read_by_the_committee_and_administrators_only(fed_a):
    """Issue 15: violation records and eligibility results are withheld from instructors and
    supervisors, even where a federation granted them earlier (the sync takes them away)."""
    from django.contrib.auth.models import Permission

    from tenants.roles import ROLE_BY_KEY, roles_sync

    withheld = ("view_violationrecord", "view_eligibilityrun", "view_eligibilityresult")
    with context.federation_context(fed_a):
        supervisor = Group.objects.get(name=ROLE_BY_KEY["supervisor"].name)
        supervisor.permissions.add(Permission.objects.get(codename="view_violationrecord"))
        roles_sync()
        for key, reads in (
            ("instructor", False),
            ("supervisor", False),
            ("award_committee", True),
            ("federation_admin", True),
        ):
            codenames = set(
                Group.objects.get(name=ROLE_BY_KEY[key].name).permissions.values_list(
                    "codename", flat=True
                )
            )
            assert all((c in codenames) is reads for c in withheld), key
            assert "view_supervisioncase" in codenames  # the rest of the back office is read
