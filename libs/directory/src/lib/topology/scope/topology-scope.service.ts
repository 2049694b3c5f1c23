import { Injectable } from '@nestjs/common';
import { ORGANIZATION_SCOPE, type Scope } from '@estafette/security';
import type { TopologyObjectRef } from './topology-object-kind';
import { TopologyScopeRepository } from './topology-scope.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where a topology object sits for delegation: the administrative group that
 * owns it. Used by the API's scope resolvers before the request reaches a
 * service, so it trusts nothing in the request. An object that cannot be
 * placed (malformed or unknown id) falls back to the organisation scope: only
 * organisation-wide roles get through, and they then see the usual 400/404.
 */
@Injectable()
export class TopologyScopeService {
  constructor(private readonly scopes: TopologyScopeRepository) {}

  /**
   * The scope of `target`. A change that would also attach it to other
   * objects (`alsoTouches`, e.g. a server moving to another administrative or
   * routing group) stays inside the scope only when those objects belong to
   * the same administrative group; crossing groups needs organisation rights.
   */
  async scopeOf(target: TopologyObjectRef, alsoTouches: TopologyObjectRef[] = []): Promise<Scope> {
    const owner = await this.ownerOf(target);
    if (!owner) return ORGANIZATION_SCOPE;
    for (const ref of alsoTouches) {
      if (ref.id === undefined) continue;
      if ((await this.ownerOf(ref)) !== owner) return ORGANIZATION_SCOPE;
    }
    return { type: 'administrative-group', id: owner };
  }

  private async ownerOf(ref: TopologyObjectRef): Promise<string | null> {
    if (typeof ref.id !== 'string' || !UUID.test(ref.id)) return null;
    return this.scopes.findAdministrativeGroupId(ref.kind, ref.id);
  }
}
