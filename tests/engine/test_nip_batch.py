"""The column-wise NIP parser agrees with parse_nip on every string it accepts, and accepts the usual ones."""

from datetime import date

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from talenta.engine.nip import NipError, make_nip, parse_nip, parse_nips

TODAY = date(2026, 11, 28)


def agree(nips):
    batch = parse_nips(nips, today=TODAY)
    for j, s in enumerate(nips):
        try:
            info = parse_nip(s, today=TODAY)
        except NipError:
            info = None
        if batch.ok[j]:
            assert info is not None, s
            assert batch.birth[j].astype(object) == info.birth_date
            assert batch.tmt[j].astype(object) == info.tmt
            assert bool(batch.female[j]) == (info.gender == "P")
            assert bool(batch.pppk[j]) == (info.kind == "PPPK")
        elif s.isascii() and len(s) == 18:
            assert info is None, s  # an 18-character ASCII string it refuses is refused one by one too
    return batch


digits = st.text(alphabet="0123456789", min_size=18, max_size=18)
dated = st.builds(
    lambda b, t, g, seq, r: make_nip(birth_date=b, tmt=t, gender=g, sequence=seq, pppk_round=r),
    st.dates(date(1890, 1, 1), date(2030, 12, 31)),
    st.dates(date(1930, 1, 1), date(2030, 12, 31)),
    st.sampled_from("LP"),
    st.integers(0, 999),
    st.one_of(st.none(), st.integers(0, 9)),
)


@settings(max_examples=300)
@given(st.lists(st.one_of(digits, dated, st.text(max_size=20)), max_size=40))
def test_agrees_with_parse_nip(nips):
    agree(nips)


def test_valid_and_invalid_examples():
    nips = [
        "199003152015032001",  # PNS, female
        "198501012010011002",  # PNS, male (TMT January)
        "199505052021" + "2" + "3" + "1" + "004",  # PPPK round 3, male
        "199002302015031001",  # 30 February
        "200801012010011001",  # under 18 at the TMT
        "203001012050011001",  # born in the future
        "19900315201503200",  # 17 digits
        "19900315201503200X",
        "١٩٩٠٠٣١٥٢٠١٥٠٣٢٠٠١",  # Arabic-Indic digits: left to parse_nip
    ]
    batch = agree(nips)
    assert batch.ok.tolist() == [True, True, True, False, False, False, False, False, False]
    assert batch.birth[0] == np.datetime64("1990-03-15") and batch.tmt[1] == np.datetime64("2010-01-01")
    assert batch.pppk.tolist()[:3] == [False, False, True] and batch.female.tolist()[:3] == [True, False, False]
