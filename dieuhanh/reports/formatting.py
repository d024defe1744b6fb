"""Numbers and dates as a Vietnamese reader expects them: 50.000 tasks, 66,7%, 14/06/2026."""

import datetime
from decimal import Decimal


def vn_int(value: int | None) -> str:
    return "0" if value is None else f"{value:,}".replace(",", ".")


def vn_decimal(value: Decimal | float | int | None, places: int = 1, empty: str = "—") -> str:
    if value is None:
        return empty
    quantum = Decimal(1).scaleb(-places)
    text = f"{Decimal(value).quantize(quantum):,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def vn_money(value: Decimal | None) -> str:
    """Triệu đồng with up to three decimals, trailing zeros dropped ("1.640", "12,5")."""
    if value is None:
        return ""
    text = vn_decimal(value, 3)
    return text.rstrip("0").rstrip(",") if "," in text else text


def vn_percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{vn_decimal(value)}%"


def vn_date(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def signing_date(place: str, day: datetime.date) -> str:
    """The place and date line of Nghị định 30/2020: days under 10 and months 1–2 get a leading 0."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
