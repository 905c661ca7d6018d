"""Statistics of corruption complaints: right counts, no small count shown or recoverable, PDF and XLSX, and
the OIT items fed through the provider interface."""

import datetime
import io
import itertools
import zoneinfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from prongsai.integrity import services, statistics
from prongsai.integrity.models import Complaint
from prongsai.integrity.statistics import SECONDARY, SMALL, TOTAL, suppress

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
ON = datetime.date(2023, 9, 30)


# --- suppression, pure -------------------------------------------------------------------------------------


def _grid(rows: list[list[int]]):
    """A table of cells with row totals, column totals and a grand total, and its sums."""
    values = {}
    r_keys = [f"r{i}" for i in range(len(rows))]
    c_keys = [f"c{j}" for j in range(len(rows[0]))]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            values[(r_keys[i], c_keys[j])] = v
        values[(r_keys[i], TOTAL)] = sum(row)
    for j, c in enumerate(c_keys):
        values[(TOTAL, c)] = sum(row[j] for row in rows)
    values[(TOTAL, TOTAL)] = sum(map(sum, rows))
    sums = [([(r, c) for c in c_keys], (r, TOTAL)) for r in [*r_keys, TOTAL]]
    sums += [([(r, c) for r in r_keys], (TOTAL, c)) for c in [*c_keys, TOTAL]]
    return values, sums


def _feasible(values, hidden, cells, total, cell):
    """Every value the hidden cell can take given what one sum shows (brute force over small tables). A "*"
    may be any count: the reader does not know a hidden total either, so its range is not the real one."""
    members = [c for c in [*cells, total] if c in hidden]
    ranges = [range(1, 3) if hidden[c] == SMALL else range(0, 40) for c in members]
    found = set()
    for combo in itertools.product(*ranges):
        trial = {**values, **dict(zip(members, combo, strict=True))}
        if sum(trial[c] for c in cells) == trial[total]:
            found.add(trial[cell])
    return found


def test_one_small_count_in_a_row_takes_a_second_cell_with_it():
    values, sums = _grid([[5, 1, 7], [6, 4, 9], [8, 5, 3]])
    hidden = suppress(values, sums)
    assert hidden[("r0", "c1")] == SMALL
    assert sum(1 for c in hidden if c[0] == "r0") >= 2  # the row's total does not give it away
    assert sum(1 for c in hidden if c[1] == "c1") >= 2  # nor the column's


def test_two_small_counts_adding_to_two_are_not_left_alone():
    values, sums = _grid([[1, 1, 9], [4, 6, 9], [7, 5, 3]])
    hidden = suppress(values, sums)
    assert len([c for c in hidden if c[0] == "r0"]) >= 3


def test_zeros_stay_visible_and_a_table_without_small_counts_is_untouched():
    values, sums = _grid([[0, 5, 7], [6, 0, 9]])
    assert suppress(values, sums) == {}


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 3).flatmap(
        lambda w: st.lists(st.lists(st.integers(0, 4), min_size=w, max_size=w), min_size=2, max_size=3)
    )
)
def test_no_hidden_small_count_can_be_worked_out_from_the_totals(rows):
    values, sums = _grid(rows)
    hidden = suppress(values, sums)
    assert not any(1 <= values[c] <= 2 for c in values if c not in hidden)
    for cells, total in sums:
        if hidden.get(total) == SMALL:
            continue  # a total below 3 already says what its parts can be
        for cell in cells:
            if hidden.get(cell) == SMALL and len([c for c in [*cells, total] if c in hidden]) <= 3:
                assert len(_feasible(values, hidden, cells, total, cell)) >= 2, (rows, cell, hidden)


# --- the year's figures ------------------------------------------------------------------------------------


def _at(day: str, hour=10):
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=BANGKOK)


PLAN = [  # (day, channel, category, final state)
    *[("2022-10-03", "web", "bribery", "received")] * 4,
    ("2022-10-20", "letter", "bribery", "received"),
    ("2022-11-30", "web", "procurement", "screening"),  # 23:30 in Bangkok would still be November
    *[("2022-12-05", "phone", "abuse", "screening")] * 3,
    *[("2023-01-09", "web", "bribery", "received")] * 5,
    ("2023-03-01", "email", "other", "received"),
]


@pytest.fixture
def year_of_complaints(world):
    services.channel_settings_save(actor=world.coordinator, agency=world.agency, phone="สายด่วน ๑๕๕๕")
    for day, channel, category, state in PLAN:
        complaint, _c, _p = services.complaint_submit(
            agency=world.agency,
            category=category,
            department=None,
            what="x",
            with_receipt=False,
            channel=channel,
            received_at=_at(day, 23 if day == "2022-11-30" else 10),
        )
        if state == "screening":
            services.complaint_move(actor=world.complaint_handler, complaint=complaint, to_state="screening")
    services.complaint_submit(
        agency=world.other,
        category="bribery",
        department=None,
        what="x",
        with_receipt=False,
        received_at=_at("2022-10-03"),
    )
    services.complaint_submit(
        agency=world.agency,
        category="bribery",
        department=None,
        what="x",
        with_receipt=False,
        received_at=_at("2023-10-02"),
    )
    return world


def _independent(agency):
    """Counts computed directly from the rows, in Bangkok time, without the module's code."""
    counts = {}
    for c in Complaint.objects.filter(agency=agency):
        local = c.received_at.astimezone(BANGKOK)
        if not (datetime.date(2022, 10, 1) <= local.date() <= datetime.date(2023, 9, 30)):
            continue
        month = f"{local.year:04d}-{local.month:02d}"
        for key in (f"channel:{c.channel}", f"category:{c.category}", f"state:{c.state}", TOTAL):
            for row in (month, TOTAL):
                counts[(row, key)] = counts.get((row, key), 0) + 1
    return counts


@pytest.mark.django_db
def test_the_figures_match_an_independent_count_and_hide_small_ones(year_of_complaints):
    world = year_of_complaints
    stats = statistics.year_statistics(world.agency, 2566, on=ON)
    expected = _independent(world.agency)
    assert len(stats.months) == 12 and stats.period_start == datetime.date(2022, 10, 1)
    for cell, value in stats.values.items():
        assert value == expected.get(cell, 0), cell
        shown = stats.shown(*cell)
        if 1 <= value <= 2:
            assert shown == SMALL
        else:
            assert shown in (value, SECONDARY)
    assert stats.shown(TOTAL, TOTAL) == 15
    assert stats.shown("2022-10", "channel:letter") == SMALL


@pytest.mark.django_db
def test_the_statistics_are_downloadable_as_pdf_and_xlsx_without_small_counts(year_of_complaints, client):
    base = "/pathumwan/complaints/statistics/2566"
    page = client.get(f"{base}/")
    assert page.status_code == 200 and "&lt;3" in page.content.decode()
    pdf = client.get(f"{base}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Disposition"].startswith("attachment")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "<3" in text and "2566" in text
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(f"{base}.xlsx").content)).active
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "<3" in cells and 15 in cells and not any(v in (1, 2) for v in cells if isinstance(v, int))
    assert client.get(f"{base}.docm").status_code == 404
    assert client.get("/pathumwan/complaints/statistics/2499/").status_code == 404
    assert client.get("/pathumwan/complaints/statistics/2999/").status_code == 404


@pytest.mark.django_db
def test_the_api_gives_the_same_suppressed_figures(year_of_complaints, client):
    data = client.get("/api/v1/agencies/pathumwan/complaints/statistics/2566").json()
    rows = {r["month"]: r["cells"] for r in data["rows"]}
    assert rows["total"]["total"] == 15 and rows["2022-10"]["channel:letter"] == SMALL


@pytest.mark.django_db
def test_the_statistics_feed_o22_with_the_months_they_cover(year_of_complaints):
    from prongsai.disclosure import services as disclosure_services
    from prongsai.disclosure.models import Catalogue
    from prongsai.integrity import public

    disclosure_services.catalogues_load_shipped()
    item = Catalogue.objects.get(scheme="bangkok-district", year=2566).items.get(code="o22")
    entries = public.ITEMS["complaint_statistics"](year_of_complaints.agency, item)
    assert {fmt for e in entries for fmt in e.formats} == {"page", "pdf", "xlsx"}
    assert all(e.period_start == datetime.date(2022, 10, 1) for e in entries)
    assert all(e.period_end == datetime.date(2023, 9, 30) for e in entries)
    channels = public.ITEMS["complaint_channels"](year_of_complaints.agency, item)
    assert any(e.url == "/pathumwan/complaints/new/" for e in channels)


@pytest.mark.django_db
def test_the_readiness_board_finds_o22_ready_from_the_generated_entries(year_of_complaints):
    from prongsai.disclosure import readiness, selectors
    from prongsai.disclosure import services as disclosure_services
    from prongsai.disclosure.models import Catalogue

    disclosure_services.catalogues_load_shipped()
    catalogue = Catalogue.objects.get(scheme="bangkok-district", year=2566)
    disclosure_services.catalogue_adopt(
        actor=year_of_complaints.coordinator, agency=year_of_complaints.agency, catalogue=catalogue
    )
    view = next(v for v in selectors.item_views(year_of_complaints.agency, catalogue) if v.item.code == "o22")
    result = readiness.item_readiness(year_of_complaints.agency, view, now=_at("2023-04-19"))
    assert result.check("period").passed and result.check("formats").passed, result.problems
    assert result.ready, result.problems


@pytest.mark.django_db
def test_the_statistics_page_costs_the_same_queries_for_few_and_many_complaints(world, client):
    def run():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/pathumwan/complaints/statistics/2566/").status_code == 200
        return len(queries)

    services.complaint_submit(
        agency=world.agency,
        category="bribery",
        department=None,
        what="x",
        with_receipt=False,
        received_at=_at("2022-10-03"),
    )
    few = run()
    for day in range(1, 25):
        services.complaint_submit(
            agency=world.agency,
            category="abuse",
            department=None,
            what="x",
            with_receipt=False,
            received_at=_at(f"2023-02-{day:02d}"),
        )
    assert run() == few
