// Events appended per second by 1, 2 and 4 workers handling emails on a shared set of
// tickets. Not a test: it prints numbers for docs/storage.md. Run from the repository
// root against a server named by PGHOST/PGPORT/PGUSER/PGDATABASE:
//   npx tsx examples/postgres/throughput.ts
import pg from 'pg';
import { prepareContext, type InboundEmail } from 'ticket-recipients';
import { connection } from './src/connection.js';
import { handleWithRetry } from './src/handle-with-retry.js';
import { createStore, migrate } from './src/store.js';

const TICKETS = Number(process.env.TICKETS ?? 200);
const EMAILS = Number(process.env.EMAILS ?? 4000);
const TABLE = 'ticket_events_throughput';
const context = prepareContext({ settings: { supportAddresses: ['support@desk.example'] } });

const email = (messageId: string, from: string): InboundEmail => ({
  type: 'receive-email',
  messageId,
  at: '2026-01-01T10:00:00Z',
  from,
  to: 'support@desk.example',
  cc: 'team@acme.example',
});

async function run(workers: number): Promise<void> {
  const admin = new pg.Client(connection());
  await admin.connect();
  await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await migrate(admin, TABLE);
  const opener = createStore(admin, TABLE);
  for (let t = 0; t < TICKETS; t++) {
    const r = await handleWithRetry(opener, `t${t}`, email(`<open-${t}@acme>`, `c${t}@acme.example`), context);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const start = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TABLE}`);

  const clients = await Promise.all(
    Array.from({ length: workers }, async () => {
      const c = new pg.Client(connection());
      await c.connect();
      return c;
    }),
  );
  let conflicts = 0;
  let failed = 0;
  const began = performance.now();
  await Promise.all(
    clients.map(async (client, w) => {
      const store = createStore(client, TABLE);
      for (let i = w; i < EMAILS; i += workers) {
        // Random tickets: workers collide on a ticket now and then, as they would in a desk.
        const t = Math.floor(Math.random() * TICKETS);
        const r = await handleWithRetry(store, `t${t}`, email(`<m${i}@acme>`, `c${t}@acme.example`), context, { maxAttempts: 50 });
        if (r.ok) conflicts += r.value.attempts - 1;
        else failed++;
      }
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const end = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${TABLE}`);
  const appended = end.rows[0]!.n - start.rows[0]!.n;
  console.log(
    `${workers} worker(s): ${EMAILS} emails on ${TICKETS} tickets, ${appended} events in ${seconds.toFixed(2)} s = ${Math.round(appended / seconds)} events/s, ${Math.round(EMAILS / seconds)} emails/s, ${conflicts} conflicts retried, ${failed} failed`,
  );
  await Promise.all(clients.map((c) => c.end()));
  await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await admin.end();
}

console.log(`node ${process.version}; PostgreSQL at ${connection().host}:${connection().port}`);
for (const workers of [1, 2, 4]) await run(workers);
