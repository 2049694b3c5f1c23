import { describe, expect, it } from 'vitest';
import { topologyNameProblem } from './topology-name';

describe('topology names', () => {
  it('accepts ordinary names up to 64 characters', () => {
    for (const ok of ['First Routing Group', 'SG-2 (Paris)', 'a', 'x'.repeat(64), 'Mailbox Store #3'])
      expect(topologyNameProblem(ok)).toBeNull();
  });

  it('refuses empty, long, padded and reserved-character names', () => {
    expect(topologyNameProblem('')).toMatch(/1 to 64/);
    expect(topologyNameProblem('x'.repeat(65))).toMatch(/1 to 64/);
    expect(topologyNameProblem(' padded')).toMatch(/spaces/);
    for (const c of ['\\', '/', '"', '<', '>', '|', '*', '?', ':', ';'])
      expect(topologyNameProblem(`a${c}b`)).toMatch(/must not contain/);
    expect(topologyNameProblem('tab\there')).toMatch(/control/);
  });
});
