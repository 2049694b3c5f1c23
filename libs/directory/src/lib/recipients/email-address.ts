import { addressKey, isValidLocalPart, parseAddress } from '@estafette/mime';

export interface NormalisedAddress {
  /** Canonical form: local part as written (quoted only when it must be), domain lower-case ASCII. */
  address: string;
  /** The uniqueness key of recipient_address.address_key. */
  key: string;
}

export type AddressCheck = { ok: true; value: NormalisedAddress } | { ok: false; error: string };

/** Validates an SMTP address (RFC 5321 Mailbox) for a recipient: a host name domain, not an IP literal. */
export function normaliseEmailAddress(text: string): AddressCheck {
  const parsed = parseAddress(text.trim());
  if (!parsed.ok) return { ok: false, error: `${text} is not a valid e-mail address: ${parsed.error.message}` };
  if (parsed.value.domainType !== 'name') {
    return { ok: false, error: `${text}: use a domain name, not an address literal` };
  }
  // The ASCII (A-label) domain, as policy templates store it, so one address is always written one way.
  const written = parsed.value.address;
  const address = `${written.slice(0, written.lastIndexOf('@') + 1)}${parsed.value.domainAscii}`;
  return { ok: true, value: { address, key: addressKey(address) } };
}

/**
 * An alias is a plain ASCII dot-atom (RFC 5322 §3.4.1) of 1..64 characters, so that %m in an address
 * template is always usable as it is and any mail client can type it.
 */
export function aliasError(alias: string): string | null {
  if (alias.length < 1 || alias.length > 64) return 'alias must be 1 to 64 characters long';
  if (!/^[\x21-\x7e]+$/.test(alias) || alias.startsWith('"') || !isValidLocalPart(alias)) {
    return `alias ${alias} is not valid: use letters, digits and ! # $ % & ' * + - / = ? ^ _ \` { | } ~ with single inner dots`;
  }
  return null;
}
