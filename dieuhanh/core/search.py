"""Search without diacritics: fold a text column in SQL the way `dieuhanh.vn.fold.fold` folds the query.

SQLite gets `fold` itself as a SQL function on the connection; PostgreSQL
translates every accented Vietnamese letter (and đ) with TRANSLATE, so no
extension (unaccent) is needed.
"""

from functools import reduce
from operator import and_, or_

from django.db.models import CharField, Func, Q

from dieuhanh.vn.fold import fold, fold_char


def _translation_table() -> tuple[str, str]:
    source, target = [], []
    for code in range(0xC0, 0x1EFA):
        ch = chr(code)
        if not ch.isalpha():
            continue
        folded = fold_char(ch)
        if folded != ch and folded.isascii() and folded.isalpha():
            source.append(ch)
            target.append(folded)
    return "".join(source), "".join(target)


_SOURCE, _TARGET = _translation_table()


def _sql_fold(value):
    return None if value is None else fold(value)


class Folded(Func):
    """The folded (lower-case, no diacritics, đ → d) text of a column."""

    arity = 1
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        connection.ensure_connection()
        connection.connection.create_function("dieuhanh_fold", 1, _sql_fold, deterministic=True)
        return self.as_sql(compiler, connection, function="dieuhanh_fold", **extra)

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"LOWER(TRANSLATE({sql}, %s, %s))", [*params, _SOURCE, _TARGET]


def folded_search(queryset, fields: list[str], text: str):
    """Rows where every word of `text` appears, folded, in one of `fields`."""
    words = fold(text or "").split()
    if not words:
        return queryset
    aliases = {f"_folded_{i}": Folded(name) for i, name in enumerate(fields)}
    queryset = queryset.alias(**aliases)
    conditions = [reduce(or_, (Q(**{f"{alias}__contains": word}) for alias in aliases)) for word in words]
    return queryset.filter(reduce(and_, conditions))
