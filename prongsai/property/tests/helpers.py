import datetime
from decimal import Decimal

from prongsai.property import services
from prongsai.property.models import Category, Condition, Source

TODAY = datetime.date(2023, 3, 15)


def make_asset(world, *, number="7440-001-0001/66", department=None, lendable=False, name=None, **extra):
    values = {
        "category": Category.HOUSEHOLD if lendable else Category.COMPUTER,
        "name": name or ("เต็นท์ผ้าใบ ขนาด ๔ x ๘ เมตร" if lendable else "เครื่องคอมพิวเตอร์ สำหรับงานประมวลผล"),
        "description": "",
        "acquired_on": datetime.date(2022, 11, 1),
        "price": Decimal("22000.00"),
        "source": Source.BUDGET,
        "location": "อาคารสำนักงานเขต ชั้น ๒",
        "department": department or world.administration,
        "custodian_name": "นางสาวกาญจนา ศรีสุข",
        "condition": Condition.GOOD,
        "lendable_to_public": lendable,
    }
    values.update(extra)
    return services.asset_create(actor=world.coordinator, agency=world.agency, number=number, **values)


def make_city_law(world):
    from prongsai.agencies.tests.factories import DepartmentFactory, Role, member

    city_law = DepartmentFactory(
        agency=world.agency, code="city-law", name="ฝ่ายเทศกิจ", name_en="City Law Enforcement"
    )
    world.city_law = city_law
    world.city_officer = member(world.agency, Role.OFFICER, city_law, username="somsak.citylaw")
    world.city_officer2 = member(world.agency, Role.OFFICER, city_law, username="nipa.citylaw")
    return city_law


def make_item(world, *, seized_on=None, actor=None, owner="นายวิชัย ใจดี"):
    rules = services.holding_rules_ensure(world.agency)
    return services.seized_intake(
        actor=actor or world.city_officer,
        agency=world.agency,
        seized_on=seized_on or datetime.date(2023, 3, 1),
        description="รถเข็นจำหน่ายอาหาร โครงสแตนเลส (ถนนพระรามที่ ๑)",
        quantity=1,
        unit="คัน",
        seal_number="ทก.1234",
        rule=rules[0],
        case_reference="บันทึกการตรวจยึด ที่ 12/2566",
        seized_by="นายสมศักดิ์ เจ้าพนักงานเทศกิจ",
        witnesses="นายปิยะ อินทร์แก้ว",
        owner_name=owner,
        owner_contact="0812345678",
        department=world.city_law,
        place="โรงเก็บของกลาง สำนักงานเขต",
        holder="ฝ่ายเทศกิจ",
    )


def freeze_time(day: str):
    """Bangkok 10:00 on ``day`` (a decorator or a context manager)."""
    import time_machine

    return time_machine.travel(datetime.datetime.fromisoformat(f"{day}T10:00:00+07:00"), tick=False)
