"""What a report page shows of a `ReportFigures`: the texts the .docx prints, table for table."""

from dieuhanh.reports.definitions import figure_tables
from dieuhanh.reports.figures import ReportFigures
from dieuhanh.reports.summary_text import summary_paragraphs


def figures_context(f: ReportFigures) -> dict:
    """The context of templates/reports/_figures.html."""
    rankings = []
    if f.rankings is not None:
        rankings = [(f"Xếp loại theo {f.rankings.unit_label.lower()}", f.rankings.units)]
        if f.rankings.people:
            rankings.append(("Xếp loại cá nhân được giao nhiệm vụ", f.rankings.people))
    return {
        "figures": f,
        "summary": summary_paragraphs(f),
        "tables": figure_tables(f),
        "ranking_tables": rankings,
    }
