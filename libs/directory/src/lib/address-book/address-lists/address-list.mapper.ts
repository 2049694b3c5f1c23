import type { AddressListDto } from '@estafette/contracts';
import type { AddressListEntity } from '../../entities/address-list.entity';

export function toAddressListDto(list: AddressListEntity): AddressListDto {
  return {
    id: list.id,
    parentId: list.parentId,
    name: list.name,
    kind: list.kind,
    filter: list.filter,
    system: list.system,
  };
}
