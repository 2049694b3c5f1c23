import { DkimKeyEntity } from './dkim/dkim-key.entity';

export { DkimKeyEntity };

/** Tables of the mail-routing area, for the server's entity list. */
export const MAIL_ROUTING_ENTITIES = [DkimKeyEntity];
