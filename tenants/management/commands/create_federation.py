from django.core.management.base import BaseCommand, CommandError

from tenants.models import Federation
from tenants.services import FederationSpec, ProvisioningError, federation_create


class Command(BaseCommand):
    help = "Create a federation (tenant): schema cloned from the template, domain, site, groups."

    def add_arguments(self, parser):
        parser.add_argument("--schema", required=True, help="schema name, e.g. jms")
        parser.add_argument("--name", required=True, help="Chinese name, e.g. 佳木斯市总工会")
        parser.add_argument("--domain", required=True, help="host name, e.g. jms.localhost")
        parser.add_argument("--name-en", default="")
        parser.add_argument("--short-name", default="", help="used in document numbers, e.g. 佳")
        parser.add_argument(
            "--level", default=Federation.Level.CITY, help="province, city, county or zone"
        )
        parser.add_argument("--region", default="", help="GB/T 2260 code, six digits")
        parser.add_argument("--parent", default=None, help="schema name of the parent federation")
        parser.add_argument(
            "--preset",
            default="national",
            help="rule profile preset: national, beijing, shanghai, zhejiang, chongqing, "
            "shandong_wage, henan_wage",
        )
        parser.add_argument("--admin-email", default=None)
        parser.add_argument("--admin-password", default=None)

    def handle(self, *args, **options):
        spec = FederationSpec(
            schema_name=options["schema"],
            name=options["name"],
            domain=options["domain"],
            name_en=options["name_en"],
            short_name=options["short_name"],
            level=options["level"],
            region_code=options["region"],
            parent_schema=options["parent"],
            admin_email=options["admin_email"],
            admin_password=options["admin_password"],
            preset=options["preset"],
        )
        try:
            federation = federation_create(spec=spec)
        except ProvisioningError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Created {federation.name} ({federation.schema_name}) at {spec.domain}")
