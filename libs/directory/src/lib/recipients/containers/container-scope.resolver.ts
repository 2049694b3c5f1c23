import { Injectable } from '@nestjs/common';
import type { Scope } from '@estafette/security';
import { RecipientRepository } from '../recipient.repository';
import { commonScope, containerScope, type ContainerChain } from './container-scope';
import { RecipientContainerRepository } from './recipient-container.repository';

const ORGANIZATION: Scope = { type: 'organization' };

/**
 * Where a recipient or container sits, as a delegation scope: the container with its ancestors, so an
 * administrator delegated on a container manages everything below it. Unknown objects resolve to the
 * organisation scope, the strictest: only organisation-wide administrators get as far as the 404.
 *
 * Wiring: RecipientsModule provides it; the server app's ContainerScopeMiddleware puts it on each
 * request of the recipient routes, where the ScopeResolver functions of @RequirePermission find it
 * (a decorator argument cannot be injected).
 */
@Injectable()
export class ContainerScopeResolver {
  constructor(
    private readonly containers: RecipientContainerRepository,
    private readonly recipients: RecipientRepository,
  ) {}

  /** The scope of a container; null (top level, or none given) is the organisation. */
  async ofContainer(containerId: string | null | undefined): Promise<Scope> {
    const chain = await this.chain(containerId);
    return chain ? containerScope(chain) : ORGANIZATION;
  }

  /** Where a new recipient goes: the given container, else the default Users container. */
  async ofNewRecipient(containerId: string | null | undefined): Promise<Scope> {
    return this.ofContainer(containerId ?? (await this.containers.findDefaultContainerId()));
  }

  /** The scope of the container holding a recipient. */
  async ofRecipient(recipientId: string): Promise<Scope> {
    if (!isUuid(recipientId)) return ORGANIZATION;
    return this.ofContainer(await this.recipients.findContainerId(recipientId));
  }

  /** Moving from one container to another needs a role covering both: their common ancestor. */
  async ofMove(fromContainerId: string | null, toContainerId: string | null): Promise<Scope> {
    const [from, to] = [await this.chain(fromContainerId), await this.chain(toContainerId)];
    if (!from || !to) return ORGANIZATION;
    return commonScope(from, to);
  }

  /** A recipient moved to another container: its current and its new container. */
  async ofRecipientMove(recipientId: string, toContainerId: string): Promise<Scope> {
    if (!isUuid(recipientId)) return ORGANIZATION;
    return this.ofMove(await this.recipients.findContainerId(recipientId), toContainerId);
  }

  /** The parent of a container (for deleting it: the role must cover where it hangs). */
  async ofParentOf(containerId: string): Promise<Scope> {
    if (!isUuid(containerId)) return ORGANIZATION;
    const container = await this.containers.findById(containerId);
    return this.ofContainer(container?.parentId);
  }

  private async chain(containerId: string | null | undefined): Promise<ContainerChain | null> {
    if (!containerId || !isUuid(containerId)) return null;
    const container = await this.containers.findById(containerId);
    if (!container) return null;
    return { id: container.id, ancestors: await this.containers.findAncestorIds(container.id) };
  }
}

function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
