import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SMTPLIB = join(__dirname, 'smtplib-client.py');

export interface PyReply {
  code: number;
  message: string;
}

export interface PyResult {
  ehlo: PyReply;
  features: string[];
  starttls?: PyReply;
  features_tls?: string[];
  auth?: PyReply;
  transaction: { mail: PyReply; rcpt: PyReply[]; data?: PyReply };
}

/** One session of Python's smtplib (testing/smtplib-client.py) against a listener; the replies of each step. */
export async function smtplib(
  scenario: 'plain' | 'smtps',
  port: number,
  options: Record<string, unknown>,
): Promise<PyResult> {
  const { stdout } = await run('python3', [SMTPLIB, scenario, String(port), JSON.stringify(options)], {
    timeout: 60_000,
  });
  return JSON.parse(stdout) as PyResult;
}
