"""The demo federations' enterprise ledgers (台账): a dozen enterprises in Jiamusi, nine in its
high-tech zone, of every size, ownership and union status the back office distinguishes; a few
province-level enterprises in Harbin for the provincial federation and a county's worth in
Huanan. The flag above_designated_size (规上) is set where the demo ledger knows it.

Whether an enterprise has a workers' congress (职代会): unionised ones have one and the others
not, except those in CONGRESS, where the ledger says otherwise or does not know. Of those the
ledger does not know, one bargains this year and its round's congress vote shows the award
veto that it has one; another has no round, and the veto asks for a review.

Saved by credit code, so seeding again changes nothing.
"""

from portal.demo.builders import demo_credit_code, enterprise

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
        ("MA1B2C8J", "佳木斯龙江建工集团有限公司", "E", "230805", "state", 2150, True, 2040,
         ("above_designated_size",)),
        ("MA1B2C9K", "佳木斯惠民连锁超市有限公司", "F", "230803", "private", 64, False, 0, ()),
        ("MA1B2CAL", "佳木斯金穗米业有限公司", "C", "230811", "private", 48, True, 40,
         ("head_model_worker",)),
        ("MA1B2CBM", "佳木斯恒安纺织有限公司", "C", "230804", "private", 680, True, 612, ()),
        ("MA1B2CCN", "佳木斯康宁医疗后勤服务有限公司", "Q", "230803", "state", 260, True, 240, ()),
        ("MA1B2CDP", "佳木斯鑫源煤矿机械有限公司", "C", "230805", "collective", 175, True, 160, ()),
        ("MA1B2CEQ", "佳木斯绿源乳业有限公司", "C", "230811", "foreign", 390, True, 350,
         ("fortune500_investor",)),
    ),
    "hlj": (
        ("MA3H1A1A", "黑龙江龙煤能源投资集团有限公司", "B", "230102", "state", 3200, True, 3050,
         ("above_designated_size",)),
        ("MA3H1A2B", "黑龙江北大荒粮食物流有限公司", "G", "230103", "state", 860, True, 820,
         ("above_designated_size",)),
        ("MA3H1A3C", "哈尔滨松北智能装备有限公司", "C", "230103", "private", 240, True, 205, ()),
        ("MA3H1A4D", "哈尔滨冰城文化传媒有限公司", "R", "230102", "private", 38, False, 0, ()),
    ),
    "hnx": (
        ("MA5N2B1A", "桦南县森工木业有限公司", "C", "230822", "state", 340, True, 318,
         ("above_designated_size",)),
        ("MA5N2B2B", "桦南县白瓜子食品有限公司", "C", "230822", "private", 126, True, 110,
         ("above_designated_size",)),
        ("MA5N2B3C", "桦南县金色田园农机合作社", "A", "230822", "collective", 58, True, 52, ()),
        ("MA5N2B4D", "桦南县宏达商贸有限公司", "F", "230822", "private", 27, False, 0, ()),
        ("MA5N2B5E", "桦南县仁和医院有限公司", "Q", "230822", "private", 180, True, 160, ()),
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
# Stem → workers' congress where it is not what the union status suggests (None: not known).
CONGRESS: dict[str, bool | None] = {
    "MA1B2CBM": None,  # 恒安纺织: a round under way, with a congress vote (demo bargaining)
    "MA1B2C6G": None,  # 松花江大酒店: no round either → needs review
    "MA1B2CAL": False,  # 金穗米业: a union but no congress → vetoed
    "MA7X8Y6F": None,  # 华信光电: a round under way, with a congress vote
    "MA7X8Y8H": None,  # 云谷数据: no round → needs review
    "MA7X8Y5E": False,  # 恒通检测: a union but no congress → vetoed
}


def seed_ledger(*, schema_name: str) -> None:
    """The ledger of the federation `schema_name`, in its schema."""
    for stem, name, industry, region, ownership, employees, union, members, flags in ENTERPRISES[
        schema_name
    ]:
        enterprise(
            credit_code=demo_credit_code(region, stem),
            name=name,
            industry=industry,
            region_code=region,
            ownership=ownership,
            employees=employees,
            union_established=union,
            union_members=members,
            workers_congress=CONGRESS.get(stem, union),
            **dict.fromkeys(flags, True),
        )
