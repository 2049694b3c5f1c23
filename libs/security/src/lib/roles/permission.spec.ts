import { describe, expect, it } from 'vitest';
import { isAllowed, ORGANIZATION_SCOPE, type Grant } from './permission';

describe('isAllowed', () => {
  const full: Grant = { role: 'full-administrator', scopeType: 'organization', scopeId: null };
  const viewOnly: Grant = { role: 'view-only-administrator', scopeType: 'organization', scopeId: null };
  const agAdmin: Grant = { role: 'administrator', scopeType: 'administrative-group', scopeId: 'ag1' };
  const ouAdmin: Grant = { role: 'administrator', scopeType: 'recipient-container', scopeId: 'ou1' };

  it('gives a full administrator everything everywhere', () => {
    expect(isAllowed([full], 'manage-roles', ORGANIZATION_SCOPE)).toBe(true);
    expect(isAllowed([full], 'write', { type: 'administrative-group', id: 'x' })).toBe(true);
  });

  it('lets a view-only administrator read but not write', () => {
    expect(isAllowed([viewOnly], 'read', ORGANIZATION_SCOPE)).toBe(true);
    expect(isAllowed([viewOnly], 'write', ORGANIZATION_SCOPE)).toBe(false);
  });

  it('confines a delegated administrator to the scope and its children', () => {
    expect(isAllowed([agAdmin], 'write', { type: 'administrative-group', id: 'ag1' })).toBe(true);
    expect(isAllowed([agAdmin], 'write', { type: 'administrative-group', id: 'ag2' })).toBe(false);
    expect(isAllowed([agAdmin], 'write', ORGANIZATION_SCOPE)).toBe(false);
    expect(isAllowed([ouAdmin], 'write', { type: 'recipient-container', id: 'ou2', ancestors: ['ou1'] })).toBe(true);
    expect(isAllowed([ouAdmin], 'write', { type: 'recipient-container', id: 'ou3', ancestors: ['root'] })).toBe(false);
    expect(isAllowed([ouAdmin], 'manage-roles', { type: 'recipient-container', id: 'ou1', ancestors: [] })).toBe(false);
  });

  it('lets every delegated administrator read the whole organisation', () => {
    expect(isAllowed([agAdmin], 'read', ORGANIZATION_SCOPE)).toBe(true);
    expect(isAllowed([ouAdmin], 'read', { type: 'administrative-group', id: 'ag9' })).toBe(true);
  });

  it('refuses a caller without any grant', () => {
    expect(isAllowed([], 'read', ORGANIZATION_SCOPE)).toBe(false);
  });
});
