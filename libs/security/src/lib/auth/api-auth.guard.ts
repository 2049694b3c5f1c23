import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { isAllowed, ORGANIZATION_SCOPE } from '../roles/permission';
import { CSRF_HEADER } from './session.strategy';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION, type PermissionRequirement } from './auth.decorators';
import type { Principal } from './principal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The one guard in front of every API route: authenticates (cookie or bearer),
 * enforces CSRF for cookie sessions, then checks the route's permission. A
 * route without @RequirePermission needs only an authenticated caller.
 */
@Injectable()
export class ApiAuthGuard implements CanActivate {
  private readonly passport = new (AuthGuard('estafette'))();

  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    try {
      await this.passport.canActivate(context);
    } catch {
      throw new UnauthorizedException('sign in first');
    }
    const req = context.switchToHttp().getRequest<Request & { user: Principal }>();
    const principal = req.user;
    if (principal.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !principal.csrfToken || !sameToken(header, principal.csrfToken)) {
        throw new ForbiddenException('missing or wrong CSRF token');
      }
    }
    const requirement = this.reflector.getAllAndOverride<PermissionRequirement | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    if (!requirement) return true;
    const scope = requirement.scope ? await requirement.scope(req) : ORGANIZATION_SCOPE;
    if (!isAllowed(principal.grants, requirement.permission, scope)) {
      throw new ForbiddenException(`your role does not allow ${requirement.permission} here`);
    }
    return true;
  }
}
