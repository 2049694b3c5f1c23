import { domainToASCII } from 'node:url';

/**
 * The domain of a recipient policy address template ('%g.%s@example.com' ->
 * 'example.com'); null when the template has no fixed domain.
 */
export function domainOfTemplate(template: string): string | null {
  const at = template.lastIndexOf('@');
  if (at < 0) return null;
  const domain = template.slice(at + 1).trim();
  if (!domain || domain.includes('%') || !domainToASCII(domain)) return null;
  return domain;
}

/** The uniqueness key of an address: lower-cased, with an ASCII (punycode) domain. */
export function addressKeyOf(localPart: string, domain: string): string {
  return `${localPart.toLowerCase()}@${domainToASCII(domain.toLowerCase())}`;
}
