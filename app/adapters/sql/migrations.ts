/**
 * The schema, one entry per change, applied in order and recorded in schema_migrations.
 * Never edit an applied entry: add a new one. Each statement runs on its own (no scripts), so
 * the same list works on PGlite and PostgreSQL.
 */
export interface Migration {
  id: string
  statements: string[]
}

export const migrations: Migration[] = [
  {
    id: '0001_customers_orders_interactions',
    statements: [
      `CREATE TABLE customers (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        external_id text NOT NULL UNIQUE,
        email text NOT NULL,
        name text NOT NULL,
        company text,
        tier text NOT NULL CHECK (tier IN ('free', 'standard', 'premium', 'enterprise')),
        created_at timestamptz NOT NULL DEFAULT now(),
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb
      )`,
      `CREATE TABLE orders (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        order_number text NOT NULL UNIQUE,
        status text NOT NULL
          CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
        total_amount numeric(12, 2) NOT NULL CHECK (total_amount >= 0),
        currency char(3) NOT NULL DEFAULT 'USD',
        ordered_at timestamptz NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb
      )`,
      'CREATE INDEX orders_customer_recent_idx ON orders (customer_id, ordered_at DESC)',
      'CREATE INDEX orders_status_idx ON orders (status)',
      `CREATE TABLE interactions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        customer_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        channel text NOT NULL,
        sentiment double precision NOT NULL CHECK (sentiment BETWEEN -1 AND 1),
        summary text NOT NULL,
        expires_at timestamptz NOT NULL
      )`,
      'CREATE INDEX interactions_customer_recent_idx ON interactions (customer_id, occurred_at DESC)',
      'CREATE INDEX interactions_expiry_idx ON interactions (expires_at)',
    ],
  },
  {
    id: '0002_knowledge_base',
    statements: [
      `CREATE TABLE kb_documents (
        key text PRIMARY KEY,
        content_hash text NOT NULL,
        title text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        chunk_count int NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE kb_chunks (
        id text PRIMARY KEY,
        document_key text NOT NULL REFERENCES kb_documents (key) ON DELETE CASCADE,
        ordinal int NOT NULL,
        text text NOT NULL,
        token_count int NOT NULL,
        location jsonb NOT NULL DEFAULT '{}'::jsonb,
        UNIQUE (document_key, ordinal)
      )`,
      /* Bumped by every sync that changes the index; readers rebuild their cache when it moves. */
      `CREATE TABLE kb_state (
        id int PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL
      )`,
      'INSERT INTO kb_state (id, version) VALUES (1, 0)',
      `CREATE TABLE kb_sync_jobs (
        job_id text PRIMARY KEY,
        trigger text NOT NULL,
        status text NOT NULL
          CHECK (status IN ('QUEUED', 'IN_PROGRESS', 'SUCCEEDED', 'PARTIAL', 'FAILED')),
        requested_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        counts jsonb NOT NULL,
        failures jsonb NOT NULL DEFAULT '[]'::jsonb,
        error text
      )`,
      'CREATE INDEX kb_sync_jobs_recent_idx ON kb_sync_jobs (requested_at DESC)',
    ],
  },
  {
    id: '0003_tickets_queue_feedback_api_keys',
    statements: [
      `CREATE TABLE tickets (
        id text PRIMARY KEY,
        source text NOT NULL,
        external_ticket_id text NOT NULL,
        customer_external_id text NOT NULL,
        customer_email text,
        subject text NOT NULL,
        description text NOT NULL,
        channel text NOT NULL,
        priority text NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        source_created_at timestamptz NOT NULL,
        source_updated_at timestamptz,
        content_hash text NOT NULL,
        status text NOT NULL CHECK (status IN ('received', 'processing', 'ready', 'failed')),
        context jsonb,
        last_error text,
        processing_time_ms int,
        correlation_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (source, external_ticket_id)
      )`,
      'CREATE INDEX tickets_customer_open_idx ON tickets (customer_external_id, status)',
      /* The embedded queue, shaped like SQS: invisible until visible_at, counted receives. */
      `CREATE TABLE queue_messages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue text NOT NULL,
        body jsonb NOT NULL,
        visible_at timestamptz NOT NULL DEFAULT now(),
        receive_count int NOT NULL DEFAULT 0,
        receipt_handle text,
        last_error text,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`,
      'CREATE INDEX queue_messages_ready_idx ON queue_messages (queue, visible_at)',
      `CREATE TABLE queue_dead_letters (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        queue text NOT NULL,
        message_id bigint NOT NULL,
        body jsonb NOT NULL,
        receive_count int NOT NULL,
        last_error text,
        sent_at timestamptz NOT NULL,
        dead_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE ticket_feedback (
        ticket_id text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
        chunk_id text NOT NULL,
        agent_id text NOT NULL,
        document_key text NOT NULL,
        verdict text NOT NULL CHECK (verdict IN ('helpful', 'not_helpful', 'used_in_reply')),
        comment text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, chunk_id, agent_id)
      )`,
      'CREATE INDEX ticket_feedback_document_idx ON ticket_feedback (document_key)',
      `CREATE TABLE api_keys (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        key_hash text NOT NULL UNIQUE,
        rate_per_minute int NOT NULL,
        burst int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`,
    ],
  },
  {
    id: '0004_interaction_refs',
    statements: [
      'ALTER TABLE interactions ADD COLUMN ref text',
      /* Recording the same (customer, ref) twice keeps one row: at-least-once writers stay exact. */
      'CREATE UNIQUE INDEX interactions_ref_idx ON interactions (customer_id, ref) WHERE ref IS NOT NULL',
    ],
  },
  {
    id: '0005_sync_external_job_id',
    statements: [
      /* The backend's own job id (Bedrock's ingestionJobId) next to ours. */
      'ALTER TABLE kb_sync_jobs ADD COLUMN external_job_id text',
    ],
  },
  {
    id: '0006_outbox',
    statements: [
      /* Messages for a queue outside the database (SQS), committed with their ticket. */
      `CREATE TABLE outbox_messages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
  },
  {
    id: '0007_keyword_index_sync_jobs',
    statements: [
      /*
       * Beside a Bedrock knowledge base the local index is only its keyword partner: its own
       * runs are recorded here, so they never mix with (or get adopted as) Bedrock's jobs.
       */
      'CREATE TABLE kb_keyword_sync_jobs (LIKE kb_sync_jobs INCLUDING ALL)',
    ],
  },
  {
    id: '0008_queue_receipt_handle_index',
    statements: [
      /*
       * Deleting, releasing and dead-lettering a received message find it by its receipt
       * handle: without an index each of them scanned the whole queue table.
       */
      'CREATE UNIQUE INDEX queue_messages_receipt_handle_idx ON queue_messages (receipt_handle)',
    ],
  },
]
