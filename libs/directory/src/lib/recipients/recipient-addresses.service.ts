import { ConflictException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecipientAddressRepository } from './recipient-address.repository';
import { RecipientRepository } from './recipient.repository';
import type { WantedAddress } from './recipient-rules';

/** Hand edits of a recipient's e-mail addresses. */
@Injectable()
export class RecipientAddressesService {
  constructor(
    private readonly recipients: RecipientRepository,
    private readonly addresses: RecipientAddressRepository,
  ) {}

  /** Throws 409 naming the first address some other recipient or public folder owns. */
  async ensureFree(
    manager: EntityManager,
    recipientId: string | null,
    wanted: readonly { address: string; key: string }[],
  ): Promise<void> {
    for (const a of wanted) {
      if (await this.addresses.isTakenByOther(manager, a.key, recipientId)) {
        throw new ConflictException(`the address ${a.address} already belongs to another recipient or public folder`);
      }
    }
  }

  /**
   * Makes the list the recipient's addresses: new ones are hand-added, listed existing ones keep their
   * origin, unlisted ones go. Keeps recipient.primary_smtp_address in step.
   */
  async replace(manager: EntityManager, recipientId: string, wanted: readonly WantedAddress[]): Promise<string> {
    await this.ensureFree(manager, recipientId, wanted);
    const current = await this.addresses.findByRecipient(manager, recipientId);
    const wantedKeys = new Set(wanted.map((a) => a.key));
    const currentByKey = new Map(current.map((a) => [a.addressKey, a]));
    const primary = wanted.find((a) => a.isPrimary) as WantedAddress;
    await this.addresses.clearPrimary(manager, recipientId);
    await this.addresses.deleteByIds(
      manager,
      current.filter((a) => !wantedKeys.has(a.addressKey)).map((a) => a.id),
    );
    await this.addresses.insert(
      manager,
      recipientId,
      wanted
        .filter((a) => !currentByKey.has(a.key))
        .map((a) => ({ address: a.address, addressKey: a.key, isPrimary: a.isPrimary, fromPolicy: false })),
    );
    const existingPrimary = currentByKey.get(primary.key);
    if (existingPrimary) await this.addresses.setPrimary(manager, existingPrimary.id);
    const primaryAddress = existingPrimary?.address ?? primary.address;
    await this.recipients.setPrimarySmtpAddress(manager, recipientId, primaryAddress);
    return primaryAddress;
  }
}
