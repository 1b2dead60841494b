-- Tender metadata: one row per ingested notice file, unique by the SHA-256 of that file.
-- Applied once, inside a transaction, by MigrationRunner at start-up or by infra/local/services.sh (psql):
-- keep this file self-contained SQL without transaction control or psql meta-commands.

-- Trigram indexes make the buyer filter (case-insensitive substring) indexable. Trusted extension:
-- the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE tenders (
    id                 uuid        PRIMARY KEY,
    sha256             text        NOT NULL UNIQUE,
    format             text        NOT NULL,
    notice_id          text        NOT NULL,
    notice_version     text,
    notice_subtype     text,
    publication_id     text,
    language           text,
    -- Text search configuration chosen from the language (see TextSearchConfigurations.cs).
    config             regconfig   NOT NULL DEFAULT 'simple',
    title              text,
    description        text,
    buyer_name         text,
    buyer_country      text,
    main_cpv           text,
    additional_cpv     text[]      NOT NULL DEFAULT '{}',
    estimated_amount   numeric,
    estimated_currency text,
    procedure_type     text,
    deadline           timestamptz,
    -- The whole record as the API shows it (camelCase JSON): what reads return.
    record             jsonb       NOT NULL,
    ingested_at        timestamptz NOT NULL,
    -- Stemmed words in the record's own language (title weighs more than description), plus the words as
    -- written ('simple') so that a query in another language still finds exact words.
    search             tsvector    GENERATED ALWAYS AS (
        setweight(to_tsvector(config, coalesce(title, '')), 'A')
        || setweight(to_tsvector(config, coalesce(description, '')), 'B')
        || to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || coalesce(description, ''))
    ) STORED
);

CREATE INDEX tenders_search ON tenders USING gin (search);
CREATE INDEX tenders_buyer_name_trgm ON tenders USING gin (buyer_name gin_trgm_ops);
CREATE INDEX tenders_buyer_country ON tenders (upper(buyer_country));
CREATE INDEX tenders_deadline ON tenders (deadline);
CREATE INDEX tenders_main_cpv ON tenders (main_cpv text_pattern_ops);

-- Every CPV code of a record, main and additional, one row each, so that a prefix filter over both is one
-- indexed LIKE 'prefix%' (an array column cannot be searched by element prefix through an index).
CREATE TABLE tender_cpvs (
    tender_id uuid NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    cpv       text NOT NULL,
    PRIMARY KEY (tender_id, cpv)
);

CREATE INDEX tender_cpvs_cpv ON tender_cpvs (cpv text_pattern_ops);

-- The stored files of a record, in the record's order.
CREATE TABLE tender_documents (
    tender_id    uuid   NOT NULL REFERENCES tenders (id) ON DELETE CASCADE,
    position     int    NOT NULL,
    object_key   text   NOT NULL,
    sha256       text   NOT NULL,
    size         bigint NOT NULL,
    content_type text   NOT NULL,
    file_name    text,
    PRIMARY KEY (tender_id, position)
);

CREATE INDEX tender_documents_sha256 ON tender_documents (sha256);
