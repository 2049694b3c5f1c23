/** A DKIM key as the API shows it: never the private key. */
export interface DkimKeyDto {
  id: string;
  domain: string;
  selector: string;
  algorithm: 'rsa-sha256';
  active: boolean;
  createdAt: string;
  /** Where to publish the record: <selector>._domainkey.<domain> */
  dnsName: string;
  /** The TXT record value to publish (RFC 6376 §3.6.1). */
  dnsRecord: string;
}

export interface CreateDkimKeyRequest {
  domain: string;
  selector: string;
}
