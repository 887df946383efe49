"""The demo federations and their sign-ins: the platform operator, each federation's
administrator (in its FederationSpec), labour-law supervisor and award committee member.

`make demo` prints them and portal/settings/demo.py exempts them from the second factor.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Site

from tenants import context
from tenants.models import Federation
from tenants.services import FederationSpec, federation_create, federation_move

OPERATOR = ("operator@platform.localhost", "Platform#Demo2026")
# A labour-law supervisor in each federation (group 劳动法律监督员).
SUPERVISORS = {
    "jms": ("supervisor@jms.localhost", "Jiandu#Demo2026"),
    "gxq": ("supervisor@gxq.localhost", "Jiandu#Demo2026"),
}
# An award committee member in each federation (group 评审委员会).
COMMITTEE = {
    "jms": ("committee@jms.localhost", "PingShen#Demo2026"),
    "gxq": ("committee@gxq.localhost", "PingShen#Demo2026"),
}

# A three-level tree (issue 16): the province above Jiamusi, the city with its high-tech zone
# and Huanan County beneath it. Parents come before their children.
FEDERATIONS = (
    FederationSpec(
        schema_name="hlj",
        name="黑龙江省总工会",
        name_en="Heilongjiang Provincial Federation of Trade Unions",
        short_name="黑",
        level="province",
        region_code="230000",
        domain="hlj.localhost",
        admin_email="admin@hlj.localhost",
        admin_password="HeiLongJiang#Demo2026",  # noqa: S106 - demo sign-in, printed
    ),
    FederationSpec(
        schema_name="jms",
        name="佳木斯市总工会",
        name_en="Jiamusi Municipal Federation of Trade Unions",
        short_name="佳",
        level="city",
        region_code="230800",
        domain="jms.localhost",
        parent_schema="hlj",
        admin_email="admin@jms.localhost",
        admin_password="Jiamusi#Demo2026",  # noqa: S106 - demo sign-in, printed
    ),
    FederationSpec(
        schema_name="gxq",
        name="佳木斯高新技术产业开发区总工会",
        name_en="Jiamusi High-tech Zone Federation of Trade Unions",
        short_name="佳高新",
        level="zone",
        region_code="230871",
        domain="gxq.localhost",
        parent_schema="jms",
        admin_email="admin@gxq.localhost",
        admin_password="GaoXinQu#Demo2026",  # noqa: S106 - demo sign-in, printed
    ),
    FederationSpec(
        schema_name="hnx",
        name="桦南县总工会",
        name_en="Huanan County Federation of Trade Unions",
        short_name="桦南",
        level="county",
        region_code="230822",
        domain="hnx.localhost",
        parent_schema="jms",
        admin_email="admin@hnx.localhost",
        admin_password="HuaNanXian#Demo2026",  # noqa: S106 - demo sign-in, printed
    ),
)
# The federations whose whole procedure the demo shows (bargaining, supervision, the public
# site's content, awards); the others have a ledger with contracts and their figures.
FULL_DEMO = ("jms", "gxq")


def operator_ensure() -> None:
    """The platform operator's superuser, unless it exists."""
    with context.public():
        user_model = get_user_model()
        if not user_model.objects.filter(username=OPERATOR[0]).exists():
            user_model.objects.create_superuser(
                username=OPERATOR[0], email=OPERATOR[0], password=OPERATOR[1]
            )


def federation_ensure(spec: FederationSpec) -> bool:
    """Provision the federation unless it exists; True when it was created now. One that exists
    is placed under the spec's parent (a demo from before the province existed)."""
    with context.public():
        existing = Federation.objects.filter(schema_name=spec.schema_name).first()
        if existing is None:
            federation_create(spec=spec)
            return True
        parent = (
            Federation.objects.get(schema_name=spec.parent_schema) if spec.parent_schema else None
        )
        federation_move(federation=existing, parent=parent)
        return False


def sites_serve_on(port: int) -> None:
    """Tell each demo federation's Wagtail Site the port the demo serves on, so the addresses it
    writes (canonical links, sitemap.xml, the Atom feed, the OpenAPI servers) work as given."""
    for spec in FEDERATIONS:
        with context.federation_context(spec.schema_name):
            for site in Site.objects.exclude(port=port):
                site.port = port
                site.save()  # its signal drops Wagtail's cached site root paths
