import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditLogService, CredentialService, SessionService, type Actor } from '@estafette/security';
import { inTransaction } from '../common/transaction';
import { RecipientRepository } from './recipient.repository';

/** Sets a user's password (stored as an argon2id hash) and signs the user out of the console. */
@Injectable()
export class RecipientPasswordService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recipients: RecipientRepository,
    private readonly credentials: CredentialService,
    private readonly sessions: SessionService,
    private readonly audit: AuditLogService,
  ) {}

  async setPassword(actor: Actor, id: string, password: string): Promise<void> {
    await inTransaction(this.db, async (manager) => {
      const recipient = await this.recipients.findByIdForUpdate(manager, id);
      if (!recipient) throw new NotFoundException(`recipient ${id} does not exist`);
      if (recipient.kind !== 'user')
        throw new BadRequestException(`${recipient.displayName} is not a user and has no password`);
      await this.credentials.setPassword(manager, id, password);
      await this.audit.record(manager, actor, {
        action: 'set-password',
        objectType: 'recipient',
        objectId: id,
        objectName: recipient.displayName,
      });
    });
    // After the commit: a session opened with the old password must not outlive it.
    await this.sessions.closeAllOf(id);
  }
}
