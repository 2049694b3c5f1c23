import { describe, expect, it } from 'vitest';
import { loadServerConfig } from './server-config';

describe('server configuration', () => {
  it('leaves the PGlite lease check off unless ESTAFETTE_LEASE_CHECK=true (the test suites turn it on)', () => {
    expect(loadServerConfig({}).leaseCheck).toBe(false);
    expect(loadServerConfig({ ESTAFETTE_LEASE_CHECK: 'false' }).leaseCheck).toBe(false);
    expect(loadServerConfig({ ESTAFETTE_LEASE_CHECK: 'true' }).leaseCheck).toBe(true);
  });

  it('reads ports, data dir and domain from the environment', () => {
    const config = loadServerConfig({
      ESTAFETTE_IMAP_PORT: '1143',
      ESTAFETTE_DATA_DIR: ':memory:',
      ESTAFETTE_HOSTNAME: 'mail.school.example',
      ESTAFETTE_STANDARD_PORTS: 'false',
    });
    expect(config.ports.imap).toBe(1143);
    expect(config.ports.pop3).toBe(2110);
    expect(config.inMemoryDatabase).toBe(true);
    expect(config.domain).toBe('school.example');
  });
});
