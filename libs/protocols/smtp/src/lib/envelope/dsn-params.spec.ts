import { describe, expect, it } from 'vitest';
import { parseMessageDsn, parseNotify, parseOrcpt } from './dsn-params';

describe('DSN parameters (RFC 3461)', () => {
  it('reads NOTIFY lists, NEVER alone, without repeats', () => {
    expect(parseNotify(['success', 'FAILURE', 'SUCCESS'])).toEqual(['SUCCESS', 'FAILURE']);
    expect(parseNotify(['NEVER'])).toBe('NEVER');
    expect(parseNotify(undefined)).toBeUndefined();
    expect(parseNotify([])).toBeUndefined();
  });

  it('splits ORCPT into address type and address', () => {
    expect(parseOrcpt('RFC822;jane@example.com')).toEqual({ type: 'rfc822', address: 'jane@example.com' });
    expect(parseOrcpt('utf-8;j\u00e9@example.com')).toEqual({ type: 'utf-8', address: 'j\u00e9@example.com' });
    expect(parseOrcpt('no-type')).toBeUndefined();
    expect(parseOrcpt(undefined)).toBeUndefined();
  });

  it('keeps RET only when FULL or HDRS, and ENVID as given', () => {
    expect(parseMessageDsn('hdrs', 'id-1')).toEqual({ ret: 'HDRS', envelopeId: 'id-1' });
    expect(parseMessageDsn('ALL', null)).toEqual({});
  });
});
