/** A server's TLS certificate as the API shows it (never the private key). */
export interface ServerCertificateDto {
  serverId: string;
  /** 'administrator': installed through the API; 'self-signed': made by the server at first start. */
  source: 'administrator' | 'self-signed';
  subject: string | null;
  issuer: string | null;
  fingerprintSha256: string | null;
  notBefore: string | null;
  notAfter: string | null;
  dnsNames: string[];
}

export interface InstallCertificateRequest {
  /** PEM: the server's certificate first, then intermediates. */
  certificatePem: string;
  /** PEM, unencrypted (PKCS#8 or PKCS#1). */
  privateKeyPem: string;
}
