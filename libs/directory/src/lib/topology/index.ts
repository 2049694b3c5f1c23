export * from './topology.module';
