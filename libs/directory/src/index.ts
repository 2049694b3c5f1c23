export * from './lib/directory.module';
export * from './lib/entities';
export * from './lib/organization/organization.service';
export * from './lib/setup/organization-setup.service';
export * from './lib/setup/setup-options';
export * from './lib/accounts/directory-account-lookup';
