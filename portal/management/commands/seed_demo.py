"""Provision the two demo federations with their home pages, administrators and enterprises.

Idempotent: running it again (make demo twice) keeps existing data and only adds what is missing.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from compliance.rules.uscc import check_character
from compliance.services.enterprises import enterprise_save
from portal.demo_awards import seed_awards
from portal.demo_bargaining import seed_bargaining
from portal.demo_public import seed_public
from portal.demo_supervision import seed_supervision
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

# (organisation code stem, name, industry, region, ownership, employees, union?, members, flags)
# fmt: off
ENTERPRISES = {
    "jms": (
        ("MA1B2C3D", "佳木斯江畔粮油机械有限公司", "C", "230803", "private", 420, True, 388, ()),
        ("MA1B2C4E", "佳木斯北疆造纸股份有限公司", "C", "230804", "joint_stock", 1260, True, 1190,
         ("head_npc_deputy",)),
        ("MA1B2C5F", "佳木斯三江农垦物流有限公司", "G", "230811", "state", 310, True, 296, ()),
        ("MA1B2C6G", "佳木斯松花江大酒店有限公司", "H", "230803", "private", 86, True, 70, ()),
        ("MA1B2C7H", "佳木斯东极电力设备有限公司", "D", "230804", "foreign", 95, True, 80,
         ("fortune500_investor",)),
        ("MA1B2C8J", "佳木斯龙江建工集团有限公司", "E", "230805", "state", 2150, True, 2040, ()),
        ("MA1B2C9K", "佳木斯惠民连锁超市有限公司", "F", "230803", "private", 64, False, 0, ()),
        ("MA1B2CAL", "佳木斯金穗米业有限公司", "C", "230811", "private", 48, True, 40,
         ("head_model_worker",)),
        ("MA1B2CBM", "佳木斯恒安纺织有限公司", "C", "230804", "private", 680, True, 612, ()),
        ("MA1B2CCN", "佳木斯康宁医疗后勤服务有限公司", "Q", "230803", "state", 260, True, 240, ()),
        ("MA1B2CDP", "佳木斯鑫源煤矿机械有限公司", "C", "230805", "collective", 175, True, 160, ()),
        ("MA1B2CEQ", "佳木斯绿源乳业有限公司", "C", "230811", "foreign", 390, True, 350,
         ("fortune500_investor",)),
    ),
    "gxq": (
        ("MA7X8Y1A", "佳木斯高新区晶源电子科技有限公司", "I", "230871", "private", 236, True, 201, ()),
        ("MA7X8Y2B", "佳木斯高新区北方农机装备有限公司", "C", "230871", "joint_stock", 512, True, 470,
         ()),
        ("MA7X8Y3C", "佳木斯高新区绿野生物制药有限公司", "C", "230871", "hmt", 158, True, 150,
         ("head_cppcc_member",)),
        ("MA7X8Y4D", "佳木斯高新区智联软件有限公司", "I", "230871", "private", 42, False, 0, ()),
        ("MA7X8Y5E", "佳木斯高新区恒通检测技术有限公司", "M", "230871", "private", 73, True, 61, ()),
        ("MA7X8Y6F", "佳木斯高新区华信光电材料有限公司", "C", "230871", "private", 320, True, 290, ()),
        ("MA7X8Y7G", "佳木斯高新区安达新能源科技有限公司", "C", "230871", "joint_stock", 145, True,
         128, ()),
        ("MA7X8Y8H", "佳木斯高新区云谷数据服务有限公司", "I", "230871", "private", 118, True, 96, ()),
        ("MA7X8Y9J", "佳木斯高新区瑞康医疗器械有限公司", "C", "230871", "hmt", 205, True, 180, ()),
    ),
}
# fmt: on


def demo_credit_code(region: str, stem: str) -> str:
    """A well-formed code: 9 (enterprise registered by industry & commerce) 1 (company)."""
    first17 = f"91{region}{stem}0"
    return first17 + check_character(first17)


class Command(BaseCommand):
    help = "Create (or complete) the demo federations, their administrators and enterprises."

    def handle(self, *args, **options):
        with context.public():
            user_model = get_user_model()
            if not user_model.objects.filter(username=OPERATOR[0]).exists():
                user_model.objects.create_superuser(
                    username=OPERATOR[0], email=OPERATOR[0], password=OPERATOR[1]
                )
            for spec in FEDERATIONS:
                if not Federation.objects.filter(schema_name=spec.schema_name).exists():
                    federation_create(spec=spec)
                    self.stdout.write(f"created {spec.name} at {spec.domain}")
        for schema_name, rows in ENTERPRISES.items():
            with context.federation_context(schema_name), transaction.atomic():
                for (
                    stem,
                    name,
                    industry,
                    region,
                    ownership,
                    employees,
                    union,
                    members,
                    flags,
                ) in rows:
                    data = {
                        "name": name,
                        "industry": industry,
                        "region_code": region,
                        "ownership": ownership,
                        "employees": employees,
                        "union_established": union,
                        "union_members": members,
                        **dict.fromkeys(flags, True),
                    }
                    enterprise_save(
                        credit_code=demo_credit_code(region, stem),
                        data=data,
                        reason="演示数据 / demo data",
                    )
        today = timezone.localdate()
        for spec in FEDERATIONS:
            with context.federation_context(spec.schema_name), transaction.atomic():
                if seed_bargaining(today=today, short_name=spec.short_name):
                    self.stdout.write(f"bargaining demo data added to {spec.name}")
                email, password = SUPERVISORS[spec.schema_name]
                if seed_supervision(
                    today=today, supervisor_email=email, supervisor_password=password
                ):
                    self.stdout.write(f"supervision demo data added to {spec.name}")
                if seed_public(schema_name=spec.schema_name, today=today):
                    self.stdout.write(f"public site demo content added to {spec.name}")
                # Last: the check reads every contract the other demo data registered.
                email, password = COMMITTEE[spec.schema_name]
                if seed_awards(
                    today=today, email=email, password=password, short_name=spec.short_name
                ):
                    self.stdout.write(f"award eligibility demo data added to {spec.name}")
        self.stdout.write("demo data ready")
