import { isDomainName, isIpAddress } from '../common/network-address';

export interface SmartHost {
  host: string;
  /** An IP literal written in brackets: used as is, no MX or A lookup. */
  literal: boolean;
  /** Null: port 25. */
  port: number | null;
}

function parsePort(text: string): number | null | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/**
 * A smart host as Exchange wrote it: a host name (`relay.example.net`) or an IP
 * literal in brackets (`[192.0.2.25]`, `[2001:db8::25]`), optionally followed by
 * `:port`. Returns null when the text is not one.
 */
export function parseSmartHost(text: string): SmartHost | null {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return null;
    const host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (!isIpAddress(host)) return null;
    if (rest === '') return { host, literal: true, port: null };
    const port = rest.startsWith(':') ? parsePort(rest.slice(1)) : undefined;
    return port ? { host, literal: true, port } : null;
  }
  const colon = text.lastIndexOf(':');
  const host = colon < 0 ? text : text.slice(0, colon);
  // A bare IP address must be bracketed, as in Exchange, so that it is never taken for a name to look up.
  if (!isDomainName(host) || isIpAddress(host) || /^[\d.]+$/.test(host)) return null;
  if (colon < 0) return { host, literal: false, port: null };
  const port = parsePort(text.slice(colon + 1));
  return port ? { host, literal: false, port } : null;
}
