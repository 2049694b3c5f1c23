import { Injectable, inject } from '@angular/core';
import type { LoginRequest, SessionDto } from '@estafette/contracts';
import { ApiHttp } from './api-http';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(ApiHttp);

  login(request: LoginRequest): Promise<Pick<SessionDto, 'recipientId' | 'alias' | 'displayName'>> {
    return this.http.post('/auth/login', request);
  }

  logout(): Promise<void> {
    return this.http.post('/auth/logout');
  }

  session(): Promise<SessionDto> {
    return this.http.get('/auth/session');
  }
}
