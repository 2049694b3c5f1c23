import { isIP } from 'node:net';
import {
  AUTH_METHODS_BY_PROTOCOL,
  type AuthMethod,
  type ProtocolName,
  type VirtualServerSettings,
} from '@estafette/contracts';
import type { FieldProblem } from '../common/field-error';
import { canonicalIpAddress, isCidr, isIpAddress } from '../common/network-address';

/** The parts of a virtual server the rules look at (an entity or a request merged onto one). */
export interface VirtualServerShape {
  protocol: ProtocolName;
  name: string;
  bindAddress: string;
  port: number;
  tlsPort: number | null;
  enabled: boolean;
  authMethods: AuthMethod[];
  settings: VirtualServerSettings;
}

type SettingKey = keyof VirtualServerSettings;
const COMMON: SettingKey[] = ['maxConnections', 'connectionTimeoutSeconds', 'allowPlaintextAuth'];

/** Which settings mean something for which protocol; the rest would be silently ignored, so they are refused. */
const SETTINGS_BY_PROTOCOL: Record<ProtocolName, readonly SettingKey[]> = {
  smtp: [...COMMON, 'relay', 'maxMessageSizeKb', 'maxRecipients', 'submissionPort'],
  // NNTP: the largest article a client may post.
  nntp: [...COMMON, 'maxMessageSizeKb'],
  pop3: COMMON,
  imap4: COMMON,
  ldap: COMMON,
  http: COMMON,
};

/** Rules that depend on the protocol or on several fields; shapes and ranges are the DTO's job. */
export function virtualServerProblems(vs: VirtualServerShape): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isIpAddress(vs.bindAddress)) {
    problems.push({
      field: 'bindAddress',
      message: 'must be an IPv4 or IPv6 address (0.0.0.0 or :: for all addresses)',
    });
  }
  const allowed = AUTH_METHODS_BY_PROTOCOL[vs.protocol];
  if (vs.authMethods.length === 0) problems.push({ field: 'authMethods', message: 'needs at least one method' });
  for (const method of vs.authMethods) {
    if (!allowed.includes(method)) {
      problems.push({
        field: 'authMethods',
        message: `${method} is not available for ${vs.protocol} (allowed: ${allowed.join(', ')})`,
      });
    }
  }
  if (new Set(vs.authMethods).size !== vs.authMethods.length)
    problems.push({ field: 'authMethods', message: 'lists a method twice' });

  const applicable = SETTINGS_BY_PROTOCOL[vs.protocol];
  for (const key of Object.keys(vs.settings) as SettingKey[]) {
    if (vs.settings[key] !== undefined && !applicable.includes(key)) {
      problems.push({ field: `settings.${key}`, message: `does not apply to ${vs.protocol} virtual servers` });
    }
  }
  vs.settings.relay?.relayFrom.forEach((entry, i) => {
    if (!isCidr(entry))
      problems.push({
        field: `settings.relay.relayFrom.${i}`,
        message: `"${entry}" is not an IP address or CIDR network`,
      });
  });

  const own = ownPorts(vs);
  for (let i = 0; i < own.length; i++) {
    for (let j = i + 1; j < own.length; j++) {
      if (own[i].port === own[j].port) {
        problems.push({
          field: fieldOf(own[j].role),
          message: `${own[j].role} ${own[j].port} is already this virtual server's ${own[i].role}`,
        });
      }
    }
  }
  return problems;
}

type PortRole = 'port' | 'tlsPort' | 'submissionPort';

function fieldOf(role: PortRole): string {
  return role === 'submissionPort' ? 'settings.submissionPort' : role;
}

/** The ports a virtual server listens on; 0 asks the OS for any free port (tests) and never clashes. */
function ownPorts(vs: VirtualServerShape): Array<{ role: PortRole; port: number }> {
  const ports: Array<{ role: PortRole; port: number | null | undefined }> = [
    { role: 'port', port: vs.port },
    { role: 'tlsPort', port: vs.tlsPort },
    { role: 'submissionPort', port: vs.protocol === 'smtp' ? vs.settings.submissionPort : undefined },
  ];
  return ports.filter((p): p is { role: PortRole; port: number } => typeof p.port === 'number' && p.port !== 0);
}

/**
 * Whether two bind addresses can collide: the same address, or a wildcard
 * covering the other (`0.0.0.0` covers IPv4; `::` covers everything, since
 * Node listens dual-stack on it).
 */
export function bindAddressesOverlap(a: string, b: string): boolean {
  const x = canonicalIpAddress(a);
  const y = canonicalIpAddress(b);
  if (x === y || x === '::' || y === '::') return true;
  return (x === '0.0.0.0' && isIP(y) === 4) || (y === '0.0.0.0' && isIP(x) === 4);
}

export interface PortConflict<V> {
  other: V;
  port: number;
  field: string;
}

/** The first enabled virtual server of the same server that would listen on one of the candidate's address and port pairs. */
export function findPortConflict<V extends VirtualServerShape>(
  candidate: VirtualServerShape,
  others: readonly V[],
): PortConflict<V> | null {
  if (!candidate.enabled) return null;
  for (const other of others) {
    if (!other.enabled || !bindAddressesOverlap(candidate.bindAddress, other.bindAddress)) continue;
    const taken = new Set(ownPorts(other).map((p) => p.port));
    const clash = ownPorts(candidate).find((p) => taken.has(p.port));
    if (clash) return { other, port: clash.port, field: fieldOf(clash.role) };
  }
  return null;
}

/** Methods a new virtual server offers when the request names none (the same as first-run setup). */
export const DEFAULT_AUTH_METHODS: Readonly<Record<ProtocolName, readonly AuthMethod[]>> = {
  // Exchange 2003's Default SMTP Virtual Server allows anonymous access: other domains' servers send without a password.
  smtp: ['anonymous', 'plain', 'login'],
  pop3: ['plain', 'login'],
  imap4: ['plain', 'login'],
  nntp: ['plain', 'anonymous'],
  ldap: ['basic', 'anonymous'],
  http: ['basic'],
};
