import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

/**
 * Token under which the server app provides this process's Server object name (its host name). The
 * directory cannot import the app's configuration, so the app registers the value under this token.
 */
export const LOCAL_SERVER_NAME = 'estafette:local-server-name';

/** The Server object this process runs as, when the app has said so. */
@Injectable()
export class LocalServer {
  constructor(private readonly moduleRef: ModuleRef) {}

  name(): string | null {
    try {
      return this.moduleRef.get<string>(LOCAL_SERVER_NAME, { strict: false });
    } catch {
      return null;
    }
  }
}
