import { Module } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';
import { ServerCertificateController } from './certificates/server-certificate.controller';
import { DkimKeyController } from './dkim-keys/dkim-key.controller';

/** REST controllers of the SMTP area: server certificates (services from the global SmtpListenerModule) and DKIM keys. */
@Module({
  imports: [DirectoryModule],
  controllers: [DkimKeyController, ServerCertificateController],
})
export class SmtpApiModule {}
