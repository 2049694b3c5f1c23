import { describe, expect, it } from 'vitest';
import type { AddressSpace } from '@estafette/contracts';
import { selectSmtpConnector, type RoutableSmtpConnector } from './select-smtp-connector';

function connector(
  name: string,
  spaces: Array<[string, number]>,
  extra: Partial<RoutableSmtpConnector> = {},
): RoutableSmtpConnector {
  const addressSpaces: AddressSpace[] = spaces.map(([address, cost]) => ({ type: 'SMTP', address, cost }));
  return {
    id: `id-${name}`,
    name,
    routingGroupId: 'rg-1',
    addressSpaces,
    scope: 'organization',
    enabled: true,
    ...extra,
  };
}

const pick = (list: RoutableSmtpConnector[], domain: string, rg?: string) =>
  selectSmtpConnector(list, domain, rg)?.connector.name ?? null;

describe('selectSmtpConnector', () => {
  const internet = connector('Internet', [['*', 1]]);
  const partner = connector('Partner', [['partner.example', 5]]);
  const partnerSubs = connector('Partner subdomains', [['*.partner.example', 1]]);
  const sales = connector('Sales', [['*.sales.partner.example', 50]]);

  it('answers null when nothing matches', () => {
    expect(pick([], 'example.com')).toBeNull();
    expect(pick([partner], 'other.example')).toBeNull();
  });

  it('prefers the most specific address space over a lower cost', () => {
    const all = [internet, partner, partnerSubs, sales];
    expect(pick(all, 'partner.example')).toBe('Partner');
    expect(pick(all, 'eu.partner.example')).toBe('Partner subdomains');
    expect(pick(all, 'x.sales.partner.example')).toBe('Sales');
    expect(pick(all, 'sales.partner.example')).toBe('Sales');
    expect(pick(all, 'unrelated.example')).toBe('Internet');
  });

  it('lets *.domain cover the domain itself, below an exact match', () => {
    expect(pick([internet, partnerSubs], 'partner.example')).toBe('Partner subdomains');
  });

  it('does not match a domain that merely ends with the same letters', () => {
    expect(pick([partnerSubs], 'notpartner.example')).toBeNull();
    expect(pick([partner], 'eu.partner.example')).toBeNull();
  });

  it('breaks equal specificity by the lowest cost, then by name', () => {
    const cheap = connector('B cheap', [['*', 1]]);
    const dear = connector('A dear', [['*', 10]]);
    expect(pick([dear, cheap], 'example.com')).toBe('B cheap');
    const twin = connector('A twin', [['*', 1]]);
    expect(pick([cheap, twin], 'example.com')).toBe('A twin');
  });

  it('uses the best address space of a connector with several', () => {
    const multi = connector('Multi', [
      ['*', 90],
      ['partner.example', 2],
    ]);
    const choice = selectSmtpConnector([multi, partner], 'partner.example');
    expect(choice?.connector.name).toBe('Multi');
    expect(choice?.addressSpace).toEqual({ type: 'SMTP', address: 'partner.example', cost: 2 });
  });

  it('ignores disabled connectors', () => {
    expect(pick([connector('Off', [['partner.example', 1]], { enabled: false }), internet], 'partner.example')).toBe(
      'Internet',
    );
  });

  it('compares domains case-insensitively and without a trailing dot', () => {
    expect(pick([partner], 'PARTNER.Example.')).toBe('Partner');
    expect(pick([connector('Upper', [['*.PARTNER.EXAMPLE', 1]])], 'eu.partner.example')).toBe('Upper');
  });

  it('applies routing-group scope only for senders of another group', () => {
    const local = connector('Local only', [['partner.example', 1]], { scope: 'routing-group', routingGroupId: 'rg-2' });
    expect(pick([local, internet], 'partner.example', 'rg-1')).toBe('Internet');
    expect(pick([local, internet], 'partner.example', 'rg-2')).toBe('Local only');
    expect(pick([local, internet], 'partner.example')).toBe('Local only');
  });
});
