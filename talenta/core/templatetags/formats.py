"""``{% load formats %}``: the Indonesian formats of :mod:`talenta.core.formats` as template filters."""

from django import template

from talenta.core import formats

register = template.Library()
register.filter("rupiah", formats.rupiah)
register.filter("tanggal", formats.tanggal)


@register.filter
def angka(value, decimals=0):
    return formats.angka(value, int(decimals))


@register.filter
def persen(value, decimals=1):
    return formats.persen(value, int(decimals))


@register.filter
def name_of(code, names):
    """``{{ code|name_of:names }}``: the name a dict gives a code (a competency, an OPD), else the code."""
    return names.get(code, code) if hasattr(names, "get") else code


@register.filter
def count_in(code, counts):
    """``{{ code|count_in:counts }}``: how many a dict counts for a code (0 when it has none)."""
    return counts.get(code, 0) if hasattr(counts, "get") else 0
