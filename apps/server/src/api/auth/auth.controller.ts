import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { ApiTokenResponse, SessionDto } from '@estafette/contracts';
import {
  CSRF_COOKIE,
  CurrentPrincipal,
  Public,
  SESSION_COOKIE,
  SessionService,
  type Account,
  type Principal,
} from '@estafette/security';
import { LoginDto } from './login.dto';

function sessionDto(p: Principal): SessionDto {
  return { recipientId: p.recipientId, alias: p.alias, displayName: p.displayName, roles: p.grants };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly sessions: SessionService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(AuthGuard('local'))
  @ApiOperation({ summary: 'Sign in to the console: sets an httpOnly session cookie and the XSRF-TOKEN cookie' })
  async login(
    @Body() _body: LoginDto,
    @Req() req: Request & { user: Account },
    @Res({ passthrough: true }) res: Response,
  ) {
    const opened = await this.sessions.open(req.user.id, req.ip ?? '');
    const secure = req.secure;
    res.cookie(SESSION_COOKIE, opened.sessionId, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
    // Readable by the console's script, which echoes it in the X-XSRF-TOKEN header (double submit).
    res.cookie(CSRF_COOKIE, opened.csrfToken, { httpOnly: false, sameSite: 'strict', secure, path: '/' });
    return { recipientId: req.user.id, alias: req.user.alias, displayName: req.user.displayName };
  }

  @Public()
  @Post('token')
  @HttpCode(200)
  @UseGuards(AuthGuard('local'))
  @ApiOperation({ summary: 'Exchange a user name and password for an API bearer token (the CLI)' })
  async token(@Body() _body: LoginDto, @Req() req: Request & { user: Account }): Promise<ApiTokenResponse> {
    const issued = await this.sessions.issueToken(req.user.id, `cli from ${req.ip ?? 'unknown'}`);
    return { token: issued.token, expiresAt: issued.expiresAt.toISOString() };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@Req() req: Request & { cookies?: Record<string, string> }, @Res({ passthrough: true }) res: Response) {
    const sessionId = req.cookies?.[SESSION_COOKIE];
    if (sessionId) await this.sessions.close(sessionId);
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) await this.sessions.revokeToken(header.slice(7).trim());
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Get('session')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who is signed in, with their administrative roles' })
  session(@CurrentPrincipal() principal: Principal): SessionDto {
    return sessionDto(principal);
  }
}
