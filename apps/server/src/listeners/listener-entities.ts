import { MAIL_ROUTING_ENTITIES } from '@estafette/directory';
import { Pop3MaildropLockEntity } from './pop3/pop3-maildrop-lock.entity';
import { ServerCertificateEntity } from './tls/server-certificate.entity';

/** Tables of the listeners: DKIM keys (directory mail routing), server certificates, POP3 maildrop locks. */
export const LISTENER_ENTITIES = [...MAIL_ROUTING_ENTITIES, Pop3MaildropLockEntity, ServerCertificateEntity];
