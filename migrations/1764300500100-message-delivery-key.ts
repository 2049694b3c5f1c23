import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exactly-once local delivery: the transport names each delivery (queue item and recipient) and the store
 * records that name on the message row in the same transaction. A retry after a crash between the store's
 * commit and the queue's finds the row and does not deliver a second copy. Only delivered rows carry a key
 * (APPEND, COPY and system messages do not); a MOVE keeps it, so the retry still finds the message.
 */
export class MessageDeliveryKey1764300500100 implements MigrationInterface {
  name = 'MessageDeliveryKey1764300500100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE message ADD COLUMN delivery_key text;
      CREATE UNIQUE INDEX message_delivery_key ON message (delivery_key) WHERE delivery_key IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE message DROP COLUMN delivery_key`);
  }
}
