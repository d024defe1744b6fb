"""Template helpers of the evaluation pages: points as printed, bands as badges."""

from django import template
from django.utils.html import format_html

from dieuhanh.evaluation.constants import BAND_EXCELLENT, BAND_FAIL, BAND_GOOD, BAND_PASS, SHORT_BANDS
from dieuhanh.evaluation.presentation import vn_points

register = template.Library()

BAND_CLASSES = {
    BAND_EXCELLENT: "band-excellent",
    BAND_GOOD: "band-good",
    BAND_PASS: "band-pass",
    BAND_FAIL: "band-fail",
}


@register.filter
def points(value) -> str:
    return vn_points(value)


@register.simple_tag
def band_badge(band: str, short: bool = False):
    return format_html(
        '<span class="badge {}" data-band="{}">{}</span>',
        BAND_CLASSES.get(band, "band-none"),
        band,
        SHORT_BANDS.get(band, band) if short else band,
    )
