import { Injectable, Logger } from '@nestjs/common';
import { QuotaService } from '@estafette/store';

/**
 * Prohibit-send quotas for submission (Exchange 2003: a mailbox over its "prohibit send" limit may
 * not send). Backed by the store's QuotaService; a sender without a mailbox has nothing to exceed.
 */
@Injectable()
export class SendQuota {
  private readonly logger = new Logger('SMTP');

  constructor(private readonly quotas: QuotaService) {}

  async canSend(recipientId: string): Promise<boolean> {
    try {
      return await this.quotas.canSend(recipientId);
    } catch (error) {
      this.logger.warn(`quota check for ${recipientId} failed, sending allowed: ${(error as Error).message}`);
      return true;
    }
  }
}
