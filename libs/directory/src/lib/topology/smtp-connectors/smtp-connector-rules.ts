import type { AddressSpace } from '@estafette/contracts';
import type { FieldProblem } from '../common/field-error';
import { isAddressSpacePattern } from './address-space';
import { parseSmartHost } from './smart-host';

/** Address spaces and smart host of an SMTP connector; the DTO checks shapes, this the meaning. */
export function smtpConnectorProblems(
  addressSpaces: readonly AddressSpace[],
  smartHost: string | null,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (addressSpaces.length === 0)
    problems.push({ field: 'addressSpaces', message: 'needs at least one address space (* for all domains)' });
  const seen = new Set<string>();
  addressSpaces.forEach((space, i) => {
    if (space.type !== 'SMTP')
      problems.push({ field: `addressSpaces.${i}.type`, message: 'only SMTP address spaces are supported' });
    if (!isAddressSpacePattern(space.address)) {
      problems.push({
        field: `addressSpaces.${i}.address`,
        message: `"${space.address}" is not *, a domain or *.domain`,
      });
    }
    if (!Number.isInteger(space.cost) || space.cost < 1 || space.cost > 100) {
      problems.push({ field: `addressSpaces.${i}.cost`, message: 'must be a whole number from 1 to 100' });
    }
    const key = space.address.toLowerCase();
    if (seen.has(key))
      problems.push({ field: `addressSpaces.${i}.address`, message: `"${space.address}" is listed twice` });
    seen.add(key);
  });
  if (smartHost !== null && !parseSmartHost(smartHost)) {
    problems.push({
      field: 'smartHost',
      message: 'must be a host name or an [IP address] in brackets, optionally with :port',
    });
  }
  return problems;
}

/** Domains compare case-insensitively; store them one way. */
export function normalizeAddressSpaces(addressSpaces: readonly AddressSpace[]): AddressSpace[] {
  return addressSpaces.map((s) => ({ type: s.type, address: s.address.toLowerCase(), cost: s.cost }));
}
