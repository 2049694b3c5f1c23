import { Injectable } from '@nestjs/common';
import { newSecret, sha256Hex } from './secret-token';
import { SessionRepository } from './session.repository';

/** Idle lifetime of a console session; each use slides it forward. */
export const SESSION_IDLE_MS = 8 * 60 * 60_000;
/** API tokens for the CLI last 30 days unless revoked. */
export const API_TOKEN_TTL_MS = 30 * 24 * 60 * 60_000;

export interface OpenedSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ResolvedSession {
  recipientId: string;
  csrfToken: string;
}

@Injectable()
export class SessionService {
  now: () => Date = () => new Date();

  constructor(private readonly sessions: SessionRepository) {}

  async open(recipientId: string, clientAddress: string): Promise<OpenedSession> {
    const sessionId = newSecret();
    const csrfToken = sha256Hex(newSecret());
    const expiresAt = new Date(this.now().getTime() + SESSION_IDLE_MS);
    await this.sessions.insertSession({
      idHash: sha256Hex(sessionId),
      recipientId,
      csrfToken,
      clientAddress,
      expiresAt,
    });
    return { sessionId, csrfToken, expiresAt };
  }

  async resolve(sessionId: string): Promise<ResolvedSession | null> {
    const idHash = sha256Hex(sessionId);
    const now = this.now();
    const row = await this.sessions.findLiveSession(idHash, now);
    if (!row) return null;
    // Slide the idle timeout at most once a minute to keep reads cheap.
    const renewed = new Date(now.getTime() + SESSION_IDLE_MS);
    if (renewed.getTime() - row.expiresAt.getTime() > 60_000) await this.sessions.extendSession(idHash, renewed);
    return { recipientId: row.recipientId, csrfToken: row.csrfToken };
  }

  close(sessionId: string): Promise<void> {
    return this.sessions.deleteSession(sha256Hex(sessionId));
  }

  /** Ends every console session and revokes every API token of an account (password changed, account disabled). */
  async closeAllOf(recipientId: string): Promise<void> {
    await this.sessions.deleteSessionsOf(recipientId);
    await this.sessions.deleteTokensOf(recipientId);
  }

  async issueToken(recipientId: string, name: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecret('est_');
    const expiresAt = new Date(this.now().getTime() + API_TOKEN_TTL_MS);
    await this.sessions.insertToken({ recipientId, name, tokenHash: sha256Hex(token), expiresAt });
    return { token, expiresAt };
  }

  async resolveToken(token: string): Promise<string | null> {
    const now = this.now();
    const row = await this.sessions.findLiveToken(sha256Hex(token), now);
    if (!row) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
      await this.sessions.touchToken(row.id, now);
    return row.recipientId;
  }

  revokeToken(token: string): Promise<void> {
    return this.sessions.deleteToken(sha256Hex(token));
  }
}
