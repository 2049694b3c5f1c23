import { describe, expect, it } from 'vitest';
import { commonScope, containerScope } from './container-scope';

describe('container scopes', () => {
  it('describes a container with its parents', () => {
    expect(containerScope({ id: 'c', ancestors: ['b', 'a'] })).toEqual({
      type: 'recipient-container',
      id: 'c',
      ancestors: ['b', 'a'],
    });
  });

  it('finds the lowest common ancestor of two containers', () => {
    expect(commonScope({ id: 'c', ancestors: ['b', 'a'] }, { id: 'd', ancestors: ['b', 'a'] })).toEqual({
      type: 'recipient-container',
      id: 'b',
      ancestors: ['a'],
    });
    expect(commonScope({ id: 'c', ancestors: ['b', 'a'] }, { id: 'b', ancestors: ['a'] })).toMatchObject({ id: 'b' });
    expect(commonScope({ id: 'c', ancestors: [] }, { id: 'c', ancestors: [] })).toMatchObject({ id: 'c' });
  });

  it('falls back to the organisation when the containers share no parent', () => {
    expect(commonScope({ id: 'x', ancestors: [] }, { id: 'y', ancestors: ['z'] })).toEqual({ type: 'organization' });
  });
});
