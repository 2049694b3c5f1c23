import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';

export interface CertificateFacts {
  subject: string;
  issuer: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  /** DNS names of the subjectAltName extension. */
  dnsNames: string[];
}

export type CertificateCheck =
  { ok: true; facts: CertificateFacts; certificatePem: string; privateKeyPem: string } | { ok: false; error: string };

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function dnsNamesOf(certificate: X509Certificate): string[] {
  return (certificate.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4));
}

export function certificateFacts(certificate: X509Certificate): CertificateFacts {
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    issuer: certificate.issuer.replace(/\n/g, ', '),
    fingerprintSha256: certificate.fingerprint256,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
    dnsNames: dnsNamesOf(certificate),
  };
}

/**
 * Checks what an administrator uploads: a PEM chain whose first certificate is the server's, an
 * unencrypted PEM private key that belongs to it, and a validity period that has not ended.
 */
export function checkCertificate(
  certificatePem: string,
  privateKeyPem: string,
  now: Date = new Date(),
): CertificateCheck {
  const blocks: string[] = certificatePem.match(PEM_CERTIFICATE) ?? [];
  const [leafPem, ...intermediates] = blocks;
  if (!leafPem) return { ok: false, error: 'certificatePem holds no PEM certificate' };
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(leafPem);
    for (const block of intermediates) new X509Certificate(block);
  } catch {
    return { ok: false, error: 'certificatePem is not a valid X.509 certificate chain' };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch {
    return { ok: false, error: 'privateKeyPem is not a valid unencrypted PEM private key' };
  }
  if (!leaf.checkPrivateKey(key)) return { ok: false, error: 'the private key does not belong to the certificate' };
  const facts = certificateFacts(leaf);
  if (facts.notAfter.getTime() <= now.getTime())
    return { ok: false, error: `the certificate expired on ${facts.notAfter.toISOString()}` };
  return { ok: true, facts, certificatePem: `${blocks.join('\n')}\n`, privateKeyPem };
}
