import factory
from django.contrib.auth import get_user_model

from prongsai.agencies.models import Agency, Department, Membership, Role


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"สำนักงานเขตทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test District Office {n}")
    kind = Agency.Kind.DISTRICT_OFFICE
    parent_name = "กรุงเทพมหานคร"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.Sequence(lambda n: f"ฝ่ายทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Department {n}")
    order = factory.Sequence(lambda n: n)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


def member(agency, role: str, *departments, username: str | None = None):
    user = UserFactory(username=username) if username else UserFactory()
    membership = Membership.objects.create(user=user, agency=agency, role=role)
    membership.departments.add(*departments)
    return user


__all__ = ["AgencyFactory", "DepartmentFactory", "Role", "UserFactory", "member"]
