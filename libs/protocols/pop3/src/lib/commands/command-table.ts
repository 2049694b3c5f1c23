import { apopCommand } from './apop.command';
import { authCommand } from './auth.command';
import { capaCommand } from './capa.command';
import { deleCommand } from './dele.command';
import { listCommand } from './list.command';
import { noopCommand } from './noop.command';
import { passCommand } from './pass.command';
import type { Pop3Command } from './pop3-command';
import { quitCommand } from './quit.command';
import { retrCommand } from './retr.command';
import { rsetCommand } from './rset.command';
import { statCommand } from './stat.command';
import { stlsCommand } from './stls.command';
import { topCommand } from './top.command';
import { uidlCommand } from './uidl.command';
import { userCommand } from './user.command';

/** Every command by its keyword (RFC 1939 §3: keywords are case-insensitive). */
export const COMMANDS: ReadonlyMap<string, Pop3Command> = new Map(
  [
    apopCommand,
    authCommand,
    capaCommand,
    deleCommand,
    listCommand,
    noopCommand,
    passCommand,
    quitCommand,
    retrCommand,
    rsetCommand,
    statCommand,
    stlsCommand,
    topCommand,
    uidlCommand,
    userCommand,
  ].map((c) => [c.name, c]),
);
