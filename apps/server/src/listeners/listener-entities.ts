import { MAIL_ROUTING_ENTITIES } from '@estafette/directory';
import { ServerCertificateEntity } from './tls/server-certificate.entity';

/** Tables of the SMTP milestone's listener side: DKIM keys (directory mail routing) and server certificates. */
export const LISTENER_ENTITIES = [...MAIL_ROUTING_ENTITIES, ServerCertificateEntity];
