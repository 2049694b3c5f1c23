import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface PemPair {
  certificatePem: string;
  privateKeyPem: string;
}

const KEY_FILE = 'server.key';
const CERT_FILE = 'server.crt';

async function readPair(dir: string): Promise<PemPair | null> {
  try {
    const [privateKeyPem, certificatePem] = await Promise.all([
      readFile(join(dir, KEY_FILE), 'utf8'),
      readFile(join(dir, CERT_FILE), 'utf8'),
    ]);
    const certificate = new X509Certificate(certificatePem);
    // A certificate near its end is made again, so that STARTTLS keeps working without anyone's help.
    if (new Date(certificate.validTo).getTime() < Date.now() + 7 * 86_400_000) return null;
    return { certificatePem, privateKeyPem };
  } catch {
    return null;
  }
}

/** Writes a file readable by the owner only, atomically (temporary name, then rename). */
async function writePrivate(path: string, content: string): Promise<void> {
  const temporary = `${path}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

/**
 * The certificate a server uses until the administrator installs one: self-signed for its host name,
 * made at first start in `<dir>` (key mode 0600) and reused afterwards. Good for STARTTLS between
 * servers (opportunistic TLS does not check certificates, RFC 7435) and for testing clients.
 */
export async function selfSignedCertificate(dir: string, serverName: string): Promise<PemPair> {
  const existing = await readPair(dir);
  if (existing) return existing;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: serverName }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 3600_000),
    notAfterDate: new Date(now.getTime() + 825 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: serverName }] },
    ],
  });
  await writePrivate(join(dir, KEY_FILE), pems.private);
  await writeFile(join(dir, CERT_FILE), pems.cert, { mode: 0o644 });
  return { certificatePem: pems.cert, privateKeyPem: pems.private };
}
