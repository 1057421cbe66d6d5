import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleWithRetry } from '../src/handle-with-retry.js';
import { handle } from 'ticket-recipients';
import { connection, openDb, type Db } from './db.js';
import { context, email, stored } from './fixtures.js';

let db: Db;
beforeEach(async () => {
  db = await openDb();
});
afterEach(async () => {
  await db.close();
});

describe('crashes and damaged streams', () => {
  it('E4: a worker that dies between deciding and appending loses nothing; the retry writes it once', async () => {
    const store = await db.worker();
    expect((await handleWithRetry(store, 't1', email('<open@acme>', '2026-01-01T10:00:00Z'), context)).ok).toBe(true);
    const reply = email('<reply@acme>', '2026-01-01T11:00:00Z', { cc: 'bob@acme.example' });

    // The doomed worker decides from the stored stream, then its result is dropped.
    const before = await stored(store, 't1');
    const doomed = handle(before.ticket, reply, context);
    expect(doomed.ok && doomed.value.events.length).toBeGreaterThan(0);

    const retried = await handleWithRetry(store, 't1', reply, context);
    expect(retried.ok && retried.value.attempts).toBe(1);
    const after = await stored(store, 't1');
    expect(after.ticket.commentCount).toBe(2);
    expect(after.ticket.ccs.map((m) => m.address)).toEqual(['bob@acme.example']);
    // The mail system redelivers too: the same email a third time changes nothing.
    expect((await handleWithRetry(store, 't1', reply, context)).ok).toBe(true);
    expect((await stored(store, 't1')).events).toHaveLength(after.events.length);
  });

  it('E4: a connection killed inside the append transaction leaves no partial events', async () => {
    const store = await db.worker();
    expect((await handleWithRetry(store, 't2', email('<open@acme>', '2026-01-01T10:00:00Z'), context)).ok).toBe(true);
    const before = await stored(store, 't2');
    const reply = email('<reply@acme>', '2026-01-01T11:00:00Z', { cc: 'bob@acme.example' });
    const decided = handle(before.ticket, reply, context);
    if (!decided.ok) throw new Error('the reply should be accepted');
    expect(decided.value.events.length).toBeGreaterThan(1);

    // Write half of the events inside a transaction, then kill the backend before COMMIT.
    const victim = new pg.Client(connection());
    await victim.connect();
    victim.on('error', () => {});
    const pid = (await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await victim.query('BEGIN');
    const first = decided.value.events[0]!;
    await victim.query(`INSERT INTO ${db.table} (ticket_id, seq, event) VALUES ($1, $2, $3)`, ['t2', first.seq, JSON.stringify(first)]);
    await db.admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await victim.end().catch(() => {});

    expect((await stored(store, 't2')).events).toHaveLength(before.events.length);
    const retried = await handleWithRetry(store, 't2', reply, context);
    expect(retried.ok).toBe(true);
    const after = await stored(store, 't2');
    expect(after.events).toHaveLength(before.events.length + decided.value.events.length);
    expect(after.ticket.commentCount).toBe(2);
  });

  async function threeEmails(): Promise<{ rows: number }> {
    const store = await db.worker();
    for (const [i, id] of ['<a@acme>', '<b@acme>', '<c@acme>'].entries()) {
      expect((await handleWithRetry(store, 't3', email(id, `2026-01-01T1${i}:00:00Z`), context)).ok).toBe(true);
    }
    const r = await db.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${db.table} WHERE ticket_id = 't3'`);
    return { rows: r.rows[0]!.n };
  }

  const damaged = async (expectedRows: number) => {
    const store = await db.worker();
    const r = await handleWithRetry(store, 't3', email('<d@acme>', '2026-01-01T20:00:00Z'), context);
    const count = await db.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${db.table} WHERE ticket_id = 't3'`);
    // Nothing is decided from, or written to, a stream that does not read.
    expect(count.rows[0]!.n).toBe(expectedRows);
    if (r.ok || r.error.code !== 'damaged-stream') throw new Error(`expected damaged-stream, got ${JSON.stringify(r)}`);
    // Each issue's path starts with the index of the event in the stream.
    return r.error.issues.map((i) => (Array.isArray(i.path) ? i.path[0] : undefined));
  };

  it('E4: a row whose JSON was edited is reported at its index, not folded', async () => {
    const { rows } = await threeEmails();
    await db.admin.query(`UPDATE ${db.table} SET event = jsonb_set(event, '{type}', '"exploded"') WHERE ticket_id = 't3' AND seq = 2`);
    expect((await damaged(rows))[0]).toBe(1);
  });

  it('E4: a deleted row (a gap) is reported at the index where the sequence breaks', async () => {
    const { rows } = await threeEmails();
    await db.admin.query(`DELETE FROM ${db.table} WHERE ticket_id = 't3' AND seq = 2`);
    expect((await damaged(rows - 1))[0]).toBe(1);
  });

  it('E4: an event of another ticket copied into the stream is reported', async () => {
    const { rows } = await threeEmails();
    await db.admin.query(`UPDATE ${db.table} SET event = jsonb_set(event, '{ticketId}', '"t9"') WHERE ticket_id = 't3' AND seq = 3`);
    expect(await damaged(rows)).toContain(2);
  });
});
