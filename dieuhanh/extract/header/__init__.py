"""The header and closing of a directive (Nghị định 30/2020 layout), read as plain text.

Header: issuing body (and its parent), "Số: 1087/UBND-VHXH", place and date, document type
(title line or "V/v" layout), subject (trích yếu), "Kính gửi" list, secrecy/urgency stamps.
Closing: "Nơi nhận" list and the signature block (TM./KT., title, name).

Text from converters keeps light markup (``**bold**``, table pipes, rule lines), broken lines
and blank lines inside phrases; rules run over a copy where markup is blanked with spaces, so
every offset still points into the original text. Each value comes with a Vietnamese reason.

The modules, in the order ``parse_header`` (parse.py) uses them:
- caps: headings whose capitals were lost in a TCVN3 conversion are put back in capitals;
- page_info: the page-info block of a crawled page ("Số hiệu:", "Nơi ban hành:" ...);
- anchors: where the header block is (Quốc hiệu, Party heading, "Số:", a title, "Kính gửi");
- top: one walk over the header block's lines, handing each to its rule: numbers (number,
  symbol, appendix caption), place_date, subject, recipients, issuer lines;
- signature: the closing ("Nơi nhận" and the signature block);
- issuer: the issuer as shown, and where to find it when the header lost it;
- recase: a subject printed in capitals takes the capitals the document gives its words.
model holds the dataclasses, text the line helpers, vocabulary the shared words.
"""

from dieuhanh.extract.header.model import Header
from dieuhanh.extract.header.parse import parse_header

__all__ = ["Header", "parse_header"]
