import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transport queues: one row per accepted message (its envelope and blob) and one per copy to
 * deliver (recipient, next hop, retry state). Workers of every server process claim due rows with
 * SELECT … FOR UPDATE SKIP LOCKED and hold them by a lease (locked_by, locked_until).
 */
export class TransportQueue1764300300000 implements MigrationInterface {
  name = 'TransportQueue1764300300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE queued_message (
        -- The queue id quoted in the 250 reply: short, upper-case, printable.
        id varchar(24) PRIMARY KEY,
        blob_sha256 char(64) NOT NULL,
        size bigint NOT NULL CHECK (size >= 0),
        -- NULL: the null reverse-path <> (a bounce: never answered with another one).
        mail_from varchar(320),
        dsn_envelope_id varchar(100),
        dsn_ret varchar(4) CHECK (dsn_ret IN ('FULL', 'HDRS')),
        authenticated_recipient_id uuid,
        entry_point varchar(16) NOT NULL CHECK (entry_point IN ('smtp', 'submission', 'internal')),
        client_address varchar(64) NOT NULL DEFAULT '',
        client_hostname varchar(255) NOT NULL DEFAULT '',
        helo_name varchar(255) NOT NULL DEFAULT '',
        message_id_header varchar(998) NOT NULL DEFAULT '',
        subject varchar(998) NOT NULL DEFAULT '',
        -- Received header fields counted on receipt (RFC 5321 §6.3 loop detection).
        hop_count integer NOT NULL DEFAULT 0,
        -- A delivery status notification generated here.
        is_report boolean NOT NULL DEFAULT false,
        received_at timestamptz NOT NULL,
        received_by varchar(255) NOT NULL,
        -- categorize: waiting for the categorizer; routed: its copies are in queue_item.
        state varchar(16) NOT NULL DEFAULT 'categorize' CHECK (state IN ('categorize', 'routed')),
        frozen boolean NOT NULL DEFAULT false,
        next_attempt_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        locked_by varchar(255),
        locked_until timestamptz
      );
      CREATE INDEX queued_message_categorize ON queued_message (next_attempt_at) WHERE state = 'categorize';
      CREATE INDEX queued_message_blob ON queued_message (blob_sha256);

      CREATE TABLE queue_item (
        id bigserial PRIMARY KEY,
        message_id varchar(24) NOT NULL REFERENCES queued_message(id) ON DELETE CASCADE,
        -- Where this copy goes (after expansion and forwarding) and the RCPT TO it came from.
        recipient varchar(320) NOT NULL,
        envelope_recipient varchar(320) NOT NULL,
        -- RFC 3461 ORCPT and NOTIFY (NULL: the default, FAILURE,DELAY).
        original_recipient varchar(500),
        notify varchar(32),
        recipient_id uuid,
        state varchar(16) NOT NULL CHECK (state IN ('pending', 'ready', 'retry', 'delivered', 'relayed', 'failed')),
        frozen boolean NOT NULL DEFAULT false,
        -- The link queue: 'local', 'server:<name>', 'connector:<name>', 'domain:<domain>', 'unreachable'.
        next_hop varchar(300),
        next_hop_kind varchar(16) CHECK (next_hop_kind IN ('local', 'server', 'smart-host', 'mx', 'unreachable')),
        route jsonb,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        delay_notify_at timestamptz NOT NULL,
        delay_notified boolean NOT NULL DEFAULT false,
        -- Enhanced status code (RFC 3463) and text of the last outcome.
        status varchar(16),
        diagnostic text,
        remote_mta varchar(255),
        -- A final outcome not yet reported to the sender in a DSN.
        report_pending boolean NOT NULL DEFAULT false,
        finished_at timestamptz,
        -- Held by a process that died: the copy may have reached a mailbox already (checked before delivering again).
        in_doubt boolean NOT NULL DEFAULT false,
        locked_by varchar(255),
        locked_until timestamptz
      );
      CREATE INDEX queue_item_due ON queue_item (next_attempt_at) WHERE state IN ('ready', 'retry');
      CREATE INDEX queue_item_message ON queue_item (message_id);
      CREATE INDEX queue_item_next_hop ON queue_item (next_hop) WHERE state IN ('ready', 'retry');
      CREATE INDEX queue_item_report ON queue_item (message_id) WHERE report_pending;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE queue_item, queued_message;`);
  }
}
