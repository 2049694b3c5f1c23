import { BadRequestException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RecipientRepository } from './recipient.repository';

/** Checks that ids a request refers to (members, restrictions, delegates, forwarding) are recipients. */
@Injectable()
export class RecipientReferences {
  constructor(private readonly recipients: RecipientRepository) {}

  /** Returns the ids without duplicates, in order; 400 naming the first id that is not a recipient. */
  async require(manager: EntityManager, field: string, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const names = await this.recipients.findNames(manager, unique);
    const missing = unique.find((id) => !names.has(id));
    if (missing) throw new BadRequestException(`${field}: ${missing} is not a recipient`);
    return unique;
  }
}
