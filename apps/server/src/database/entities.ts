import { DIRECTORY_ENTITIES } from '@estafette/directory';
import { SECURITY_ENTITIES } from '@estafette/security';
import { STORE_ENTITIES } from '@estafette/store';
import { TRANSPORT_ENTITIES } from '@estafette/transport';
import { LISTENER_ENTITIES } from '../listeners/listener-entities';

export const ENTITIES = [
  ...DIRECTORY_ENTITIES,
  ...SECURITY_ENTITIES,
  ...STORE_ENTITIES,
  ...LISTENER_ENTITIES,
  ...TRANSPORT_ENTITIES,
];
