import { DIRECTORY_ENTITIES } from '@estafette/directory';
import { SECURITY_ENTITIES } from '@estafette/security';

export const ENTITIES = [...DIRECTORY_ENTITIES, ...SECURITY_ENTITIES];
