export * from './lib/mailbox.contract';
export * from './lib/recipient.contract';
export * from './lib/security.contract';
export * from './lib/topology.contract';
export * from './lib/transport.contract';
