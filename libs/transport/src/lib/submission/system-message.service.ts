import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuthoritativeDomainService, RecipientService } from '@estafette/directory';
import { composeQuotaWarningMessage, type QuotaWarning } from '@estafette/store';
import { TransportClock } from '../clock';
import { QueueSignal } from '../queue/queue-signal';
import { MessageSubmissionService } from './message-submission.service';

/**
 * Messages the server itself sends to its users (Exchange's System Attendant): storage warnings.
 * They travel with the null sender, so that nothing bounces back to the server.
 */
@Injectable()
export class SystemMessageService {
  private readonly logger = new Logger('SystemMessages');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: TransportClock,
    private readonly submission: MessageSubmissionService,
    private readonly recipients: RecipientService,
    private readonly domains: AuthoritativeDomainService,
    private readonly signal: QueueSignal,
  ) {}

  async sendQuotaWarning(warning: QuotaWarning): Promise<void> {
    try {
      const owner = await this.recipients.get(warning.recipientId);
      if (!owner.primarySmtpAddress) return;
      const domains = await this.domains.list();
      const domain = (domains.find((d) => d.isDefaultPrimary) ?? domains[0])?.domain ?? 'localhost';
      const content = composeQuotaWarningMessage(warning, {
        from: `postmaster@${domain}`,
        to: owner.primarySmtpAddress,
        date: this.clock.now(),
        messageId: `${randomBytes(8).toString('hex')}.quota@${domain}`,
      });
      const stored = await this.submission.storeGenerated(content);
      await this.db.transaction((manager) =>
        this.submission.enqueueGenerated(manager, stored, {
          mailFrom: null,
          recipients: [{ address: owner.primarySmtpAddress as string, dsn: { notify: 'NEVER' } }],
          authenticatedRecipientId: null,
          clientAddress: '',
          clientHostname: '',
          heloName: '',
          transmissionType: 'local',
          entryPoint: 'internal',
        }),
      );
      this.signal.wake();
    } catch (error) {
      this.logger.warn(`could not send the storage warning to ${warning.recipientId}: ${(error as Error).message}`);
    }
  }
}
