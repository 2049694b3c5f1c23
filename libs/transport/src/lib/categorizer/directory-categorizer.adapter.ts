import { Injectable, NotFoundException } from '@nestjs/common';
import type { RecipientDto } from '@estafette/contracts';
import {
  GroupExpansionService,
  PublicFolderPostingService,
  RecipientResolver,
  RecipientService,
  type RecipientEntity,
} from '@estafette/directory';
import type {
  CategorizerDirectory,
  DirectoryLookup,
  DirectoryRecipient,
  PublicFolderTarget,
} from './categorizer-directory';

function fromEntity(r: RecipientEntity): DirectoryRecipient {
  return {
    id: r.id,
    kind: r.kind,
    displayName: r.displayName,
    primarySmtpAddress: r.primarySmtpAddress,
    mailboxStoreId: r.mailboxStoreId,
    targetAddress: r.targetAddress,
    hiddenFromAddressLists: r.hiddenFromAddressLists,
    acceptFromIds: r.acceptFromIds,
    rejectFromIds: r.rejectFromIds,
    requireAuthenticatedSenders: r.requireAuthenticatedSenders,
    forwardingRecipientId: r.forwardingRecipientId,
    deliverAndForward: r.deliverAndForward,
    maxReceiveSizeKb: r.maxReceiveSizeKb,
  };
}

function fromDto(r: RecipientDto): DirectoryRecipient {
  return {
    id: r.id,
    kind: r.kind,
    displayName: r.displayName,
    primarySmtpAddress: r.primarySmtpAddress,
    mailboxStoreId: r.mailboxStoreId,
    targetAddress: r.targetAddress,
    hiddenFromAddressLists: r.hiddenFromAddressLists,
    acceptFromIds: r.restrictions.acceptFromIds,
    rejectFromIds: r.restrictions.rejectFromIds,
    requireAuthenticatedSenders: r.restrictions.requireAuthenticatedSenders,
    forwardingRecipientId: r.deliveryOptions.forwardingRecipientId,
    deliverAndForward: r.deliveryOptions.deliverAndForward,
    maxReceiveSizeKb: r.limits.maxReceiveSizeKb,
  };
}

/** The categorizer's directory: RecipientResolver for addresses, the directory's group expansion for groups. */
@Injectable()
export class DirectoryCategorizerAdapter implements CategorizerDirectory {
  constructor(
    private readonly resolver: RecipientResolver,
    private readonly recipients: RecipientService,
    private readonly groups: GroupExpansionService,
    private readonly publicFolders: PublicFolderPostingService,
  ) {}

  async resolve(address: string): Promise<DirectoryLookup> {
    const owner = await this.resolver.resolve(address);
    if (!owner) return null;
    if (owner.kind === 'public-folder') return { kind: 'public-folder', publicFolderId: owner.publicFolderId };
    return { kind: 'recipient', recipient: fromEntity(owner.recipient) };
  }

  async findById(id: string): Promise<DirectoryRecipient | null> {
    try {
      return fromDto(await this.recipients.get(id));
    } catch (error) {
      if (error instanceof NotFoundException) return null;
      throw error;
    }
  }

  async expandGroup(groupId: string): Promise<string[]> {
    try {
      return (await this.groups.expand(groupId)).map((m) => m.id);
    } catch (error) {
      if (error instanceof NotFoundException) return [];
      throw error;
    }
  }

  authoritativeDomains(): Promise<string[]> {
    return this.resolver.authoritativeDomains();
  }

  async publicFolder(publicFolderId: string, senderId: string | null): Promise<PublicFolderTarget | null> {
    const posting = await this.publicFolders.posting(publicFolderId, senderId);
    return (
      posting && { displayName: posting.displayName, publicStoreId: posting.publicStoreId, mayPost: posting.mayPost }
    );
  }
}
