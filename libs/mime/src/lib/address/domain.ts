import { isIP } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import { MAX_DOMAIN_OCTETS, MAX_LABEL_OCTETS, utf8Length } from './address-limits';
import type { DomainType } from './mailbox.model';

export interface ResolvedDomain {
  readonly domain: string;
  readonly domainAscii: string;
  readonly domainUnicode: string;
  readonly domainType: DomainType;
}

export type DomainResult = { ok: true; value: ResolvedDomain } | { ok: false; message: string };

/** RFC 5321 §4.1.2 sub-domain after IDNA conversion: letter-digit-hyphen, no edge hyphen (RFC 1123 §2.1). */
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Validates a host name (RFC 5321 Domain, with U-labels per RFC 6531 §3.3) and derives its ASCII and Unicode forms.
 * IDNA conversion uses UTS #46 via node:url; the checks below are on the A-label form, the one DNS sees.
 */
export function resolveDomainName(text: string): DomainResult {
  if (text.length === 0) return fail('Domain is empty');
  if (utf8Length(text) > MAX_DOMAIN_OCTETS)
    return fail(`Domain exceeds ${MAX_DOMAIN_OCTETS} octets (RFC 5321 §4.5.3.1.2)`);
  const ascii = toAscii(text);
  if (ascii === '') return fail(`Invalid internationalised domain name '${text}'`);
  if (ascii.length > MAX_DOMAIN_OCTETS)
    return fail(`Domain exceeds ${MAX_DOMAIN_OCTETS} octets in ASCII form (RFC 5321 §4.5.3.1.2)`);
  const labels = ascii.split('.');
  for (const label of labels) {
    if (label.length === 0) return fail('Domain has an empty label');
    if (label.length > MAX_LABEL_OCTETS)
      return fail(`Domain label exceeds ${MAX_LABEL_OCTETS} octets (RFC 1035 §2.3.4)`);
    if (!LDH_LABEL.test(label))
      return fail(`Domain label '${label}' must be letters, digits and inner hyphens (RFC 5321 §4.1.2)`);
  }
  // RFC 3696 §2: a top-level domain is never all-numeric, which keeps "1.2.3.4" from passing as a name.
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? ''))
    return fail('Top-level domain must not be all-numeric (RFC 3696 §2)');
  const unicode = domainToUnicode(ascii);
  // A-labels must decode to U-labels that encode back to the same A-labels (RFC 5891 §5.4).
  if (unicode === '' || toAscii(unicode) !== ascii) return fail(`Invalid internationalised domain name '${text}'`);
  return {
    ok: true,
    value: { domain: text.toLowerCase(), domainAscii: ascii, domainUnicode: unicode, domainType: 'name' },
  };
}

/** RFC 5321 §4.1.3 address literals: IPv4 dotted quad, or "IPv6:" followed by an IPv6 address. */
export function resolveAddressLiteral(content: string): DomainResult {
  const tagged = /^ipv6:/i.test(content);
  if (tagged) {
    const ip = content.slice(5);
    if (isIP(ip) !== 6 || ip.includes('%')) return fail(`Invalid IPv6 address literal '[${content}]'`);
    const canonical = canonicalIpv6(ip);
    if (canonical === null) return fail(`Invalid IPv6 address literal '[${content}]'`);
    const asciiForm = `[IPv6:${canonical}]`;
    return {
      ok: true,
      value: {
        domain: `[IPv6:${ip.toLowerCase()}]`,
        domainAscii: asciiForm,
        domainUnicode: asciiForm,
        domainType: 'ipv6',
      },
    };
  }
  if (isIP(content) === 4) {
    const literal = `[${content}]`;
    return { ok: true, value: { domain: literal, domainAscii: literal, domainUnicode: literal, domainType: 'ipv4' } };
  }
  if (isIP(content) === 6) return fail(`IPv6 address literal needs the 'IPv6:' tag (RFC 5321 §4.1.3)`);
  if (/^[A-Za-z0-9-]*[A-Za-z0-9]:/.test(content)) return fail(`Unsupported address literal tag in '[${content}]'`);
  return fail(`Invalid IPv4 address literal '[${content}]'`);
}

/** True for a syntactically valid host name (ASCII or IDN); address literals are not host names. */
export function isValidDomain(domain: string): boolean {
  return typeof domain === 'string' && resolveDomainName(domain).ok;
}

/** Lower-cased ASCII (punycode A-label) form of a valid host name, or null when it is not valid. */
export function normaliseDomain(domain: string): string | null {
  if (typeof domain !== 'string') return null;
  const result = resolveDomainName(domain);
  return result.ok ? result.value.domainAscii : null;
}

function toAscii(text: string): string {
  try {
    return domainToASCII(text);
  } catch {
    return '';
  }
}

/** RFC 5952 text form, as serialised by the WHATWG URL host parser. */
function canonicalIpv6(ip: string): string | null {
  try {
    return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

function fail(message: string): DomainResult {
  return { ok: false, message };
}
