import { createServer, type AddressInfo, type Server } from 'node:net';
import type { ListenerPorts } from '../../config/server-config';

/**
 * Distinct free ports for every listener role, for a test that needs real port numbers in the
 * directory (port-conflict checks): `startTestServer({ ports: await freeListenerPorts() })`. The
 * ports are probed together, so no two are the same.
 */
export async function freeListenerPorts(): Promise<ListenerPorts> {
  const roles: Array<keyof ListenerPorts> = [
    'smtp',
    'submission',
    'smtps',
    'imap',
    'imaps',
    'pop3',
    'pop3s',
    'nntp',
    'ldap',
    'http',
  ];
  const probes: Server[] = await Promise.all(
    roles.map(
      () =>
        new Promise<Server>((resolve, reject) => {
          const probe = createServer();
          probe.once('error', reject);
          probe.listen(0, '127.0.0.1', () => resolve(probe));
        }),
    ),
  );
  const ports = Object.fromEntries(roles.map((role, i) => [role, (probes[i].address() as AddressInfo).port]));
  await Promise.all(probes.map((p) => new Promise((resolve) => p.close(resolve))));
  return ports as unknown as ListenerPorts;
}
