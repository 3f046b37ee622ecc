from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talenta.imports.cells import (
    CellError,
    key_text,
    norm_header,
    parse_date,
    parse_decimal,
    parse_int,
    parse_nip_cell,
    parse_rupiah,
    parse_yes_no,
    split_list,
    text,
    texts,
)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("NIP BARU", "NIP_BARU"),
        ("  tgl. lahir ", "TGL_LAHIR"),
        ("Kode_Unit", "KODE_UNIT"),
        ("jenis-jabatan", "JENIS_JABATAN"),
    ],
)
def test_headers_ignore_case_spaces_underscores_and_dots(raw, expected):
    assert norm_header(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        (date(2024, 1, 31), date(2024, 1, 31)),
        (datetime(2024, 1, 31, 0, 0), date(2024, 1, 31)),
        ("2024-01-31", date(2024, 1, 31)),
        ("31-01-2024", date(2024, 1, 31)),
        ("31/01/2024", date(2024, 1, 31)),
        ("1/2/2024", date(2024, 2, 1)),
        ("31 Januari 2024", date(2024, 1, 31)),
        ("17 Agustus 1990", date(1990, 8, 17)),
        (45322, date(2024, 1, 31)),
        ("", None),
        (None, None),
    ],
)
def test_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31-02-2024", "2024/31/01", "kemarin", "32/01/2024", 123456789])
def test_bad_dates(raw):
    with pytest.raises(CellError):
        parse_date(raw)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (1500000, 1500000),
        ("1500000", 1500000),
        ("1.500.000", 1500000),
        ("Rp 1.500.000,00", 1500000),
        ("1,500,000", 1500000),
        ("Rp. 250.000", 250000),
        (2.5e9, 2500000000),
    ],
)
def test_rupiah(raw, expected):
    assert parse_rupiah(raw) == expected


@pytest.mark.parametrize("raw", ["satu juta", "-5", "1.5", 12.5])
def test_bad_rupiah(raw):
    with pytest.raises(CellError):
        parse_rupiah(raw)


@pytest.mark.parametrize(
    "raw", [199002152015031002, 1.99002152015031e17, "1.99002E+17", "1,99002E+17", "199002152015031002.0"]
)
def test_nip_stored_as_a_number_is_refused_with_advice(raw):
    with pytest.raises(CellError) as exc:
        parse_nip_cell(raw)
    assert "text" in exc.value.message


def test_nip_text_is_kept():
    assert parse_nip_cell(" 199002152015031002 ") == "199002152015031002"
    assert parse_nip_cell("'199002152015031002") == "199002152015031002"


def test_numbers_and_flags():
    assert parse_decimal("85,5") == Decimal("85.5")
    assert parse_int("12") == 12
    with pytest.raises(CellError):
        parse_decimal("101", lo=0, hi=100)
    with pytest.raises(CellError, match=r"^7 is outside 1-5\.$"):  # a spreadsheet's 7 is read as 7.0
        parse_int(7.0, lo=1, hi=5)
    with pytest.raises(CellError):
        parse_int("2.5")
    assert parse_yes_no("ya") is True and parse_yes_no("N") is False and parse_yes_no("") is False
    with pytest.raises(CellError):
        parse_yes_no("mungkin")
    assert split_list("A; B, C\nD") == ["A", "B", "C", "D"]


def test_map_distinct_parses_each_value_once_and_keeps_equal_values_of_other_types_apart():
    from talenta.imports.cells import INVALID, map_distinct, parse_date, text

    calls = []

    def parse(value):
        calls.append(value)
        return parse_date(value)

    out = map_distinct(parse, ["2024-01-31", "2024-01-31", None, "nanti", "2024-01-31"])
    assert out == [date(2024, 1, 31), date(2024, 1, 31), None, INVALID, date(2024, 1, 31)]
    assert calls == ["2024-01-31", None, "nanti"]
    assert map_distinct(text, [1, True, 1.0, "1"]) == ["1", "True", "1", "1"]


_CELL = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from(list("ab1 \t\n\u00a0\u2003\x00.")), max_size=8),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False),
)


@given(st.lists(_CELL, max_size=12), st.booleans())
def test_texts_of_a_column_equal_text_of_each_cell(cells, stripped):
    if stripped:  # what the import hands over: strings stripped
        cells = [x.strip() if isinstance(x, str) else x for x in cells]
    assert texts(cells) == [text(x) for x in cells]


@given(_CELL)
def test_key_text_is_the_upper_case_text_without_spaces(cell):
    assert key_text(cell) == text(cell).upper().replace(" ", "")
