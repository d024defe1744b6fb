"""The chart embedded in the .docx: tasks by status for the units with the most tasks.

matplotlib runs on the Agg backend (no display) with DejaVu Sans, which draws
every Vietnamese letter.
"""

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from dieuhanh.reports.definitions import BY_KEY  # noqa: E402
from dieuhanh.reports.figures import UnitRow  # noqa: E402

CHART_UNITS = 12
# The status groups of the tables by unit (`reports.definitions`), which add up to the total.
COLOURS = {
    "hoan_thanh_dung_han": "#2e7d32",
    "hoan_thanh_qua_han": "#f9a825",
    "trong_han": "#1565c0",
    "qua_han": "#c62828",
    "khong_thoi_han": "#90a4ae",
    "tam_hoan": "#d7ccc8",
}
SERIES = [(BY_KEY[key].label, colour, BY_KEY[key].of_rates) for key, colour in COLOURS.items()]


def _short(name: str, width: int = 34) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def status_chart(rows: list[UnitRow], title: str) -> bytes:
    """A horizontal stacked bar per unit (the units with the most tasks), as PNG bytes."""
    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        return _draw(rows, title)


def _draw(rows: list[UnitRow], title: str) -> bytes:
    top = sorted(rows, key=lambda r: (-r.rates.total, r.name))[:CHART_UNITS]
    top.reverse()
    fig = Figure(figsize=(6.3, 0.38 * max(len(top), 3) + 1.4), dpi=130)
    ax = fig.subplots()
    names = [_short(r.name) for r in top]
    left = [0] * len(top)
    for label, colour, value in SERIES:
        values = [value(r.rates) for r in top]
        ax.barh(names, values, left=left, color=colour, label=label, height=0.6)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("Số nhiệm vụ", fontsize=8)
    ax.tick_params(labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(loc="lower center", ncol=3, fontsize=7, frameon=False)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    out = io.BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()
