import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router } from '@angular/router';
import { toApiProblem } from '../../core/api/api-problem';
import { AuthStore } from '../../core/auth/auth.store';

/** Seconds to wait after a 429: the Retry-After header, else the "try again in N s" of the message. */
function retryAfterSeconds(error: HttpErrorResponse): number {
  const header = Number(error.headers.get('Retry-After'));
  if (header > 0) return header;
  const match = /(\d+)\s*s\b/.exec(toApiProblem(error).message);
  return match ? Number(match[1]) : 0;
}

/** Sign-in to the console. The API sets an httpOnly session cookie and the XSRF-TOKEN cookie. */
@Component({
  selector: 'est-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'login-screen' },
  template: `
    <main class="login-card">
      <header class="login-banner">
        <svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="1.5" y="4.5" width="21" height="15" rx="2" fill="#fff" fill-opacity=".16" stroke="#fff" />
          <path d="M2.5 6 12 13l9.5-7" fill="none" stroke="#fff" stroke-width="1.6" />
          <circle cx="19" cy="18" r="4.2" fill="#f3b01c" stroke="#1d3f73" stroke-width="1.2" />
        </svg>
        <div>
          <div class="login-product">Estafette</div>
          <h1>System Manager</h1>
        </div>
      </header>
      <form class="login-form" (submit)="submit($event)" novalidate>
        @if (expired()) {
          <p class="login-note">Your session has ended. Sign in again to continue.</p>
        }
        @if (error(); as message) {
          <div class="login-error" role="alert" data-testid="login-error">{{ message }}</div>
        }
        <label for="username">User name</label>
        <input
          id="username"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck="false"
          required
          [value]="username()"
          (input)="username.set(value($event))"
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          [value]="password()"
          (input)="password.set(value($event))"
        />
        <div class="login-actions">
          <button type="submit" class="btn btn-primary" [disabled]="busy() || !canSubmit()">
            {{ busy() ? 'Signing in…' : 'Sign in' }}
          </button>
        </div>
      </form>
      <footer class="login-footer">Administrators of the organisation sign in with their mailbox alias.</footer>
    </main>
  `,
})
export class LoginPage {
  readonly returnUrl = input<string>();
  readonly expired = input<string>();
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly username = signal('');
  protected readonly password = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly canSubmit = computed(() => this.username().trim().length > 0 && this.password().length > 0);

  constructor() {
    // Already signed in (a bookmark of the login page, the back button): go straight to the console.
    this.auth.ensureSession().then(
      (signedIn) => signedIn && void this.router.navigateByUrl(this.target()),
      () => undefined,
    );
  }

  private target(): string {
    const target = this.returnUrl();
    return target && target.startsWith('/') && !target.startsWith('//') ? target : '/organization';
  }

  protected value(event: Event): string {
    return (event.target as HTMLInputElement).value;
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.canSubmit() || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.auth.login(this.username().trim(), this.password());
      const target = this.returnUrl();
      await this.router.navigateByUrl(
        target && target.startsWith('/') && !target.startsWith('//') ? target : '/organization',
      );
    } catch (error: unknown) {
      this.error.set(this.describe(error));
      this.password.set('');
    } finally {
      this.busy.set(false);
    }
  }

  private describe(error: unknown): string {
    if (error instanceof HttpErrorResponse) {
      switch (error.status) {
        case 401:
          return 'The user name or password is incorrect. Try again.';
        case 429: {
          const seconds = retryAfterSeconds(error);
          const wait =
            seconds > 0
              ? ` Try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}.`
              : ' Wait a few minutes and try again.';
          return `Too many failed sign-in attempts.${wait}`;
        }
      }
    }
    return toApiProblem(error).message;
  }
}
