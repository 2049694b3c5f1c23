import { generateKeyPair } from 'node:crypto';

export interface DkimKeyPair {
  privateKeyPem: string;
  /** Base64 DER SubjectPublicKeyInfo, as the p= tag wants it. */
  publicKeyBase64: string;
}

/** RSA 2048: RFC 8301 §3.2 asks for at least 1024 bits and recommends 2048; larger keys overflow TXT strings in some DNS tools. */
export function generateDkimKeyPair(): Promise<DkimKeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicKeyEncoding: { type: 'spki', format: 'der' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      },
      (error, publicKey, privateKey) => {
        if (error) reject(error);
        else resolve({ privateKeyPem: privateKey, publicKeyBase64: publicKey.toString('base64') });
      },
    );
  });
}
