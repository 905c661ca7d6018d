import io

import pytest

from prongsai.agencies.tests.factories import DepartmentFactory
from prongsai.datasets.apps import DatasetsConfig
from prongsai.datasets.models import Dataset, DatasetRow

pytestmark = pytest.mark.django_db


def test_the_demo_loads_three_sample_datasets_of_o12_once(world):
    for code, name in [("revenue", "ฝ่ายรายได้"), ("city-law", "ฝ่ายเทศกิจ")]:
        DepartmentFactory(agency=world.agency, code=code, name=name)
    from django.apps import apps

    config: DatasetsConfig = apps.get_app_config("datasets")
    config.load_demo(world.agency, stdout=io.StringIO())
    config.load_demo(world.agency, stdout=io.StringIO())
    datasets = Dataset.objects.for_agency(world.agency)
    assert datasets.count() == 3
    assert all(
        d.is_published and d.disclosure_item_code == "o12" and "ข้อมูลตัวอย่าง" in d.description for d in datasets
    )
    assert set(DatasetRow.objects.values_list("period", flat=True).distinct().order_by()) and (
        DatasetRow.objects.values("period").distinct().count() == 6
    )
