import { BadRequestException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PublicFolderRepository } from './public-folder.repository';

/**
 * Owners and permission entries must name existing recipients; checking first
 * gives a 400 naming the id instead of the foreign-key violation's generic 409.
 */
@Injectable()
export class RecipientReferenceCheck {
  constructor(private readonly folders: PublicFolderRepository) {}

  async mustExist(manager: EntityManager, ids: string[], field: string): Promise<void> {
    const existing = await this.folders.existingRecipientIds(manager, ids);
    const missing = ids.find((id) => !existing.has(id));
    if (missing) throw new BadRequestException(`${field}: recipient ${missing} does not exist`);
  }
}
