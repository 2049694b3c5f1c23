import { describe, expect, it } from 'vitest';
import { aliasFromName, isValidAlias } from './folder-alias';

describe('folder aliases', () => {
  it('derives an alias from the folder name', () => {
    expect(aliasFromName('Marketing Campaigns')).toBe('MarketingCampaigns');
    expect(aliasFromName('Équipe Ventes (2025)')).toBe('EquipeVentes2025');
    expect(aliasFromName('..a..b.')).toBe('a.b');
    expect(aliasFromName('日本')).toBe('');
  });

  it('accepts dot-atoms only', () => {
    expect(isValidAlias('sales.team')).toBe(true);
    expect(isValidAlias('sales team')).toBe(false);
    expect(isValidAlias('.sales')).toBe(false);
    expect(isValidAlias('a'.repeat(65))).toBe(false);
  });
});
