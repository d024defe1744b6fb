"""The links of the dashboard's table by unit: `and_params` on a list URL resolved once gives
the URL `tasks_url` resolves for the same parameters."""

import pytest

from dieuhanh.tasks.templatetags.tasks import and_params, tasks_url

PERIOD = {"period_start": "01/01/2026", "period_end": "31/12/2026"}


@pytest.mark.parametrize(
    ("params", "extra"),
    [
        (PERIOD, {"owner": 12}),
        (PERIOD, {"unit": 7, "status": "overdue"}),
        ({}, {"unit": 7}),
        (PERIOD, {"unit": None, "status": ""}),
        ({}, {}),
    ],
)
def test_and_params_gives_the_url_of_tasks_url(params, extra):
    assert and_params(tasks_url(params), **extra) == tasks_url(params, **extra)
