"""argparse's own messages in Vietnamese, for every `dieuhanh` command.

argparse looks its messages up through `gettext` at the moment it writes them (a missing
argument, an unknown choice, the usage line, the help's headings); Django's management commands
and `dieuhanh extract` are all argparse parsers, so replacing its two lookup functions once, before
any command runs, puts a clerk's mistyped command in Vietnamese everywhere. A message not listed
here is left in English rather than guessed.
"""

import argparse

MESSAGES = {
    "usage: ": "Cách dùng: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không có: %(value)r (chọn một trong: %(choices)s)",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ (%(type)s): %(value)r",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn chưa rõ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị: %r",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "positional arguments": "tham số",
    "options": "tùy chọn",
}

PLURAL_MESSAGES = {
    "expected %s argument": "cần %s giá trị",
}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    if singular in PLURAL_MESSAGES:
        return PLURAL_MESSAGES[singular]
    return singular if n == 1 else plural


def install() -> None:
    argparse._ = translate
    argparse.ngettext = translate_plural
