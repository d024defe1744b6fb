"""The evaluation's part of the authorization matrix: June 2026 opened in commune A, one sheet per
official at a different step, each sheet's self-assessment carrying a marker.

    member (lead unit)  — draft, two products: T_OWN and T_SECRET (named on the secret document)
    head (police)       — sent to the leader (the commune leader reviews a unit head)
    tracker (the office) — reviewed, waiting for the commune leader's approval

The confidential product must show its text to the tracker and the member only (`task_secret`).
"""

from decimal import Decimal

import time_machine
from django.urls import reverse

from dieuhanh.evaluation.models import Sheet
from dieuhanh.evaluation.services import cycle
from dieuhanh.evaluation.services.periods import open_period

# marker label → the roles that may see it (merged into matrix_world.AUDIENCE)
EVALUATION_AUDIENCE = {
    "sheet_member": {"admin", "province_leader", "commune_leader", "tracker", "viewer", "member"},
    "sheet_head": {"admin", "province_leader", "commune_leader", "tracker", "viewer", "head"},
    "sheet_tracker": {"admin", "province_leader", "commune_leader", "tracker", "viewer"},
}
SHEET_ACTIONS = ("tu-danh-gia", "danh-gia", "phe-duyet", "tra-lai", "cap-nhat-san-pham")


def build_evaluation(w, markers: dict, now: str) -> None:
    people, tasks = w.people, w.tasks
    tasks["own"].assignees.add(people["member"])
    tasks["secret"].assignees.add(people["member"])
    with time_machine.travel(now, tick=False):
        period, _ = open_period(w.units["a"], people["tracker"], year=2026, number=6)
        sheets = {
            who: Sheet.objects.get(period=period, person=people[who]) for who in ("member", "head", "tracker")
        }
        for who, sheet in sheets.items():
            cycle.self_assess(
                sheet,
                people[who],
                general=Decimal(25),
                notes=f"Tự nhận xét {markers[f'sheet_{who}']}",
                entries={},
                submit=who != "member",
            )
        cycle.review(
            sheets["tracker"],
            people["commune_leader"],
            general=Decimal(25),
            comment="Hoàn thành tốt",
            discipline="",
            entries={},
            submit=True,
        )
    w.extra["period"] = period
    w.extra["sheets"] = sheets


def _sheets(w, **extra):
    return [{"pk": sheet.pk, **extra, "_about": "own"} for sheet in w.extra["sheets"].values()]


EVALUATION_ARGS = {
    "evaluation:period": lambda w: [{"pk": w.extra["period"].pk}],
    "evaluation:period_summary_file": lambda w: [{"pk": w.extra["period"].pk}],
    "evaluation:period_export": lambda w: [
        {"pk": w.extra["period"].pk, "fmt": fmt} for fmt in ("xlsx", "csv")
    ],
    "evaluation:sheet": lambda w: _sheets(w),
    "evaluation:sheet_file": lambda w: [case for fmt in ("docx", "xlsx") for case in _sheets(w, fmt=fmt)],
    "evaluation:sheet_action": lambda w: [
        case for action in SHEET_ACTIONS for case in _sheets(w, action=action)
    ],
    "evaluation:year": lambda w: [{"year": 2026}],
    "evaluation:year_file": lambda w: [{"year": 2026}],
}


def _step(who: str, action: str, data: dict):
    def steps(w):
        return [(reverse("evaluation:sheet_action", args=[w.extra["sheets"][who].pk, action]), data)]

    return steps


def evaluation_writes(write_class) -> list:
    """The evaluation's valid posts, each with the role allowed to make it."""
    return [
        write_class(
            "evaluation:open_period",
            lambda w: [
                (
                    reverse("evaluation:open_period"),
                    {"organisation": w.units["a"].pk, "year": "2026", "number": "5"},
                )
            ],
            "tracker",
        ),
        write_class(
            "evaluation: self-assessment",
            _step("member", "tu-danh-gia", {"general": "27,5", "notes": "Hoàn thành nhiệm vụ", "gui": "1"}),
            "member",
        ),
        write_class(
            "evaluation: review",
            _step("head", "danh-gia", {"general": "26", "comment": "Đạt", "discipline": "", "gui": "1"}),
            "commune_leader",
        ),
        write_class(
            "evaluation: return", _step("head", "tra-lai", {"reason": "Bổ sung minh chứng"}), "commune_leader"
        ),
        write_class(
            "evaluation: approval",
            _step("tracker", "phe-duyet", {"note": "Đồng ý", "confirm_quota": "on"}),
            "commune_leader",
        ),
    ]
