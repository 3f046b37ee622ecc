from datetime import date, timedelta

import pytest

from talenta.competency.models import PositionStandard
from talenta.core.errors import ApplicationError
from talenta.people.models import Employee, Position
from talenta.people.services import EmployeeInput, employee_create, position_create
from tests.factories import employee, org


@pytest.fixture
def units(db):
    org("64.71.01", "BKPSDM Kota Balikpapan", "64.71")


def make(**overrides):
    base = dict(
        nip="199002152015031002",
        name="Budi Santoso",
        status="PNS",
        golongan="III/a",
        education="S1",
        unit_code="64.71.01",
        position_name="Analis SDM Aparatur Ahli Pertama",
        job_kind="Fungsional Ahli Pertama",
    )
    base.update(overrides)
    return employee_create(actor=None, data=EmployeeInput(**base))


def test_employee_is_created_with_nip_facts_and_retirement(units):
    e = make(birth_date=date(1990, 2, 15), gender="L", golongan="iii/A")
    assert (e.birth_date, e.gender, e.tmt_cpns, e.golongan) == (date(1990, 2, 15), "L", date(2015, 3, 1), "III/a")
    assert e.retirement_date == date(2048, 3, 1)  # BUP 58 for ahli pertama
    assert e.org_path == "/ID/64/64.71/64.71.01/"
    assert e.position.job_kind == "AHLI_PERTAMA"


def test_new_position_gets_the_default_standard(units):
    p = position_create(actor=None, unit_code="64.71.01", name="Kepala Bidang", job_kind="Administrator")
    levels = dict(PositionStandard.objects.filter(position=p).values_list("competency__code", "level"))
    assert len(levels) == 9 and set(levels.values()) == {3}


def test_position_with_its_own_standard(units):
    p = position_create(
        actor=None,
        unit_code="64.71.01",
        name="Kepala Badan",
        job_kind="JPT Pratama",
        standard={"INTEGRITAS": 5, "KOMUNIKASI": 4},
    )
    assert dict(PositionStandard.objects.filter(position=p).values_list("competency__code", "level")) == {
        "INTEGRITAS": 5,
        "KOMUNIKASI": 4,
    }


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"nip": "19900215201503100"}, "nip"),  # does not parse
        ({"nip": "199002302015031002"}, "nip"),  # 30 February
        ({"unit_code": "64.71.77"}, "unit"),  # unknown unit
        ({"unit_code": "64.71"}, "unit"),  # a city, not an OPD or unit
        ({"golongan": "V/a"}, "golongan"),  # unknown golongan
        ({"golongan": "IX"}, "golongan"),  # PPPK golongan for a PNS
        ({"education": "S4"}, "education"),
        ({"job_kind": "Menteri"}, "job_kind"),
        ({"status": "Honorer"}, "status"),
        ({"status": "PPPK"}, "status"),  # PNS NIP with PPPK status
        ({"tmt_jabatan": date.today() + timedelta(days=3)}, "tmt_jabatan"),  # a date in the future
        ({"birth_date": date(1990, 2, 16)}, "birth_date"),  # disagrees with the NIP
        ({"gender": "P"}, "gender"),  # disagrees with the NIP
        ({"name": "   "}, "name"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(units, overrides, field):
    before = (Employee.objects.count(), Position.objects.count())
    with pytest.raises(ApplicationError) as exc:
        make(**overrides)
    assert exc.value.field == field
    assert exc.value.message
    assert (Employee.objects.count(), Position.objects.count()) == before


def test_duplicate_nip_is_rejected(units):
    make()
    with pytest.raises(ApplicationError) as exc:
        make(name="Someone Else")
    assert exc.value.code == "duplicate" and exc.value.field == "nip"


def test_pppk_employee(units):
    e = make(
        nip="200012312024211001",
        status="PPPK",
        golongan="ix",
        job_kind="Terampil",
        position_name="Pranata Komputer Terampil",
        education="D3",
    )
    assert (e.status, e.golongan, e.tmt_cpns) == ("PPPK", "IX", date(2024, 1, 1))


def test_existing_position_with_other_job_kind_is_an_error(units):
    employee("64.71.01", position="Analis Kebijakan", job_kind="Ahli Muda")
    with pytest.raises(ApplicationError) as exc:
        employee("64.71.01", position="Analis Kebijakan", job_kind="Ahli Madya")
    assert exc.value.field == "job_kind"


def test_messages_follow_the_active_language(units):
    from django.utils import translation

    with translation.override("id"), pytest.raises(ApplicationError) as exc:
        make(nip="123")
    assert exc.value.message == "NIP harus tepat 18 digit."
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        make(nip="123")
    assert exc.value.message == "NIP must be exactly 18 digits."
