import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ContainerScopeResolver } from '@estafette/directory';

const RESOLVER = Symbol('estafette:container-scope-resolver');

type WithResolver = Request & { [RESOLVER]?: ContainerScopeResolver };

/**
 * Hands the injectable ContainerScopeResolver to the ScopeResolver functions of @RequirePermission,
 * which run in the guard and cannot be injected (they are decorator arguments). Middleware runs before
 * guards, so every request of the recipient routes carries the resolver.
 */
@Injectable()
export class ContainerScopeMiddleware implements NestMiddleware {
  constructor(private readonly resolver: ContainerScopeResolver) {}

  use(req: Request, _res: Response, next: NextFunction): void {
    (req as WithResolver)[RESOLVER] = this.resolver;
    next();
  }
}

/** The resolver the middleware attached, or null when the middleware is not wired for this route. */
export function resolverOf(req: Request): ContainerScopeResolver | null {
  return (req as WithResolver)[RESOLVER] ?? null;
}
