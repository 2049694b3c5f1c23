import { describe, expect, it } from 'vitest';
import { returnedRows } from './query-rows';

describe('returnedRows', () => {
  it('accepts both shapes of a RETURNING result', () => {
    expect(returnedRows([[{ id: 1 }], 1])).toEqual([{ id: 1 }]);
    expect(returnedRows([[], 0])).toEqual([]);
    expect(returnedRows([{ id: 1 }, { id: 2 }])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(returnedRows([])).toEqual([]);
  });
});
