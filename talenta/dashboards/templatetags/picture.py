"""``{% load picture %}``: the cells of the picture's table, each a figure with a bar scaled to the column's
largest value (drawn by CSS from a width, server-side: no chart script)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from talenta.core.formats import angka, persen
from talenta.dashboards.picture import COLUMNS

register = template.Library()


@register.simple_tag
def bar_cell(row, column: str, maxima: dict, kind: str = "number", decimals: int = 0):
    value = COLUMNS[column](row)
    if value is None:
        return mark_safe('<td class="num muted">–</td>')  # noqa: S308 (a constant)
    top = maxima.get(column) or 0
    width = 0 if not top else max(2, round(100 * value / top))
    text = persen(value, decimals or 1) if kind == "share" else angka(value, decimals)
    return format_html(
        '<td class="num"><span class="cellbar"><span style="width:{}%"></span></span> {}</td>', width, text
    )
