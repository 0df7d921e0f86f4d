"""SQL for ``Store.rows``: the flat rows of ``sitrep.views`` read back from the store, filtered.

Kept apart from the Store so the column lists sit next to each other and stay the same as the
per-article views (a table printed from one extraction and from the corpus look alike). Every
filter value is a bound parameter, never pasted into the SQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

_SIDES = """
WITH sides AS (
    SELECT ea.article_id, ea.event_n,
        string_agg(coalesce(a.name, ea.text), '; ' ORDER BY ea.k)
            FILTER (WHERE ea.side = 'source') AS source,
        string_agg(coalesce(a.country, ''), '; ' ORDER BY ea.k)
            FILTER (WHERE ea.side = 'source') AS source_country,
        string_agg(coalesce(a.name, ea.text), '; ' ORDER BY ea.k)
            FILTER (WHERE ea.side = 'target') AS target,
        string_agg(coalesce(a.country, ''), '; ' ORDER BY ea.k)
            FILTER (WHERE ea.side = 'target') AS target_country,
        list(ea.actor_id) AS actor_ids,
        list(lower(a.name)) AS names,
        list(a.country) AS countries
    FROM event_actors ea
    LEFT JOIN actors a ON a.article_id = ea.article_id AND a.actor_id = ea.actor_id
    GROUP BY ea.article_id, ea.event_n
)"""

_EVENTS = (
    _SIDES
    + """
SELECT e.article_id AS article, e.date, e.type, e.mode, e.cameo, s.source, s.source_country,
    s.target, s.target_country, e.place, e.fatalities, e.troops, e.negated, e.modality,
    round(e.confidence, 3) AS confidence, e.trigger, e.evidence
FROM events e
JOIN articles art ON art.id = e.article_id
LEFT JOIN sides s ON s.article_id = e.article_id AND s.event_n = e.n"""
)

_QUOTES = """
SELECT q.article_id AS article, q.date, q.kind, q.speaker, a.name AS speaker_actor,
    a.country AS speaker_country, q.cue, q.content
FROM quotes q
JOIN articles art ON art.id = q.article_id
LEFT JOIN actors a ON a.article_id = q.article_id AND a.actor_id = q.speaker_actor"""

_ACTORS = """
SELECT a.article_id AS article, a.actor_id AS actor, a.name, a.country, a.sector, a.kind,
    a.role, count(m.actor_id) AS mentions,
    coalesce(string_agg(DISTINCT m.text, '; ' ORDER BY m.text), '') AS as_written
FROM actors a
JOIN articles art ON art.id = a.article_id
LEFT JOIN mentions m ON m.article_id = a.article_id AND m.actor_id = a.actor_id"""

# Per view: the base query, its day expression, how an actor matches (id, name or country),
# what `type` means, the article column, the tail (grouping and order).
_VIEWS: dict[str, tuple[str, str, str, str, str, str]] = {
    "events": (
        _EVENTS, "coalesce(e.day, art.published)",
        "(list_contains(s.actor_ids, ?) OR list_contains(s.names, lower(?))"
        " OR list_contains(s.countries, upper(?)))", "e.type",
        "e.article_id", " ORDER BY 2 NULLS LAST, e.article_id, e.n",
    ),
    "quotes": (
        _QUOTES, "coalesce(TRY_CAST(q.date AS DATE), art.published)",
        "(q.speaker_actor = ? OR lower(a.name) = lower(?) OR a.country = upper(?))",
        "q.kind", "q.article_id",
        " ORDER BY q.article_id, q.n",
    ),
    "actors": (
        _ACTORS, "art.published",
        "(a.actor_id = ? OR lower(a.name) = lower(?) OR a.country = upper(?))", "a.kind",
        "a.article_id", " GROUP BY ALL ORDER BY a.article_id, a.name",
    ),
}  # fmt: skip


def _place_clause(article: str, place: str | int) -> tuple[str, list[Any]]:
    """Articles that mention ``place``: a GeoNames id, or a name (resolved or as written)."""
    if isinstance(place, int) or place.isdigit():
        return f"{article} IN (SELECT article_id FROM places WHERE geonameid = ?)", [int(place)]
    return (
        f"{article} IN (SELECT article_id FROM places "
        "WHERE lower(name) = lower(?) OR lower(text) = lower(?))",
        [place, place],
    )


def view_sql(
    view: str,
    actor: str | None = None,
    type: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    place: str | int | None = None,
) -> tuple[str, list[Any]] | None:
    """The SQL and parameters of one filtered view; None for an unknown view."""
    if view not in _VIEWS:
        return None
    base, day, actor_match, type_col, article, tail = _VIEWS[view]
    where: list[str] = []
    params: list[Any] = []
    if actor is not None:
        where.append(actor_match)
        params += [actor, actor, actor]  # an actor id, a name, or a country code
    if type is not None:
        where.append(f"{type_col} = ?")
        params.append(type)
    if since is not None:
        where.append(f"{day} >= ?")
        params.append(since)
    if until is not None:
        where.append(f"{day} <= ?")
        params.append(until)
    if place is not None:
        clause, values = _place_clause(article, place)
        where.append(clause)
        params += values
    sql = base + (" WHERE " + " AND ".join(where) if where else "") + tail
    return sql, params
