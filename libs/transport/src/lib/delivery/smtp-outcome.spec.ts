import { describe, expect, it } from 'vitest';
import { classifySmtpError, enhancedCode } from './smtp-outcome';

describe('SMTP outcome', () => {
  it('reads the enhanced status code of a reply', () => {
    expect(enhancedCode('550 5.1.1 <x@y>: no such user', 550)).toBe('5.1.1');
    expect(enhancedCode('452-4.2.2 mailbox full', 452)).toBe('4.2.2');
    expect(enhancedCode('550 no such user', 550)).toBeNull();
    expect(enhancedCode('550 4.1.1 mixed up', 550)).toBeNull();
  });

  it('fails 5xx replies for good and retries 4xx ones', () => {
    expect(classifySmtpError({ responseCode: 550, response: '550 5.7.1 relay denied', command: 'RCPT TO' })).toEqual({
      permanent: true,
      status: '5.7.1',
      diagnostic: '550 5.7.1 relay denied',
      tryNextHost: false,
    });
    expect(classifySmtpError({ responseCode: 451, response: '451 try later', command: 'DATA' })).toMatchObject({
      permanent: false,
      status: '4.0.0',
      tryNextHost: false,
    });
    expect(classifySmtpError({ responseCode: 554, response: '554 no service', command: 'CONN' })).toMatchObject({
      permanent: true,
      status: '5.0.0',
    });
    expect(classifySmtpError({ responseCode: 421, response: '421 busy', command: 'CONN' })).toMatchObject({
      permanent: false,
      tryNextHost: true,
    });
  });

  it('treats connection trouble as temporary and host-specific', () => {
    expect(
      classifySmtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:25', command: 'CONN' }),
    ).toEqual({
      permanent: false,
      status: '4.4.1',
      diagnostic: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25',
      tryNextHost: true,
    });
    expect(classifySmtpError({ code: 'ETIMEDOUT', message: 'timeout', command: 'DATA' }).status).toBe('4.4.2');
  });
});
