// The reference: Debian's Postfix delivering over LMTP to Debian's Dovecot, both configured in a private
// temporary directory (own config, queue, base_dir, ports), started by this benchmark and stopped by their
// master PIDs. Durability is each package's default: Postfix fsyncs the queue file before 250, Dovecot's
// mail_fsync = optimized fsyncs every delivered message.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  readdirSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function uidOf(name) {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no user "${name}" on this machine`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export function referenceAvailable() {
  const missing = ['/usr/sbin/postfix', '/usr/sbin/dovecot', '/usr/lib/dovecot/lmtp'].filter((p) => !existsSync(p));
  return missing.length === 0 ? null : `missing ${missing.join(', ')} (apt-get install postfix dovecot-lmtpd)`;
}

export class ReferenceMta {
  /**
   * @param {object} options
   * @param {string} options.workDir  a fresh directory
   * @param {number} options.smtpPort  Postfix's smtpd
   * @param {number} options.lmtpPort  Dovecot's LMTP
   * @param {string} options.domain
   */
  constructor(options) {
    this.options = options;
    this.postfixDir = join(options.workDir, 'postfix');
    this.queueDir = join(options.workDir, 'postfix-queue');
    this.dovecotConf = join(options.workDir, 'dovecot.conf');
    this.baseDir = join(options.workDir, 'dovecot-run');
    this.mailDir = join(options.workDir, 'mail');
    this.started = { postfix: false, dovecot: false };
  }

  get maildirs() {
    return this.users.map((u) => join(this.mailDir, u, 'Maildir'));
  }

  /** Writes both configurations and starts Dovecot, then Postfix. */
  async start(users) {
    if (userInfo().uid !== 0) throw new Error('the reference needs root (Postfix and Dovecot switch users)');
    this.users = users;
    const { domain, smtpPort, lmtpPort } = this.options;
    const nobody = uidOf('nobody');
    for (const dir of [this.postfixDir, this.queueDir, this.baseDir, this.mailDir]) mkdirSync(dir, { recursive: true });
    chownSync(this.mailDir, nobody.uid, nobody.gid);
    // Postfix's daemons and Dovecot's deliveries run as their own users: they must get through the directory.
    chmodSync(this.options.workDir, 0o755);

    writeFileSync(
      this.dovecotConf,
      [
        `base_dir = ${this.baseDir}`,
        `state_dir = ${join(this.options.workDir, 'dovecot-state')}`,
        `log_path = ${join(this.options.workDir, 'dovecot.log')}`,
        `instance_name = estafette-bench-smtp-${process.pid}`,
        'protocols = lmtp',
        'listen = 127.0.0.1',
        'ssl = no',
        'mail_location = maildir:~/Maildir',
        // mail_fsync stays at its default (optimized): every delivered message is fsynced.
        `first_valid_uid = ${nobody.uid}`,
        `postmaster_address = postmaster@${domain}`,
        'passdb {',
        '  driver = static',
        '  args = nopassword=y',
        '}',
        'userdb {',
        '  driver = static',
        `  args = uid=${nobody.uid} gid=${nobody.gid} home=${this.mailDir}/%n`,
        '}',
        'service lmtp {',
        '  inet_listener lmtp {',
        '    address = 127.0.0.1',
        `    port = ${lmtpPort}`,
        '  }',
        '}',
        // Listeners nothing here uses; without a port of their own they would collide with another Dovecot.
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
    writeFileSync(
      join(this.postfixDir, 'main.cf'),
      [
        'compatibility_level = 3.6',
        `queue_directory = ${this.queueDir}`,
        `data_directory = ${join(this.options.workDir, 'postfix-data')}`,
        `maillog_file = ${join(this.options.workDir, 'postfix.log')}`,
        `maillog_file_prefixes = ${this.options.workDir}`,
        'mail_owner = postfix',
        'setgid_group = postdrop',
        'myhostname = reference.bench.example',
        `mydomain = ${domain}`,
        'mydestination =',
        'inet_interfaces = 127.0.0.1',
        'inet_protocols = ipv4',
        'mynetworks = 127.0.0.0/8',
        'alias_maps =',
        'alias_database =',
        'biff = no',
        'smtputf8_enable = no',
        `virtual_mailbox_domains = ${domain}`,
        `virtual_transport = lmtp:inet:127.0.0.1:${lmtpPort}`,
        'smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination',
        // The load generator opens more sessions from one address than the anti-abuse default allows.
        'smtpd_client_connection_count_limit = 0',
        'smtpd_client_connection_rate_limit = 0',
        '',
      ].join('\n'),
    );
    // Only what this setup needs, nothing chrooted (the queue is in a temporary directory).
    writeFileSync(
      join(this.postfixDir, 'master.cf'),
      [
        `127.0.0.1:${smtpPort} inet n - n - - smtpd`,
        'pickup unix n - n 60 1 pickup',
        'cleanup unix n - n - 0 cleanup',
        'qmgr unix n - n 300 1 qmgr',
        'rewrite unix - - n - - trivial-rewrite',
        'bounce unix - - n - 0 bounce',
        'defer unix - - n - 0 bounce',
        'trace unix - - n - 0 bounce',
        'verify unix - - n - 1 verify',
        'flush unix n - n 1000? 0 flush',
        'proxymap unix - - n - - proxymap',
        'showq unix n - n - - showq',
        'error unix - - n - - error',
        'retry unix - - n - - error',
        'discard unix - - n - - discard',
        'lmtp unix - - n - - lmtp',
        'anvil unix - - n - 1 anvil',
        'scache unix - - n - 1 scache',
        'postlog unix-dgram n - n - 1 postlogd',
        '',
      ].join('\n'),
    );

    // The daemons keep the standard streams they inherit: a file, not a pipe nothing would ever close.
    this.run('/usr/sbin/dovecot', ['-c', this.dovecotConf]);
    this.started.dovecot = true;
    this.dovecotPid = await this.pidFrom(join(this.baseDir, 'master.pid'));
    this.run('/usr/sbin/postfix', ['-c', this.postfixDir, 'start']);
    this.started.postfix = true;
    this.postfixPid = await this.pidFrom(join(this.queueDir, 'pid', 'master.pid'));
  }

  run(command, args) {
    const log = join(this.options.workDir, 'commands.log');
    const fd = openSync(log, 'a');
    try {
      execFileSync(command, args, { stdio: ['ignore', fd, fd] });
    } catch (error) {
      throw new Error(
        `${command} ${args.join(' ')} failed: ${readFileSync(log, 'utf8').trim().split('\n').slice(-5).join('\n')}`,
        {
          cause: error,
        },
      );
    } finally {
      closeSync(fd);
    }
  }

  async pidFrom(path) {
    for (let i = 0; i < 100; i++) {
      if (existsSync(path)) {
        const pid = Number(readFileSync(path, 'utf8').trim());
        if (pid > 0) return pid;
      }
      await sleep(50);
    }
    throw new Error(`${path} did not appear`);
  }

  /** Messages in the Maildirs (new/ and cur/). */
  delivered() {
    let count = 0;
    for (const dir of this.maildirs)
      for (const sub of ['new', 'cur']) {
        try {
          count += readdirSync(join(dir, sub)).length;
        } catch {
          // Not created before the first delivery.
        }
      }
    return count;
  }

  /** Processes of this setup: the two masters and their children (for CPU accounting). */
  pids() {
    const roots = [this.postfixPid, this.dovecotPid].filter(Boolean);
    const all = new Set(roots);
    let added = true;
    while (added) {
      added = false;
      for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        try {
          const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          if (all.has(ppid) && !all.has(Number(name))) {
            all.add(Number(name));
            added = true;
          }
        } catch {
          // Gone meanwhile.
        }
      }
    }
    return [...all];
  }

  /** Stops Postfix (postfix -c DIR stop) and Dovecot (its master's PID); only this setup's processes. */
  async stop() {
    if (this.started.postfix) {
      try {
        this.run('/usr/sbin/postfix', ['-c', this.postfixDir, 'stop']);
      } catch {
        if (this.postfixPid) process.kill(this.postfixPid, 'SIGTERM');
      }
      this.started.postfix = false;
    }
    if (this.started.dovecot && this.dovecotPid) {
      try {
        process.kill(this.dovecotPid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      for (let i = 0; i < 100 && existsSync(`/proc/${this.dovecotPid}`); i++) await sleep(50);
      this.started.dovecot = false;
    }
  }
}
