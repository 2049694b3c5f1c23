import type { Provider } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { LOCAL_SERVER_NAME } from '@estafette/directory';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';

/**
 * Tells the directory which Server object this process is (new mailboxes default to its first mounted
 * mailbox store). SERVER_CONFIG lives in AppModule, which this module cannot import, hence the
 * non-strict look-up.
 */
export const LOCAL_SERVER_NAME_PROVIDER: Provider = {
  provide: LOCAL_SERVER_NAME,
  inject: [ModuleRef],
  useFactory: (moduleRef: ModuleRef): string | null => {
    try {
      return moduleRef.get<ServerConfig>(SERVER_CONFIG, { strict: false }).hostname;
    } catch {
      return null;
    }
  },
};
