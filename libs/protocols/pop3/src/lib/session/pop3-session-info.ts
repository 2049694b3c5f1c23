/** What a backend learns of the session it serves. */
export interface Pop3SessionInfo {
  /** A short id for logs. */
  id: string;
  remoteAddress: string;
  /** TLS from the first byte (port 995) or after STLS. */
  secure: boolean;
  /** The virtual server or listener label, for logs. */
  label: string;
}
