from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talenta.engine.nip import NipError, make_nip, parse_nip

TODAY = date(2026, 11, 27)


def test_pns_worked_example():
    info = parse_nip("199002152015031002", today=TODAY)
    assert (info.kind, info.birth_date, info.tmt, info.gender, info.sequence) == (
        "PNS",
        date(1990, 2, 15),
        date(2015, 3, 1),
        "L",
        2,
    )


def test_pppk_worked_example():
    info = parse_nip("200012312024211001", today=TODAY)
    assert (info.kind, info.birth_date, info.tmt.year, info.pppk_round, info.gender, info.sequence) == (
        "PPPK",
        date(2000, 12, 31),
        2024,
        1,
        "L",
        1,
    )


@pytest.mark.parametrize(
    "nip, part",
    [
        ("19900215201503100", "length"),  # 17 digits
        ("1990021520150310021", "length"),  # 19 digits
        ("19900215201503100A", "length"),  # not all digits
        ("199002302015031002", "birth_date"),  # 30 February
        ("199013152015031002", "birth_date"),  # month 13
        ("199002152015131002", "tmt"),  # TMT month 13
        ("199002152015033002", "gender"),  # gender digit 3
        ("200012312024201001", "round"),  # PPPK round 0
        ("200502152015031002", "age"),  # 10 years old at TMT
        ("199002152027031002", "future"),  # TMT after today
        ("202712012045031002", "future"),  # born in the future
    ],
)
def test_bad_nip_names_the_wrong_part(nip, part):
    with pytest.raises(NipError) as exc:
        parse_nip(nip, today=TODAY)
    assert exc.value.part == part


def test_spaces_are_ignored_but_nothing_else_is_fixed():
    assert parse_nip(" 19900215 201503 1 002 ", today=TODAY).nip == "199002152015031002"
    with pytest.raises(NipError):
        parse_nip("1.99002E+17", today=TODAY)  # an Excel number that lost digits


@given(
    birth=st.dates(min_value=date(1950, 1, 1), max_value=date(2000, 12, 31)),
    age_at_tmt=st.integers(min_value=18, max_value=40),
    month=st.integers(min_value=1, max_value=12),
    gender=st.sampled_from("LP"),
    seq=st.integers(min_value=0, max_value=999),
    pppk_round=st.one_of(st.none(), st.integers(min_value=1, max_value=9)),
)
def test_make_then_parse_round_trips(birth, age_at_tmt, month, gender, seq, pppk_round):
    year = birth.year + age_at_tmt + 1
    if pppk_round is not None:
        year = max(year, 2000)
    if year > TODAY.year:
        return
    tmt = date(year, month, 1) if pppk_round is None else date(year, 1, 1)
    if pppk_round is None and tmt > TODAY:
        return
    nip = make_nip(birth_date=birth, tmt=tmt, gender=gender, sequence=seq, pppk_round=pppk_round)
    info = parse_nip(nip, today=TODAY)
    assert len(nip) == 18
    assert (info.birth_date, info.tmt, info.gender, info.sequence) == (birth, tmt, gender, seq)
    assert info.kind == ("PNS" if pppk_round is None else "PPPK")
