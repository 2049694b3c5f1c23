import type { ProtocolName } from '@estafette/contracts';

export interface ListenerDefaults {
  protocol: ProtocolName;
  port: number;
  tlsPort: number | null;
  /** SMTP: the submission port. */
  submissionPort?: number;
}

export interface SetupOptions {
  /** Name of the Server object this process registers as. */
  serverName: string;
  /** The first authoritative domain: the default recipient policy's. */
  domain: string;
  bindAddress: string;
  listeners: ListenerDefaults[];
  version: string;
}

export interface SetupResult {
  /** True when this run created the organisation (first run on an empty database). */
  createdOrganization: boolean;
  /** True when this process registered a new Server object. */
  registeredServer: boolean;
  serverId: string;
  /** The administrator's recipient id, on first run. */
  administratorId: string | null;
}
