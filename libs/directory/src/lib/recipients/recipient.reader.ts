import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecipientDto } from '@estafette/contracts';
import { GroupMemberRepository } from './group-member.repository';
import { RecipientAddressRepository } from './recipient-address.repository';
import { toRecipientDto } from './recipient.mapper';
import { RecipientRepository } from './recipient.repository';

/** Loads a recipient with its addresses and members as the API shows it (also for audit before/after). */
@Injectable()
export class RecipientReader {
  constructor(
    private readonly recipients: RecipientRepository,
    private readonly addresses: RecipientAddressRepository,
    private readonly members: GroupMemberRepository,
  ) {}

  async load(manager: EntityManager, id: string): Promise<RecipientDto> {
    const recipient = await this.recipients.findById(id, manager);
    if (!recipient) throw new NotFoundException(`recipient ${id} does not exist`);
    const [addresses, memberIds] = [
      await this.addresses.findByRecipient(manager, id),
      await this.members.findMemberIds(manager, id),
    ];
    return toRecipientDto(recipient, addresses, memberIds);
  }
}
