// The IMAP reference: Debian's Dovecot (dovecot-imapd) as a private instance of the benchmark: its own
// base_dir, state, log and instance name in a temporary directory, a loopback port above 22000,
// passwd-file users, plaintext LOGIN allowed (TLS is off on both sides), Maildirs it creates itself. It is
// started with its own configuration file and stopped by its own master PID; other Dovecot instances on
// the machine are never touched.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { treeCpuSeconds, treePssKb } from './proc-stats.mjs';

function account(name) {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no user "${name}" on this machine`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Why the reference cannot run here, or null. */
export function dovecotImapMissing() {
  const missing = ['/usr/sbin/dovecot', '/usr/lib/dovecot/imap', '/usr/lib/dovecot/imap-login'].filter(
    (p) => !existsSync(p),
  );
  if (missing.length) return `missing ${missing.join(', ')} (apt-get install -y dovecot-imapd)`;
  if (userInfo().uid !== 0) return 'Dovecot needs root to switch to the mail user';
  return null;
}

export class DovecotImap {
  /** @param {{ workDir: string, port: number, connections: number }} options */
  constructor(options) {
    this.options = options;
    this.baseDir = join(options.workDir, 'run');
    this.homes = join(options.workDir, 'homes');
    this.pid = null;
  }

  get label() {
    return 'Dovecot';
  }

  async start(users, password) {
    const mail = account('nobody');
    const { workDir, port, connections } = this.options;
    // Dovecot's auth process (user dovecot) reads the passwd-file: the private directory must be traversable.
    chmodSync(workDir, 0o755);
    mkdirSync(this.baseDir, { recursive: true });
    mkdirSync(this.homes, { recursive: true });
    chownSync(this.homes, mail.uid, mail.gid);
    for (const user of users) {
      mkdirSync(join(this.homes, user), { recursive: true });
      chownSync(join(this.homes, user), mail.uid, mail.gid);
    }
    const passwd = join(workDir, 'passwd');
    writeFileSync(passwd, users.map((u) => `${u}:{PLAIN}${password}::::::`).join('\n') + '\n');
    const limit = connections + 200;
    const conf = join(workDir, 'dovecot.conf');
    writeFileSync(
      conf,
      [
        `base_dir = ${this.baseDir}`,
        `state_dir = ${join(workDir, 'state')}`,
        `log_path = ${join(workDir, 'dovecot.log')}`,
        `instance_name = estafette-bench-imap-${process.pid}`,
        'protocols = imap',
        'listen = 127.0.0.1',
        'ssl = no',
        'disable_plaintext_auth = no',
        'auth_mechanisms = plain login',
        'mail_location = maildir:~/Maildir',
        `first_valid_uid = ${mail.uid}`,
        // The stock auth cache: the fair-comparison notes say the reference keeps verified logins.
        'auth_cache_size = 10M',
        'auth_cache_ttl = 1 hour',
        // Room for the idle-connection measurement; everything else stays at Debian's defaults.
        `default_client_limit = ${limit * 2}`,
        `default_process_limit = ${limit}`,
        'protocol imap {',
        `  mail_max_userip_connections = ${limit}`,
        '}',
        'passdb {',
        '  driver = passwd-file',
        `  args = ${passwd}`,
        '}',
        'userdb {',
        '  driver = static',
        `  args = uid=${mail.uid} gid=${mail.gid} home=${this.homes}/%n`,
        '}',
        'service imap-login {',
        '  inet_listener imap {',
        '    address = 127.0.0.1',
        `    port = ${port}`,
        '  }',
        '  inet_listener imaps {',
        '    port = 0',
        '  }',
        '}',
        'service pop3-login {',
        '  inet_listener pop3 {',
        '    port = 0',
        '  }',
        '  inet_listener pop3s {',
        '    port = 0',
        '  }',
        '}',
        'service submission-login {',
        '  inet_listener submission {',
        '    port = 0',
        '  }',
        '}',
        'service lmtp {',
        '  unix_listener lmtp {',
        '    mode = 0600',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    // stdio ignored: the daemon keeps inherited pipes open, and a wait for them would never end.
    execFileSync('/usr/sbin/dovecot', ['-c', conf], { stdio: 'ignore' });
    const pidFile = join(this.baseDir, 'master.pid');
    for (let i = 0; i < 200 && !this.pid; i++) {
      if (existsSync(pidFile)) this.pid = Number(readFileSync(pidFile, 'utf8').trim()) || null;
      if (!this.pid) await sleep(50);
    }
    if (!this.pid) throw new Error(`Dovecot did not start: see ${join(workDir, 'dovecot.log')}`);
  }

  /** CPU seconds of the master, its children and the children it reaped. */
  cpuSeconds() {
    return this.pid ? treeCpuSeconds(this.pid) : 0;
  }

  /** Proportional set size of the whole instance (master and every child), in KiB. */
  memoryKb() {
    return this.pid ? treePssKb(this.pid) : 0;
  }

  /** Memory once the connections just opened have settled (its processes collect no garbage). */
  async settledMemoryKb() {
    await sleep(3000);
    return this.memoryKb();
  }

  /** Not measured for Dovecot: its figure is the whole PSS of its processes. */
  liveKb() {
    return null;
  }

  logTail(lines = 20) {
    const path = join(this.options.workDir, 'dovecot.log');
    return existsSync(path) ? readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
  }

  /** SIGTERM to this instance's master only, SIGKILL after 5 s. */
  async stop() {
    if (!this.pid) return;
    const pid = this.pid;
    this.pid = null;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await sleep(50);
    }
    process.kill(pid, 'SIGKILL');
  }
}
