import { AddressListEntity } from './address-list.entity';
import { AdministrativeGroupEntity } from './administrative-group.entity';
import { GroupMemberEntity } from './group-member.entity';
import { InformationStoreEntity } from './information-store.entity';
import { OrganizationEntity } from './organization.entity';
import { ProtocolVirtualServerEntity } from './protocol-virtual-server.entity';
import { PublicFolderPermissionEntity } from './public-folder-permission.entity';
import { PublicFolderEntity } from './public-folder.entity';
import { RecipientAddressEntity } from './recipient-address.entity';
import { RecipientContainerEntity } from './recipient-container.entity';
import { RecipientPolicyEntity } from './recipient-policy.entity';
import { RecipientEntity } from './recipient.entity';
import { RoutingGroupConnectorEntity } from './routing-group-connector.entity';
import { RoutingGroupEntity } from './routing-group.entity';
import { ServerEntity } from './server.entity';
import { SmtpConnectorEntity } from './smtp-connector.entity';
import { StorageGroupEntity } from './storage-group.entity';

export {
  AddressListEntity,
  AdministrativeGroupEntity,
  GroupMemberEntity,
  InformationStoreEntity,
  OrganizationEntity,
  ProtocolVirtualServerEntity,
  PublicFolderEntity,
  PublicFolderPermissionEntity,
  RecipientAddressEntity,
  RecipientContainerEntity,
  RecipientEntity,
  RecipientPolicyEntity,
  RoutingGroupConnectorEntity,
  RoutingGroupEntity,
  ServerEntity,
  SmtpConnectorEntity,
  StorageGroupEntity,
};

export const DIRECTORY_ENTITIES = [
  AddressListEntity,
  AdministrativeGroupEntity,
  GroupMemberEntity,
  InformationStoreEntity,
  OrganizationEntity,
  ProtocolVirtualServerEntity,
  PublicFolderEntity,
  PublicFolderPermissionEntity,
  RecipientAddressEntity,
  RecipientContainerEntity,
  RecipientEntity,
  RecipientPolicyEntity,
  RoutingGroupConnectorEntity,
  RoutingGroupEntity,
  ServerEntity,
  SmtpConnectorEntity,
  StorageGroupEntity,
];
