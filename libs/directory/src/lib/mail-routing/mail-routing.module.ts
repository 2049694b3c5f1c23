import { Module } from '@nestjs/common';
import { DkimKeyRepository } from './dkim/dkim-key.repository';
import { DkimKeyService } from './dkim/dkim-key.service';
import { DkimSigner } from './dkim/dkim-signer.service';
import { MailRoutingRepository } from './mail-routing.repository';
import { RecipientResolver } from './recipient-resolver.service';

const SERVICES = [DkimKeyService, DkimSigner, RecipientResolver];

/** Directory area for mail flow: address resolution, authoritative domains, sender rights, DKIM keys. */
@Module({
  providers: [DkimKeyRepository, MailRoutingRepository, ...SERVICES],
  exports: SERVICES,
})
export class MailRoutingModule {}
