import { Module, type Provider } from '@nestjs/common';
import { ContainerScopeResolver } from './containers/container-scope.resolver';
import { RecipientContainerRepository } from './containers/recipient-container.repository';
import { RecipientContainerService } from './containers/recipient-container.service';
import { GroupExpansionService } from './group-expansion.service';
import { GroupMemberRepository } from './group-member.repository';
import { GroupMembershipService } from './group-membership.service';
import { HomeStoreRepository } from './home-store.repository';
import { LocalServer } from './local-server';
import { AuthoritativeDomainService } from './policies/authoritative-domain.service';
import { RecipientPolicyRepository } from './policies/recipient-policy.repository';
import { RecipientPolicyService } from './policies/recipient-policy.service';
import { RecipientUpdateService } from './policies/recipient-update.service';
import { RecipientAddressRepository } from './recipient-address.repository';
import { RecipientAddressesService } from './recipient-addresses.service';
import { RecipientEditor } from './recipient-editor';
import { RecipientPasswordService } from './recipient-password.service';
import { RecipientReader } from './recipient.reader';
import { RecipientReferences } from './recipient-references';
import { RecipientRepository } from './recipient.repository';
import { RecipientService } from './recipient.service';

const REPOSITORIES: Provider[] = [
  GroupMemberRepository,
  HomeStoreRepository,
  RecipientAddressRepository,
  RecipientContainerRepository,
  RecipientPolicyRepository,
  RecipientRepository,
];

const INTERNALS: Provider[] = [
  LocalServer,
  RecipientAddressesService,
  RecipientEditor,
  RecipientReader,
  RecipientReferences,
];

const SERVICES: Provider[] = [
  AuthoritativeDomainService,
  ContainerScopeResolver,
  GroupExpansionService,
  GroupMembershipService,
  RecipientContainerService,
  RecipientPasswordService,
  RecipientPolicyService,
  RecipientService,
  RecipientUpdateService,
];

/** Directory area: recipients, containers, recipient policies. Lists its repositories and services; exports the services. */
@Module({
  providers: [...REPOSITORIES, ...INTERNALS, ...SERVICES],
  exports: SERVICES,
})
export class RecipientsModule {}
