import { describe, expect, it } from 'vitest';
import { transmissionType } from './transmission-type';

describe('transmission type (RFC 3848, RFC 6531 §4.3)', () => {
  const base = { esmtp: true, secure: false, authenticated: false, smtpUtf8: false };
  it.each([
    [{ ...base, esmtp: false }, 'SMTP'],
    [base, 'ESMTP'],
    [{ ...base, secure: true }, 'ESMTPS'],
    [{ ...base, authenticated: true }, 'ESMTPA'],
    [{ ...base, secure: true, authenticated: true }, 'ESMTPSA'],
    [{ ...base, smtpUtf8: true }, 'UTF8SMTP'],
    [{ ...base, smtpUtf8: true, secure: true, authenticated: true }, 'UTF8SMTPSA'],
  ])('%o -> %s', (facts, expected) => {
    expect(transmissionType(facts)).toBe(expected);
  });
});
