import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';
import { ContainerScopeMiddleware } from './container-scope.middleware';
import { DomainsController } from './domains.controller';
import { GroupMembersController } from './group-members.controller';
import { LOCAL_SERVER_NAME_PROVIDER } from './local-server-name.provider';
import { RecipientContainersController } from './recipient-containers.controller';
import { RecipientPoliciesController } from './recipient-policies.controller';
import { RecipientsController } from './recipients.controller';

/** Controllers whose routes resolve a recipient-container scope for delegated administrators. */
const SCOPED_CONTROLLERS = [GroupMembersController, RecipientContainersController, RecipientsController];

/** REST controllers for the directory area: recipients, containers, recipient policies, domains. */
@Module({
  imports: [DirectoryModule],
  controllers: [DomainsController, RecipientPoliciesController, ...SCOPED_CONTROLLERS],
  providers: [LOCAL_SERVER_NAME_PROVIDER],
})
export class RecipientsApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ContainerScopeMiddleware).forRoutes(...SCOPED_CONTROLLERS);
  }
}
