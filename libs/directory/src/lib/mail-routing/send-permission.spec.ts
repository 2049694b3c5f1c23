import { describe, expect, it } from 'vitest';
import { sendPermission } from './send-permission';

describe('send permission', () => {
  const owner = { ownerId: 'boss', sendAsIds: ['alice', 'admins'], sendOnBehalfIds: ['bob', 'alice'] };

  it('knows the owner, Send As (which wins) and Send on Behalf', () => {
    expect(sendPermission(owner, 'boss')).toBe('own');
    expect(sendPermission(owner, 'alice')).toBe('send-as');
    expect(sendPermission(owner, 'bob')).toBe('send-on-behalf');
    expect(sendPermission(owner, 'mallory')).toBeNull();
  });

  it('counts rights granted to a group the user is in', () => {
    expect(sendPermission(owner, 'carol', new Set(['admins']))).toBe('send-as');
    expect(sendPermission(owner, 'carol', new Set(['others']))).toBeNull();
  });
});
