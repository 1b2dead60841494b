-- Link reports, their links, and each URL's history across reports (Link Fixer's "dead after N failures over time").
-- Applied once, inside a transaction, by MigrationRunner at start-up or by infra/local/services.sh (psql):
-- keep this file self-contained SQL without transaction control or psql meta-commands.

CREATE TABLE link_reports (
    id            uuid        PRIMARY KEY,
    state         text        NOT NULL CHECK (state IN ('queued', 'checking', 'writing', 'done', 'failed')),
    source_kind   text        NOT NULL CHECK (source_kind IN ('upload', 'url', 'tender')),
    source_name   text,
    document_kind text        NOT NULL,
    source_key    text,
    base_url      text,
    tender_id     uuid,
    error         text,
    documents     integer     NOT NULL DEFAULT 0,
    links         integer     NOT NULL DEFAULT 0,
    urls          integer     NOT NULL DEFAULT 0,
    chunks        integer     NOT NULL DEFAULT 0,
    chunks_done   integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

-- A WordPress post or page, or the whole document (seq 0).
CREATE TABLE link_report_documents (
    report_id uuid    NOT NULL REFERENCES link_reports (id) ON DELETE CASCADE,
    seq       integer NOT NULL,
    post_id   text,
    title     text,
    type      text,
    status    text,
    base_url  text,
    PRIMARY KEY (report_id, seq)
);

-- Every link as found, in document order; url is null for links that are not http(s).
CREATE TABLE link_report_links (
    report_id          uuid    NOT NULL REFERENCES link_reports (id) ON DELETE CASCADE,
    seq                integer NOT NULL,
    document_seq       integer NOT NULL,
    url                text,
    raw                text    NOT NULL,
    fragment           text,
    kind               text    NOT NULL CHECK (kind IN ('outbound', 'internal', 'not-checked')),
    element            text    NOT NULL,
    not_checked_reason text,
    line               integer NOT NULL DEFAULT 0,
    col                integer NOT NULL DEFAULT 0,
    context            text,
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX link_report_links_url ON link_report_links (report_id, url);

-- The distinct URLs a report checks, each once, split into chunks (one queue message each).
CREATE TABLE link_report_urls (
    report_id         uuid        NOT NULL REFERENCES link_reports (id) ON DELETE CASCADE,
    url               text        NOT NULL,
    chunk             integer     NOT NULL,
    status            text,
    http_status       integer,
    final_url         text,
    detail            text,
    redirects         jsonb,
    insecure_redirect boolean     NOT NULL DEFAULT false,
    attempts          integer,
    checked_at        timestamptz,
    archive_outcome   text,
    archive_url       text,
    PRIMARY KEY (report_id, url)
);
CREATE INDEX link_report_urls_chunk ON link_report_urls (report_id, chunk);

CREATE TABLE link_report_chunks (
    report_id uuid    NOT NULL REFERENCES link_reports (id) ON DELETE CASCADE,
    chunk     integer NOT NULL,
    done      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (report_id, chunk)
);

-- One row per URL ever checked.
CREATE TABLE links (
    url                  text        PRIMARY KEY,
    first_seen           timestamptz NOT NULL,
    last_checked         timestamptz,
    last_status          text,
    last_http_status     integer,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    last_failure_at      timestamptz,
    dead                 boolean     NOT NULL DEFAULT false,
    archive_url          text,
    archive_checked_at   timestamptz,
    next_check_at        timestamptz
);
CREATE INDEX links_next_check ON links (next_check_at);

-- Save Page Now requests, so the same URL is never submitted twice within the configured window.
CREATE TABLE wayback_save_requests (
    url          text        PRIMARY KEY,
    requested_at timestamptz NOT NULL
);

-- Timer triggers' last fired occurrence (UseMonitor): one instance fires per occurrence; a missed one is noticed.
CREATE TABLE timer_schedules (
    timer           text        PRIMARY KEY,
    last_occurrence timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
