import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { SessionDto } from '@estafette/contracts';
import { AuthApi } from '../api/auth.api';

/** Who is signed in. The session itself is an httpOnly cookie; this store only mirrors GET /api/auth/session. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly state = signal<SessionDto | null>(null);
  private checked: Promise<boolean> | null = null;

  readonly session = this.state.asReadonly();
  readonly signedIn = computed(() => this.state() !== null);
  readonly displayName = computed(() => this.state()?.displayName || this.state()?.alias || '');
  readonly canWrite = computed(() =>
    (this.state()?.roles ?? []).some((r) => r.role === 'full-administrator' || r.role === 'administrator'),
  );

  /** Asks the server once whether the browser holds a session; later calls reuse the answer. */
  ensureSession(): Promise<boolean> {
    this.checked ??= this.api.session().then(
      (session) => {
        this.state.set(session);
        return true;
      },
      (error: unknown) => {
        // 401 is a definite "not signed in" and is remembered until the next sign-in; other failures are retried.
        if (error instanceof HttpErrorResponse && error.status === 401) {
          this.state.set(null);
          return false;
        }
        this.checked = null;
        throw error;
      },
    );
    return this.checked;
  }

  async login(username: string, password: string): Promise<void> {
    await this.api.login({ username, password });
    this.checked = null;
    await this.ensureSession();
  }

  async logout(): Promise<void> {
    try {
      await this.api.logout();
    } finally {
      this.forget();
    }
  }

  /** The server no longer knows the session (expired, signed out elsewhere). */
  forget(): void {
    this.state.set(null);
    this.checked = null;
  }
}
