const { PGlite } = require('@electric-sql/pglite');
const { preparedQuery } = require('./dist/server/apps/server/src/database/pglite-prepared.js');
const { execSync } = require('child_process');
(async () => {
  const steps = [
    ['baseline', null],
    ['vacuum', 'VACUUM message'],
    ['drop modseq idx', 'DROP INDEX message_folder_modseq'],
    ['drop 5 more', 'DROP INDEX message_folder_date; DROP INDEX message_deleted; DROP INDEX message_blob; DROP INDEX message_message_id; DROP INDEX message_delivery_key; DROP INDEX message_folder_live'],
  ];
  execSync('rm -rf /tmp/pgx && cp -r /work/tools/pgdata /tmp/pgx');
  const db = new PGlite('/tmp/pgx');
  const f = (await db.query(`SELECT f.id FROM folder f WHERE f.message_count > 30 ORDER BY f.message_count DESC LIMIT 1`)).rows[0];
  const sql = `UPDATE message m SET flags = CASE WHEN m.flags @> $3::text[] THEN ARRAY(SELECT x FROM unnest(m.flags) x WHERE x <> ALL($3::text[])) ELSE m.flags || $3::text[] END, modseq = modseq + 1 WHERE m.folder_id = $1 AND m.uid = ANY($2::bigint[]) RETURNING m.uid`;
  const sql2 = `UPDATE message m SET flags = CASE WHEN m.flags @> $3::text[] THEN ARRAY(SELECT x FROM unnest(m.flags) x WHERE x <> ALL($3::text[])) ELSE m.flags || $3::text[] END WHERE m.folder_id = $1 AND m.uid = ANY($2::bigint[]) RETURNING m.uid`;
  for (const [name, ddl] of steps) {
    if (ddl) await db.exec(ddl);
    for (const [label, q] of [['modseq+flags', sql], ['flags only', sql2]]) {
      for (let i = 0; i < 200; i++) await preparedQuery(db, q, [f.id, [1 + (i % 40)], ['\\Flagged']]);
      const t0 = performance.now();
      for (let i = 0; i < 2000; i++) await preparedQuery(db, q, [f.id, [1 + (i % 40)], ['\\Flagged']]);
      console.log(name.padEnd(18), label.padEnd(14), ((performance.now() - t0) / 2000 * 1000).toFixed(0), 'us');
    }
    const st = (await db.query(`SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname='message'`)).rows[0];
    console.log('   ', st);
  }
})();
