import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { UpdatePublicFolderRequest } from '@estafette/contracts';
import { rethrowConflict } from '../../common/unique-violation';
import type { PublicFolderEntity } from '../../entities/public-folder.entity';
import { aliasFromName, isValidAlias } from './folder-alias';
import { ensureAnonymousCanPost } from './folder-permission-rules';
import { PublicFolderAddressRepository, type AddressHolder } from './public-folder-address.repository';
import { PublicFolderPermissionRepository } from './public-folder-permission.repository';
import { addressKeyOf, domainOfTemplate } from './policy-domain';

const describeHolder = (h: AddressHolder): string =>
  `${h.kind === 'recipient' ? 'recipient' : 'public folder'} '${h.name}'`;

/**
 * Mail-enabling a public folder: it gets alias@<primary domain of the default
 * recipient policy> as its primary address and appears in the address book;
 * mail-disabling removes its addresses. Runs inside the caller's transaction.
 */
@Injectable()
export class PublicFolderMailService {
  constructor(
    private readonly addresses: PublicFolderAddressRepository,
    private readonly permissions: PublicFolderPermissionRepository,
  ) {}

  async apply(manager: EntityManager, folder: PublicFolderEntity, changes: UpdatePublicFolderRequest): Promise<void> {
    const enable = changes.mailEnabled ?? folder.mailEnabled;
    if (!enable) {
      if (changes.alias !== undefined)
        throw new BadRequestException('alias applies to mail-enabled folders; send mailEnabled: true with it');
      if (folder.mailEnabled) await this.disable(manager, folder);
      return;
    }
    if (folder.parentId === null)
      throw new ConflictException('the root of the public folder tree cannot be mail-enabled');
    const alias = changes.alias ?? folder.alias ?? aliasFromName(folder.name);
    if (!alias) throw new BadRequestException(`no alias can be made from the name '${folder.name}'; give one`);
    if (!isValidAlias(alias)) throw new BadRequestException(`alias '${alias}' is not a valid address local part`);
    if (folder.mailEnabled && alias === folder.alias) return;
    await this.enable(manager, folder, alias);
  }

  private async enable(manager: EntityManager, folder: PublicFolderEntity, alias: string): Promise<void> {
    const aliasHolder = await this.addresses.findAliasHolder(manager, alias, folder.id);
    if (aliasHolder) throw new ConflictException(`alias '${alias}' is already used by ${describeHolder(aliasHolder)}`);
    const template = await this.addresses.defaultPolicyPrimaryTemplate(manager);
    const domain = template ? domainOfTemplate(template) : null;
    if (!domain)
      throw new ConflictException('the default recipient policy has no primary SMTP address template with a domain');
    const address = `${alias}@${domain}`;
    const key = addressKeyOf(alias, domain);
    const holder = await this.addresses.findAddressHolder(manager, key);
    if (holder && holder.id !== folder.id)
      throw new ConflictException(`address ${address} is already used by ${describeHolder(holder)}`);
    await this.addresses
      .replaceAddresses(manager, folder.id, address, key)
      .catch((error: unknown) => rethrowConflict(error, `address ${address} is already in use`));
    if (!folder.mailEnabled) {
      const current = await this.permissions.findByFolder(folder.id, manager);
      await this.permissions.replace(manager, folder.id, ensureAnonymousCanPost(current));
    }
    folder.mailEnabled = true;
    folder.alias = alias;
  }

  private async disable(manager: EntityManager, folder: PublicFolderEntity): Promise<void> {
    await this.addresses.deleteAddresses(manager, folder.id);
    folder.mailEnabled = false;
    folder.alias = null;
  }
}
