import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { AuthenticatorService } from './authenticator.service';
import type { Account } from './account-lookup.port';

/** POST /api/auth/login and /api/auth/token: user name and password in the JSON body. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly authenticator: AuthenticatorService) {
    super({ usernameField: 'username', passwordField: 'password', passReqToCallback: true });
  }

  validate(req: Request, username: string, password: string): Promise<Account> {
    return this.authenticator.verifyPassword(username, password, req.ip ?? '');
  }
}
