import { describe, expect, it } from 'vitest';
import { SignatureGate } from './signature-gate';

/** Runs `chunks` through a gate: what the verifier would read and whether its input ended early. */
function through(chunks: string[]): { fed: string; endedEarly: boolean } {
  const gate = new SignatureGate();
  let fed = '';
  let endedEarly = false;
  for (const chunk of chunks) {
    if (endedEarly) continue;
    const step = gate.take(Buffer.from(chunk, 'latin1'));
    if (step.feed) fed += step.feed.toString('latin1');
    endedEarly = step.end;
  }
  if (!endedEarly) fed += gate.finish()?.toString('latin1') ?? '';
  return { fed, endedEarly };
}

describe('SignatureGate', () => {
  it('feeds only the header and its blank line when nothing is signed', () => {
    expect(through(['From: a@b.example\r\nSubj', 'ect: x\r\n', '\r', '\nbody\r\n', 'more\r\n'])).toEqual({
      fed: 'From: a@b.example\r\nSubject: x\r\n\r\n',
      endedEarly: true,
    });
    expect(through(['From: a@b.example\nSubject: x\n\nbody\n'])).toEqual({
      fed: 'From: a@b.example\nSubject: x\n\n',
      endedEarly: true,
    });
    expect(through(['\r\nbody without a header\r\n'])).toEqual({ fed: '\r\n', endedEarly: true });
  });

  it('feeds everything when a DKIM signature or an ARC seal is in the header', () => {
    for (const field of ['DKIM-Signature: v=1; d=b.example', 'ARC-Seal: i=1; cv=none', 'arc-message-signature : i=1'])
      expect(through([`Received: x\r\n${field}\r\n`, '\r\nbody\r\n', 'more\r\n'])).toEqual({
        fed: `Received: x\r\n${field}\r\n\r\nbody\r\nmore\r\n`,
        endedEarly: false,
      });
  });

  it('does not take a field name inside another field for a signature', () => {
    expect(through(['Subject: about DKIM-Signature: fields\r\n\r\nbody\r\n']).endedEarly).toBe(true);
  });

  it('feeds a message that has no blank line whole at its end', () => {
    expect(through(['From: a@b.example\r\n', 'Subject: x\r\n'])).toEqual({
      fed: 'From: a@b.example\r\nSubject: x\r\n',
      endedEarly: false,
    });
  });

  it('passes an overlong header on whole instead of holding it', () => {
    const long = `X-Long: ${'y'.repeat(300 * 1024)}\r\n`;
    const { fed, endedEarly } = through([long, '\r\nbody\r\n']);
    expect(endedEarly).toBe(false);
    expect(fed).toBe(`${long}\r\nbody\r\n`);
  });
});
