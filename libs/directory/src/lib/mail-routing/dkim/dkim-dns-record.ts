/** RFC 6376 §3.1: a selector is one or more DNS labels (here lower-case LDH, 63 octets at most in all). */
const SELECTOR = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;

export function isValidSelector(selector: string): boolean {
  return selector.length <= 63 && SELECTOR.test(selector);
}

/** The owner name of the key record (RFC 6376 §3.6.2.1). */
export function dkimDnsName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain}`;
}

/** The TXT record value of an RSA key (RFC 6376 §3.6.1): version, key type, base64 public key. */
export function dkimDnsRecord(publicKeyBase64: string): string {
  return `v=DKIM1; k=rsa; p=${publicKeyBase64}`;
}
