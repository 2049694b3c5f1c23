import { spawn } from 'node:child_process';

/** Runs a Python snippet (imaplib, a real client) with the port as argv[1]; resolves with its stdout. */
export function python(script: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.trim());
      else reject(new Error(`python exited ${code}: ${err}`));
    });
  });
}

/** imaplib imports and a TLS context that accepts the test certificate. */
export const PYTHON_PRELUDE = `
import imaplib, ssl, sys
port = int(sys.argv[1])
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
`;
