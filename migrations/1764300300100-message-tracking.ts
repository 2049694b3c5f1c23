import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The message tracking log: one row per event of a message, searchable by sender, recipient, message-id and time. */
export class MessageTracking1764300300100 implements MigrationInterface {
  name = 'MessageTracking1764300300100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE message_tracking_event (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        event varchar(16) NOT NULL,
        queue_id varchar(24),
        message_id varchar(998) NOT NULL DEFAULT '',
        sender varchar(320) NOT NULL DEFAULT '',
        recipient varchar(320),
        server varchar(255) NOT NULL,
        status varchar(16),
        detail text NOT NULL DEFAULT ''
      );
      CREATE INDEX message_tracking_at ON message_tracking_event (at);
      CREATE INDEX message_tracking_sender ON message_tracking_event (lower(sender), at);
      CREATE INDEX message_tracking_recipient ON message_tracking_event (lower(recipient), at);
      CREATE INDEX message_tracking_message_id ON message_tracking_event (message_id);
      CREATE INDEX message_tracking_queue_id ON message_tracking_event (queue_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE message_tracking_event;`);
  }
}
