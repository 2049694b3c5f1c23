import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Permission, Scope } from '../roles/permission';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'estafette:public';
export const REQUIRED_PERMISSION = 'estafette:permission';

/** Resolves the scope of the object a request touches (for delegated administrators). */
export type ScopeResolver = (req: Request) => Scope | Promise<Scope>;

export interface PermissionRequirement {
  permission: Permission;
  scope?: ScopeResolver;
}

/** No authentication needed (login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The permission an endpoint needs; without a scope resolver the organisation
 * scope is checked. Adding delegation to an endpoint means adding a resolver.
 */
export const RequirePermission = (permission: Permission, scope?: ScopeResolver): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, { permission, scope } satisfies PermissionRequirement);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<Request & { user: Principal }>().user;
});
