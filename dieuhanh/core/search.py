"""Search the way officials name things: folded text, whole words, phrases, ranked.

Two ways live here:
- `folded_search`: every word of the query appears, folded, inside one of a few columns (a
  substring test, for a field filter such as the issuer).
- `full_text_search`: the database's own full-text search over a stored folded column
  (`SearchIndex`): SQLite FTS5 through an external-content table kept in sync by triggers,
  PostgreSQL a stored generated tsvector of the same column with a GIN index. The stored text and the query are
  folded the same way (`search_key`: lower case, no diacritics, đ → d, only [a-z0-9] words), so
  both databases see the same words and give the same rows.

A query is a list of phrases, all required: "quoted words" are one phrase, and so is a bare word
that folds to several words ("165/KH-UBND" → 165 kh ubnd, in that order, side by side).
"""

import re
from functools import reduce
from operator import and_, or_

from django.db import connections, migrations, models
from django.db.models import CharField, Func, Q

from dieuhanh.vn.fold import fold, fold_char, fold_key

# 'simple': no stemming and no stop words, so PostgreSQL keeps every word as FTS5 does.
TS_CONFIG = "simple"
# PostgreSQL's stored tsvector of `folded` (a column only PostgreSQL has; Django never writes it).
VECTOR = "folded_tsv"
# Where the words of the whole query stand side by side, that row ranks above any row where they
# are scattered ("dân số" before "hướng dẫn … số").
_PHRASE_BONUS = 1000
_QUOTED_OR_WORD = re.compile(r'"([^"]*)"?|(\S+)')
_QUOTES = str.maketrans("“”„«»", '"""""')


def search_key(*parts: str) -> str:
    """The folded words of `parts`, as stored in a search index and matched by a query."""
    return fold_key(" ".join(p for p in parts if p))


def parse_query(text: str) -> list[tuple[str, ...]]:
    """The phrases of a query, each the folded words that must stand side by side."""
    phrases = []
    for quoted, bare in _QUOTED_OR_WORD.findall((text or "").translate(_QUOTES)):
        words = tuple(search_key(quoted or bare).split())
        if words and words not in phrases:
            phrases.append(words)
    return phrases


class SearchIndex(models.Model):
    """The folded words of one row, for full-text search. Each concrete index is a one-to-one
    primary key to the row it describes, and its migration runs `full_text_operations`."""

    folded = models.TextField("nội dung tìm kiếm (không dấu)")

    class Meta:
        abstract = True


def _fts_table(index_table: str) -> str:
    return f"{index_table}_fts"


def _create_full_text(apps, schema_editor, index_table: str, key: str):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "sqlite":
        fts = _fts_table(index_table)
        run(f"CREATE VIRTUAL TABLE {fts} USING fts5(folded, content='{index_table}', content_rowid='{key}')")
        delete = f"INSERT INTO {fts}({fts}, rowid, folded) VALUES ('delete', old.{key}, old.folded);"
        insert = f"INSERT INTO {fts}(rowid, folded) VALUES (new.{key}, new.folded);"
        run(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {index_table} BEGIN {insert} END")
        run(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {index_table} BEGIN {delete} END")
        run(f"CREATE TRIGGER {fts}_update AFTER UPDATE ON {index_table} BEGIN {delete} {insert} END")
        run(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    elif schema_editor.connection.vendor == "postgresql":
        # Stored, so that ranking thousands of matches reads each row's vector instead of
        # parsing its text again; PostgreSQL keeps it in step with `folded` on every write.
        run(
            f"ALTER TABLE {index_table} ADD COLUMN {VECTOR} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('{TS_CONFIG}', folded)) STORED"
        )
        run(f"CREATE INDEX {index_table}_tsv ON {index_table} USING GIN ({VECTOR})")


def _drop_full_text(apps, schema_editor, index_table: str, key: str):
    if schema_editor.connection.vendor == "sqlite":
        fts = _fts_table(index_table)
        for suffix in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {fts}")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_table}_tsv")
        schema_editor.execute(f"ALTER TABLE {index_table} DROP COLUMN IF EXISTS {VECTOR}")


def full_text_operation(index_table: str, key: str):
    """The migration step that gives a search index its full-text table (SQLite) or index (PostgreSQL)."""
    return migrations.RunPython(
        lambda apps, schema_editor: _create_full_text(apps, schema_editor, index_table, key),
        lambda apps, schema_editor: _drop_full_text(apps, schema_editor, index_table, key),
    )


def _fts5_query(phrases) -> str:
    return " AND ".join('"' + " ".join(words) + '"' for words in phrases)


def _tsquery(phrases) -> str:
    return " & ".join("(" + " <-> ".join(words) + ")" for words in phrases)


def full_text_search(queryset, index_model: type[SearchIndex], text: str):
    """The rows of `queryset` whose index holds every phrase of `text`, with `search_rank`
    (smaller is better) to order by; `queryset` unchanged for a query without words."""
    phrases = parse_query(text)
    if not phrases:
        return queryset
    vendor = connections[queryset.db].vendor
    row = f"{queryset.model._meta.db_table}.{queryset.model._meta.pk.column}"
    index_table = index_model._meta.db_table
    key = index_model._meta.pk.column
    whole = tuple(w for words in phrases for w in words)
    scattered = len(phrases) > 1
    if vendor == "sqlite":
        fts = _fts_table(index_table)
        rank, params = f"bm25({fts})", []
        if scattered:
            rank += f" - CASE WHEN {fts}.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s) THEN %s ELSE 0 END"
            params = [_fts5_query([whole]), _PHRASE_BONUS]
        return queryset.extra(
            tables=[fts],
            where=[f"{fts}.rowid = {row}", f"{fts} MATCH %s"],
            params=[_fts5_query(phrases)],
            select={"search_rank": rank},
            select_params=params,
        )
    vector = f"{index_table}.{VECTOR}"
    rank, params = f"-ts_rank({vector}, to_tsquery('{TS_CONFIG}', %s))", [_tsquery(phrases)]
    if scattered:
        rank += f" - CASE WHEN {vector} @@ to_tsquery('{TS_CONFIG}', %s) THEN %s ELSE 0 END"
        params += [_tsquery([whole]), _PHRASE_BONUS]
    return queryset.extra(
        tables=[index_table],
        where=[f"{index_table}.{key} = {row}", f"{vector} @@ to_tsquery('{TS_CONFIG}', %s)"],
        params=[_tsquery(phrases)],
        select={"search_rank": rank},
        select_params=params,
    )


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
    """Rows where every word of `text` appears, folded, in one of `fields` (a substring test)."""
    words = fold(text or "").split()
    if not words:
        return queryset
    aliases = {f"_folded_{i}": Folded(name) for i, name in enumerate(fields)}
    queryset = queryset.alias(**aliases)
    conditions = [reduce(or_, (Q(**{f"{alias}__contains": word}) for alias in aliases)) for word in words]
    return queryset.filter(reduce(and_, conditions))
