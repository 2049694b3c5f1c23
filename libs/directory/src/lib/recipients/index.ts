export * from './recipients.module';
