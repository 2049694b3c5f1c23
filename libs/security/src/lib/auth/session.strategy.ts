import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { SessionService } from '../sessions/session.service';
import { AuthenticatorService } from './authenticator.service';
import type { Principal } from './principal';

export const SESSION_COOKIE = 'estafette_session';
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

/** Authenticates API calls by console session cookie or by `Authorization: Bearer` API token. */
@Injectable()
export class SessionStrategy extends PassportStrategy(Strategy, 'estafette') {
  constructor(
    private readonly sessions: SessionService,
    private readonly authenticator: AuthenticatorService,
  ) {
    super();
  }

  async validate(req: Request): Promise<Principal | false> {
    const clientAddress = req.ip ?? '';
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const recipientId = await this.sessions.resolveToken(header.slice(7).trim());
      if (!recipientId) return false;
      return (await this.authenticator.principalFor(recipientId, 'token', null, clientAddress)) ?? false;
    }
    const cookies = (req as Request & { cookies?: Record<string, string> }).cookies;
    const sessionId = cookies?.[SESSION_COOKIE];
    if (!sessionId) return false;
    const session = await this.sessions.resolve(sessionId);
    if (!session) return false;
    return (
      (await this.authenticator.principalFor(session.recipientId, 'session', session.csrfToken, clientAddress)) ?? false
    );
  }
}
