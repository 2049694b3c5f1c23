import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SMTP virtual servers now honour the 'anonymous' authentication method (off: unauthenticated MAIL gets
 * 530 5.7.0). Until now it was ignored, so every existing SMTP virtual server behaved as if it were on;
 * it is added where missing so that no running port 25 starts refusing other domains' mail on upgrade.
 */
export class SmtpAnonymousAccess1764300500000 implements MigrationInterface {
  name = 'SmtpAnonymousAccess1764300500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      UPDATE protocol_virtual_server SET auth_methods = array_prepend('anonymous', auth_methods)
        WHERE protocol = 'smtp' AND NOT ('anonymous' = ANY (auth_methods));
    `);
  }

  async down(): Promise<void> {
    // The servers that had it before cannot be told apart from those that got it here: nothing to undo.
  }
}
