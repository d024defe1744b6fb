"""Bad input from the address bar or a form: a Vietnamese 400, never a 500.

Pages that filter by the query string render themselves with the form's
errors and status 400 (`query_status`); downloads and redirects that cannot
show a form raise `BadInput`, which Django turns into the 400 page
(`handler400` in dieuhanh/urls.py) with the message.
"""

from django.core.exceptions import BadRequest
from django.shortcuts import render


class BadInput(BadRequest):
    """A request parameter that cannot be used; the message is in Vietnamese and shown as is."""


def query_status(form) -> int:
    """400 when a query string was given and does not validate (the page shows why), else 200."""
    return 400 if form.is_bound and not form.is_valid() else 200


def errors_text(form) -> str:
    """Every error of a form in one line: "Đơn vị: Hãy chọn một lựa chọn hợp lệ. ..."."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label or name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors))
    return " ".join(parts)


def require_valid(form) -> dict:
    """The form's cleaned data; BadInput (a 400 page) when the parameters are wrong."""
    if not form.is_valid():
        raise BadInput(f"Tham số không hợp lệ. {errors_text(form)}")
    return form.cleaned_data


def bad_request(request, exception=None):
    """Django's handler400: the message of a BadInput, a general sentence for anything else."""
    message = str(exception) if isinstance(exception, BadInput) else ""
    return render(request, "400.html", {"message": message}, status=400)
