"""The demo federations and their sign-ins: the platform operator, each federation's
administrator (in its FederationSpec), labour-law supervisor and award committee member.

`make demo` prints them and portal/settings/demo.py exempts them from the second factor.
"""

from django.contrib.auth import get_user_model
from wagtail.models import Site

from tenants import context
from tenants.models import Federation
from tenants.services import FederationSpec, federation_create

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

FEDERATIONS = (
    FederationSpec(
        schema_name="jms",
        name="佳木斯市总工会",
        name_en="Jiamusi Municipal Federation of Trade Unions",
        short_name="佳",
        level="city",
        region_code="230800",
        domain="jms.localhost",
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
)


def operator_ensure() -> None:
    """The platform operator's superuser, unless it exists."""
    with context.public():
        user_model = get_user_model()
        if not user_model.objects.filter(username=OPERATOR[0]).exists():
            user_model.objects.create_superuser(
                username=OPERATOR[0], email=OPERATOR[0], password=OPERATOR[1]
            )


def federation_ensure(spec: FederationSpec) -> bool:
    """Provision the federation unless it exists; True when it was created now."""
    with context.public():
        if Federation.objects.filter(schema_name=spec.schema_name).exists():
            return False
        federation_create(spec=spec)
        return True


def sites_serve_on(port: int) -> None:
    """Tell each demo federation's Wagtail Site the port the demo serves on, so the addresses it
    writes (canonical links, sitemap.xml, the Atom feed, the OpenAPI servers) work as given."""
    for spec in FEDERATIONS:
        with context.federation_context(spec.schema_name):
            for site in Site.objects.exclude(port=port):
                site.port = port
                site.save()  # its signal drops Wagtail's cached site root paths
