const { PGlite } = require('@electric-sql/pglite');
(async () => {
  const db = new PGlite('/work/tools/pgdata');
  for (const q of [`SELECT indexdef FROM pg_indexes WHERE tablename IN ('message','folder','folder_change')`,
    `SELECT count(*) FROM message`, `SELECT count(*) FROM folder_change`,
    `EXPLAIN (ANALYZE, BUFFERS) UPDATE message m SET flags = m.flags || ARRAY['x'], modseq = modseq + 1 WHERE m.folder_id = '0ab2076d-4e4f-446b-b70e-add2f6a4b67a' AND m.uid = ANY(ARRAY[1]::bigint[]) RETURNING m.uid`]) {
    const r = await db.query(q); console.log(r.rows.map(x => Object.values(x).join(' ')).join('\n'));
  }
})();
