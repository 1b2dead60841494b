-- The message queue behind queue triggers (Serverless.Host.Queues.IQueueStore). A queue is just a name;
-- a poison queue is another name (<queue>-poison).
-- Applied once, inside a transaction, by MigrationRunner at start-up or by infra/local/services.sh (psql):
-- keep this file self-contained SQL without transaction control or psql meta-commands.

CREATE TABLE queue_messages (
    id                bigserial   PRIMARY KEY,
    queue             text        NOT NULL,
    body              bytea       NOT NULL,
    dequeue_count     int         NOT NULL DEFAULT 0,
    insertion_time    timestamptz NOT NULL DEFAULT now(),
    -- Invisible until then: delayed, leased (received) or released with a delay.
    next_visible_time timestamptz NOT NULL,
    -- The current lease; only its holder may complete, release, renew or poison the message.
    pop_receipt       uuid,
    last_error        text
);

CREATE INDEX queue_messages_visible ON queue_messages (queue, next_visible_time, id);

-- The LISTEN/NOTIFY channel of a queue. Channel names are identifiers (at most 63 bytes) while queue
-- names are free text, so the name is hashed: 'queue_' + 32 hex digits. PostgresQueueStore computes the
-- same name to LISTEN.
CREATE FUNCTION serverless_queue_channel(queue text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT 'queue_' || md5(queue) $$;

-- Sends a UTF-8 text message, visible at once, and wakes the listeners of the queue when the
-- transaction commits. For any producer: psql, another service, a trigger.
--   SELECT serverless_enqueue('ingest', '{"key":"notices/1.xml"}');
CREATE FUNCTION serverless_enqueue(queue text, body text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE STRICT
AS $$
DECLARE
    message_id bigint;
BEGIN
    INSERT INTO queue_messages (queue, body, next_visible_time)
    VALUES (serverless_enqueue.queue, convert_to(serverless_enqueue.body, 'UTF8'), now())
    RETURNING queue_messages.id INTO message_id;
    PERFORM pg_notify(serverless_queue_channel(serverless_enqueue.queue), message_id::text);
    RETURN message_id;
END
$$;
