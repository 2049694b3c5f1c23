import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, Request } from 'express';
import { TopologyScopeService, type TopologyObjectKind, type TopologyObjectRef } from '@estafette/directory';
import type { ScopeResolver } from '@estafette/security';

/**
 * Scope resolvers for delegation on topology routes.
 *
 * The guard calls a resolver with the request alone, before any pipe, so a
 * resolver cannot be injected. TopologyScopeBinder puts TopologyScopeService
 * on the Express application's locals at start-up and resolvers find it
 * through `req.app`: no module-level singleton, so several apps in one
 * process (tests) each use their own database.
 */
const LOCALS_KEY = 'estafetteTopologyScopes';

@Injectable()
export class TopologyScopeBinder implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly scopes: TopologyScopeService,
  ) {}

  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter.getInstance<Express>();
    app.locals[LOCALS_KEY] = this.scopes;
  }
}

function scopesOf(req: Request): TopologyScopeService {
  const scopes = req.app.locals[LOCALS_KEY] as TopologyScopeService | undefined;
  if (!scopes) throw new Error('topology scope resolvers need TopologyApiModule (TopologyScopeBinder did not run)');
  return scopes;
}

function bodyField(req: Request, field: string): unknown {
  const body: unknown = req.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
}

/**
 * The administrative group of the object named by route parameter `param`.
 * `moves` lists body fields that attach the object to another object (a
 * server's routingGroupId...): if that one lies in another administrative
 * group, the change needs organisation-wide rights.
 */
export function inGroupOf(
  kind: TopologyObjectKind,
  param = 'id',
  moves: Record<string, TopologyObjectKind> = {},
): ScopeResolver {
  return (req) => {
    const touched: TopologyObjectRef[] = Object.entries(moves).map(([field, k]) => ({
      kind: k,
      id: bodyField(req, field),
    }));
    return scopesOf(req).scopeOf({ kind, id: req.params[param] }, touched);
  };
}

/** The administrative group of the object a new one is created in, named by a body field. */
export function inGroupOfBody(field: string, kind: TopologyObjectKind): ScopeResolver {
  return (req) => scopesOf(req).scopeOf({ kind, id: bodyField(req, field) });
}
