import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { it } from 'vitest';
import { startTestServer } from '../../server/src/testing/test-server';
import { seedSampleDirectory } from '../src/support/sample-directory';
import { sendMail } from '../src/support/smtp-send';

const stopFile = process.env['ESTAFETTE_DEV_STOP_FILE'] ?? '/tmp/estafette-admin-dev.stop';
const urlFile = process.env['ESTAFETTE_DEV_URL_FILE'] ?? '/tmp/estafette-admin-dev.url';

it('serves the console until told to stop', async () => {
  rmSync(stopFile, { force: true });
  const server = await startTestServer({});
  try {
    await seedSampleDirectory(await server.login());
    // A little mail, so the Message Tracking Center and the mailbox statistics have something to show.
    const smtp = server.ports['smtp'];
    if (smtp) {
      for (const to of ['ada.lovelace', 'grace.hopper', 'alan.turing']) {
        await sendMail(smtp, {
          from: 'news@partner.example',
          to: `${to}@test.example`,
          subject: 'Welcome',
          body: 'Hello!',
        });
      }
    }
    writeFileSync(urlFile, `${server.baseUrl}/admin/\n`);
    process.stdout.write(
      `console: ${server.baseUrl}/admin/  (administrator / Admin-Passw0rd!); touch ${stopFile} to stop\n`,
    );
    while (!existsSync(stopFile)) await sleep(500);
  } finally {
    await server.close();
  }
});
