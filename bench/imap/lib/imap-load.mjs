// The IMAP load of the benchmark: seeding mailboxes by APPEND, the two command mixes and the idle
// connections, against any server reachable on a loopback port. Every loop is bounded by a deadline and a
// count.
import { ImapClient, quoted } from './imap-client.mjs';
import { mailShape } from './mail-shapes.mjs';

const HOST = '127.0.0.1';
const APPEND_SHAPES = 16;

/** Counters of one measured phase. */
export class LoadCounters {
  constructor() {
    this.commands = 0;
    this.sessions = 0;
    this.errors = 0;
    this.firstErrors = [];
    /** Per command name (UID and its command as one): count and summed milliseconds, answer included. */
    this.latency = new Map();
  }

  timed(name, milliseconds) {
    const entry = this.latency.get(name) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += milliseconds;
    this.latency.set(name, entry);
  }

  /** "LIST 3.1, STATUS 2.8, …": mean milliseconds from sending a command to its tagged answer. */
  latencySummary() {
    return [...this.latency].map(([name, { count, ms }]) => `${name} ${(ms / count).toFixed(1)}`).join(', ');
  }

  error(error) {
    this.errors++;
    if (this.firstErrors.length < 3) this.firstErrors.push(String(error?.message ?? error));
  }
}

async function login(port, user, password, counters) {
  const client = new ImapClient({ host: HOST, port });
  await client.connect();
  await client.command(`LOGIN ${quoted(user)} ${quoted(password)}`);
  if (counters) counters.commands++;
  return client;
}

/** Puts `perUser` messages of the mix into every user's INBOX, `concurrency` sessions at a time. */
export async function seedMailboxes({ port, users, password, perUser, seed, domain, concurrency = 8 }) {
  let next = 0;
  const worker = async () => {
    while (next < users.length) {
      const index = next++;
      const client = await login(port, users[index], password);
      for (let i = 0; i < perUser; i++)
        await client.append('INBOX', [], mailShape(seed, index * perUser + i, `${users[index]}@${domain}`));
      await client.command('LOGOUT').catch(() => undefined);
      client.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, users.length) }, worker));
}

/**
 * One round of the mix's mailbox commands (RFC 3501): LIST, STATUS, SELECT, a header FETCH of the last ten
 * messages, a whole-body FETCH, STORE, SEARCH, APPEND, and STORE \Deleted plus EXPUNGE of the appended
 * message, so the mailbox keeps its size. Ten commands.
 */
async function mailboxRound(client, round, appendShapes, counters) {
  const run = async (text) => {
    const started = performance.now();
    const response = await client.command(text);
    counters.timed(/^(UID )?\S+/.exec(text)[0], performance.now() - started);
    counters.commands++;
    return response;
  };
  await run('LIST "" "*"');
  await run('STATUS INBOX (MESSAGES UNSEEN UIDNEXT)');
  const selected = await run('SELECT INBOX');
  const exists = Number(selected.untagged.map((l) => /^\* (\d+) EXISTS/.exec(l)?.[1]).find(Boolean) ?? 0);
  if (exists === 0) throw new Error('SELECT INBOX found no messages');
  await run(`FETCH ${Math.max(1, exists - 9)}:${exists} (UID FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE)])`);
  const n = 1 + (round % exists);
  await run(`FETCH ${n} (UID BODY.PEEK[])`);
  await run(`STORE ${n} ${round % 2 ? '+' : '-'}FLAGS (\\Flagged)`);
  await run(round % 2 ? 'UID SEARCH UNSEEN' : `UID SEARCH FROM "colleague${round % 31}@"`);
  const appendStarted = performance.now();
  const appended = await client.append('INBOX', ['\\Seen'], appendShapes[round % appendShapes.length]);
  counters.timed('APPEND', performance.now() - appendStarted);
  counters.commands++;
  const uid = /APPENDUID \d+ (\d+)/.exec(appended.status)?.[1];
  if (!uid) throw new Error(`APPEND answered without APPENDUID: ${appended.status}`);
  await run(`UID STORE ${uid} +FLAGS.SILENT (\\Deleted)`);
  await run('EXPUNGE');
}

export function appendShapes(seed, domain) {
  return Array.from({ length: APPEND_SHAPES }, (_, i) => mailShape(seed + 1, 1_000_000 + i, `load@${domain}`));
}

/**
 * Mix 1, login per session: each of `clients` workers repeats connect, LOGIN, one round, LOGOUT until the
 * deadline or `maxSessions` sessions in all. Twelve commands a session.
 */
export async function loginPerSession({ port, users, password, clients, seconds, maxSessions, shapes }) {
  const counters = new LoadCounters();
  const deadline = performance.now() + seconds * 1000;
  let started = 0;
  const worker = async (w) => {
    for (let round = w; performance.now() < deadline && started < maxSessions; round += clients) {
      started++;
      let client = null;
      try {
        client = await login(port, users[w % users.length], password, counters);
        await mailboxRound(client, round, shapes, counters);
        await client.command('LOGOUT');
        counters.commands++;
        counters.sessions++;
      } catch (error) {
        counters.error(error);
      } finally {
        client?.close();
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
  return { counters, seconds: (performance.now() - start) / 1000 };
}

/** Mix 2, persistent sessions: each worker logs in once and repeats rounds until the deadline or `maxRounds`. */
export async function persistentSessions({ port, users, password, clients, seconds, maxRounds, shapes }) {
  const counters = new LoadCounters();
  const deadline = performance.now() + seconds * 1000;
  let rounds = 0;
  const worker = async (w) => {
    let client = null;
    for (let round = w; performance.now() < deadline && rounds < maxRounds; round += clients) {
      rounds++;
      try {
        client ??= await login(port, users[w % users.length], password, counters);
        await mailboxRound(client, round, shapes, counters);
      } catch (error) {
        counters.error(error);
        client?.close();
        client = null;
      }
    }
    if (client) {
      await client.command('LOGOUT').catch(() => undefined);
      client.close();
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
  counters.sessions = clients;
  return { counters, seconds: (performance.now() - start) / 1000 };
}

/** `count` connections doing LOGIN, SELECT INBOX, IDLE, opened `concurrency` at a time; returns them open. */
export async function openIdleConnections({ port, users, password, count, concurrency = 50 }) {
  const open = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const client = await login(port, users[i % users.length], password);
      open.push(client);
      await client.command('SELECT INBOX');
      await client.idle();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return open;
}
