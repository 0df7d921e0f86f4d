-- The sitrep store: one row per record of every Extraction layer, keyed by article id.
-- Applied on every open, so every statement is idempotent (IF NOT EXISTS / OR REPLACE).
--
-- Every child table references articles(id). DuckDB (2.0.1) checks a parent DELETE, and an
-- UPDATE of an indexed parent column, against the child index as it stood when the transaction
-- began, so "delete the children, delete the article, insert it again" fails in one
-- transaction. Store.write therefore never deletes an article: a changed article's children
-- are deleted and written again and its own row is UPDATEd in place, and no column of
-- articles but its key is indexed (DuckDB's zone maps serve range filters on dates); a foreign
-- key column is indexed too, so articles.run_id is a plain column.
-- Child-to-child links (mentions -> actors, event_actors -> events) are join keys without a
-- declared constraint for the same reason: both sides are rewritten in one transaction.

CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    sitrep_version VARCHAR,
    model VARCHAR,
    knowledge_version VARCHAR,
    inputs VARCHAR,
    extracted INTEGER,
    skipped INTEGER
);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    published DATE,
    published_source VARCHAR,
    url VARCHAR,
    source VARCHAR,
    author VARCHAR,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP NOT NULL,
    run_id INTEGER,  -- the run that wrote it (no REFERENCES: that would index it, see above)
    record VARCHAR,  -- the Extraction record (JSON) less its text: what `export --format jsonl` writes
    extractor VARCHAR  -- what made its rows (Store.extractor_key): another one re-extracts it
);
-- Stores made before the extractor column: add it (a no-op on newer ones). Their tables keep
-- no FOREIGN KEY clauses (CREATE TABLE IF NOT EXISTS does not alter a table); Store.write
-- keeps them consistent all the same.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS extractor VARCHAR;

CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR NOT NULL REFERENCES articles (id),
    actor_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    kind VARCHAR NOT NULL,
    role VARCHAR,
    PRIMARY KEY (article_id, actor_id)
);

-- start/end: first start and last end of the span list (a discontinuous span keeps its text)
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL REFERENCES articles (id),
    actor_id VARCHAR NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR
);

CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR NOT NULL REFERENCES articles (id),
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    type VARCHAR,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR NOT NULL REFERENCES articles (id),
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    geonameid BIGINT,
    name VARCHAR,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    feature_code VARCHAR
);

-- n: the quote's index in Extraction.quotes (events.quote points at it)
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL REFERENCES articles (id),
    n INTEGER NOT NULL,
    content_start INTEGER,
    content_end INTEGER,
    content VARCHAR,
    speaker VARCHAR,
    speaker_actor VARCHAR,
    cue VARCHAR,
    kind VARCHAR,
    date VARCHAR,
    PRIMARY KEY (article_id, n)
);

-- date: as extracted (a TimeML value, not always a day); day: the date when it is one
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL REFERENCES articles (id),
    n INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    cameo VARCHAR,
    date VARCHAR,
    day DATE,
    place BIGINT,
    fatalities INTEGER,
    troops INTEGER,
    negated BOOLEAN NOT NULL,
    modality VARCHAR,
    confidence DOUBLE,
    trigger VARCHAR,
    evidence VARCHAR,
    evidence_start INTEGER,
    evidence_end INTEGER,
    quote INTEGER,
    PRIMARY KEY (article_id, n)
);

-- actor_id is NULL when the words name no known actor ("foreign troops")
CREATE TABLE IF NOT EXISTS event_actors (
    article_id VARCHAR NOT NULL REFERENCES articles (id),
    event_n INTEGER NOT NULL,
    side VARCHAR NOT NULL CHECK (side IN ('source', 'target')),
    k INTEGER NOT NULL, -- position on its side, so names join in the extracted order
    actor_id VARCHAR,
    text VARCHAR
);

CREATE TABLE IF NOT EXISTS skips (
    run_id INTEGER NOT NULL REFERENCES runs (run_id),
    source VARCHAR,
    reason VARCHAR
);

-- Child rows are read and deleted by article through the index each foreign key makes; these
-- serve the common filters.
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors (actor_id);
CREATE INDEX IF NOT EXISTS events_day_type ON events (day, type);

-- One row per day, event type and (source country, target country); an event with two
-- source countries counts once in each dyad. Day: the event's own day, else the article's.
CREATE OR REPLACE VIEW events_by_dyad_day AS
WITH side AS (
    SELECT ea.article_id, ea.event_n, ea.side, a.country
    FROM event_actors ea
    LEFT JOIN actors a ON a.article_id = ea.article_id AND a.actor_id = ea.actor_id
)
SELECT
    coalesce(e.day, art.published) AS date,
    e.type,
    s.country AS source_country,
    t.country AS target_country,
    count(DISTINCT e.article_id || '#' || e.n) AS n_events,
    count(DISTINCT e.article_id) AS n_articles
FROM events e
JOIN articles art ON art.id = e.article_id
LEFT JOIN side s ON s.article_id = e.article_id AND s.event_n = e.n AND s.side = 'source'
LEFT JOIN side t ON t.article_id = e.article_id AND t.event_n = e.n AND t.side = 'target'
GROUP BY ALL;

-- One row per resolved speaker: how often and over which days they were quoted.
CREATE OR REPLACE VIEW quotes_by_speaker AS
SELECT
    q.speaker_actor,
    any_value(a.name) AS name,
    any_value(a.country) AS country,
    count(*) AS n_quotes,
    count(DISTINCT q.article_id) AS n_articles,
    min(coalesce(TRY_CAST(q.date AS DATE), art.published)) AS first_date,
    max(coalesce(TRY_CAST(q.date AS DATE), art.published)) AS last_date
FROM quotes q
JOIN articles art ON art.id = q.article_id
LEFT JOIN actors a ON a.article_id = q.article_id AND a.actor_id = q.speaker_actor
WHERE q.speaker_actor IS NOT NULL
GROUP BY q.speaker_actor;

-- One row per happening across articles (GDELT's NumArticles / NumSources): events of the same
-- type, day, source and target countries and place, however many articles report them, with
-- every article's evidence kept. A source is the host of the article's URL, else its file.
CREATE OR REPLACE VIEW happenings AS
WITH sides AS (
    SELECT ea.article_id, ea.event_n,
        string_agg(DISTINCT a.country, ';' ORDER BY a.country)
            FILTER (WHERE ea.side = 'source') AS source_countries,
        string_agg(DISTINCT a.country, ';' ORDER BY a.country)
            FILTER (WHERE ea.side = 'target') AS target_countries
    FROM event_actors ea
    LEFT JOIN actors a ON a.article_id = ea.article_id AND a.actor_id = ea.actor_id
    GROUP BY ea.article_id, ea.event_n
)
SELECT
    coalesce(e.day, art.published) AS date,
    e.type,
    s.source_countries,
    s.target_countries,
    e.place,
    count(*) AS n_events,
    count(DISTINCT e.article_id) AS n_articles,
    count(DISTINCT coalesce(nullif(regexp_extract(art.url, '^[a-z]+://([^/]+)', 1), ''),
                            art.source)) AS n_sources,
    list(e.article_id ORDER BY e.article_id) AS articles,
    list(e.evidence ORDER BY e.article_id) AS evidence
FROM events e
JOIN articles art ON art.id = e.article_id
LEFT JOIN sides s ON s.article_id = e.article_id AND s.event_n = e.n
GROUP BY ALL;
