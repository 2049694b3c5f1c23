// The reference: Debian's Dovecot (dovecot-pop3d) configured by the benchmark in a private temporary
// directory (own base_dir, state, log, ports above 21000, passwd-file users, Maildirs seeded with the same
// messages), started by it and stopped by its master PID. Nothing of another Dovecot on the machine is
// touched: a different base_dir and instance name make it a separate instance.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchMessage } from './messages.mjs';

function uidOf(name) {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no user "${name}" on this machine`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export function dovecotAvailable() {
  const missing = ['/usr/sbin/dovecot', '/usr/lib/dovecot/pop3'].filter((p) => !existsSync(p));
  if (missing.length) return `missing ${missing.join(', ')} (apt-get install dovecot-pop3d)`;
  if (userInfo().uid !== 0) return 'the reference needs root (Dovecot switches users)';
  return null;
}

/** user + system CPU seconds of a process and of its reaped children, from /proc. */
function cpuWithChildren(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return 0;
  }
}

export class DovecotPop3 {
  /** @param {{ workDir: string, port: number }} options */
  constructor(options) {
    this.options = options;
    this.conf = join(options.workDir, 'dovecot.conf');
    this.baseDir = join(options.workDir, 'run');
    this.mailDir = join(options.workDir, 'mail');
    this.pid = null;
  }

  /** Maildirs with the messages of each user, owned by the mail user. */
  seed(users, perUser, seed) {
    const nobody = uidOf('nobody');
    const files = [];
    for (let i = 0; i < perUser; i++) {
      // The same message index as the SMTP seeding of Estafette: identical bytes on both sides.
      const message = benchMessage(seed, i);
      for (const user of users) {
        const dir = join(this.mailDir, user, 'Maildir');
        if (i === 0) for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
        const file = join(dir, 'new', `${1764300000 + i}.M${i}P${process.pid}.bench`);
        writeFileSync(file, message);
        files.push(file);
      }
    }
    for (const user of users) {
      for (const path of [join(this.mailDir, user), join(this.mailDir, user, 'Maildir')])
        chownSync(path, nobody.uid, nobody.gid);
      for (const sub of ['new', 'cur', 'tmp'])
        chownSync(join(this.mailDir, user, 'Maildir', sub), nobody.uid, nobody.gid);
    }
    for (const file of files) chownSync(file, nobody.uid, nobody.gid);
    chownSync(this.mailDir, nobody.uid, nobody.gid);
    return files.length;
  }

  async start(users, password) {
    const nobody = uidOf('nobody');
    const { workDir, port } = this.options;
    mkdirSync(this.baseDir, { recursive: true });
    mkdirSync(this.mailDir, { recursive: true });
    const passwd = join(workDir, 'passwd');
    writeFileSync(passwd, users.map((u) => `${u}:{PLAIN}${password}::::::`).join('\n') + '\n');
    writeFileSync(
      this.conf,
      [
        `base_dir = ${this.baseDir}`,
        `state_dir = ${join(workDir, 'state')}`,
        `log_path = ${join(workDir, 'dovecot.log')}`,
        `instance_name = estafette-bench-pop3-${process.pid}`,
        'protocols = pop3',
        'listen = 127.0.0.1',
        'ssl = no',
        // TLS is off on both sides: passwords in clear over loopback, as Estafette's allowPlaintextAuth.
        'disable_plaintext_auth = no',
        'mail_location = maildir:~/Maildir',
        `first_valid_uid = ${nobody.uid}`,
        // Dovecot's auth cache, as the fair-comparison notes say the reference keeps one.
        'auth_cache_size = 10M',
        'auth_cache_ttl = 1 hour',
        'passdb {',
        '  driver = passwd-file',
        `  args = ${passwd}`,
        '}',
        'userdb {',
        '  driver = static',
        `  args = uid=${nobody.uid} gid=${nobody.gid} home=${this.mailDir}/%n`,
        '}',
        'service pop3-login {',
        '  inet_listener pop3 {',
        '    address = 127.0.0.1',
        `    port = ${port}`,
        '  }',
        '  inet_listener pop3s {',
        '    port = 0',
        '  }',
        '}',
        'service imap-login {',
        '  inet_listener imap {',
        '    port = 0',
        '  }',
        '  inet_listener imaps {',
        '    port = 0',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    execFileSync('/usr/sbin/dovecot', ['-c', this.conf], { stdio: 'ignore', timeout: 30_000 });
    const pidFile = join(this.baseDir, 'master.pid');
    for (let i = 0; i < 100 && !this.pid; i++) {
      if (existsSync(pidFile)) this.pid = Number(readFileSync(pidFile, 'utf8').trim()) || null;
      if (!this.pid) await sleep(50);
    }
    if (!this.pid) throw new Error(`Dovecot did not start: ${join(workDir, 'dovecot.log')}`);
  }

  /** CPU seconds of the master, its living children and the children it reaped. */
  cpuSeconds() {
    if (!this.pid) return 0;
    let total = cpuWithChildren(this.pid);
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === this.pid) total += cpuWithChildren(Number(name));
      } catch {
        // Gone meanwhile.
      }
    }
    return total;
  }

  /** Stops this instance only: SIGTERM to its own master PID. */
  async stop() {
    if (!this.pid) return;
    try {
      process.kill(this.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(this.pid, 0);
      } catch {
        this.pid = null;
        return;
      }
      await sleep(50);
    }
    process.kill(this.pid, 'SIGKILL');
    this.pid = null;
  }
}
