import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthStore } from './auth.store';

/** The sign-in and session probes answer 401 by design; any other 401 means the session ended. */
const EXPECTED_401 = ['/api/auth/login', '/api/auth/session', '/api/auth/logout'];

export const sessionExpiredInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !EXPECTED_401.some((p) => req.url.startsWith(p))
      ) {
        auth.forget();
        const returnUrl = router.url.startsWith('/login') ? undefined : router.url;
        void router.navigate(['/login'], { queryParams: { returnUrl, expired: 1 } });
      }
      return throwError(() => error);
    }),
  );
};
