import type { ImapTestClient } from './imap-test-client';
import { seedSampleMailbox } from './sample-messages';
import { startSession, type ImapServerFixture } from './server-fixture';

/**
 * A logged-in session (alice) with the sample INBOX (three messages, UIDs 1-3) selected or examined;
 * `holder.fixture` is set for the spec's afterEach to close.
 */
export async function sampleSession(
  holder: { fixture?: ImapServerFixture },
  command: 'SELECT' | 'EXAMINE' | null = 'SELECT',
): Promise<{ client: ImapTestClient; fixture: ImapServerFixture }> {
  const started = await startSession({ login: true });
  holder.fixture = started.fixture;
  seedSampleMailbox(started.fixture.backend);
  if (command) await started.client.command(`s0 ${command} INBOX`);
  return { client: started.client, fixture: started.fixture };
}
