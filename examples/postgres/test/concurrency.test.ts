import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleWithRetry } from '../src/handle-with-retry.js';
import { openDb, type Db } from './db.js';
import { addCc, barrier, context, email, racing, stored } from './fixtures.js';

let db: Db;
beforeEach(async () => {
  db = await openDb();
});
afterEach(async () => {
  await db.close();
});

const noWait = async (): Promise<void> => {};

describe('workers racing on one ticket', () => {
  it('E4/F1: two workers handling the same inbound email leave exactly one comment', async () => {
    const setup = await db.worker();
    const opened = await handleWithRetry(setup, 't1', email('<open@acme>', '2026-01-01T10:00:00Z'), context);
    expect(opened.ok).toBe(true);

    const wait = barrier(2);
    const workers = await Promise.all([db.worker(), db.worker()]);
    const reply = email('<reply@acme>', '2026-01-01T11:00:00Z', { cc: 'bob@acme.example' });
    const results = await Promise.all(workers.map((w) => handleWithRetry(racing(w, wait), 't1', reply, context, { maxAttempts: 5, backoff: noWait })));

    expect(results.every((r) => r.ok)).toBe(true);
    const attempts = results.map((r) => (r.ok ? r.value.attempts : 0)).sort();
    // Both decided from revision 1; one append won, the other conflicted and re-decided.
    expect(attempts).toEqual([1, 2]);
    const { events, ticket } = await stored(setup, 't1');
    expect(events.filter((e) => e.type === 'comment-added' && e.comment?.messageId === '<reply@acme>')).toHaveLength(1);
    expect(ticket.commentCount).toBe(2);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it('E4/F1: two workers opening a ticket from the same email open it once', async () => {
    const wait = barrier(2);
    const workers = await Promise.all([db.worker(), db.worker()]);
    const open = email('<open@acme>', '2026-01-01T10:00:00Z', { cc: 'bob@acme.example' });
    const results = await Promise.all(workers.map((w) => handleWithRetry(racing(w, wait), 't2', open, context, { maxAttempts: 5, backoff: noWait })));

    expect(results.every((r) => r.ok)).toBe(true);
    const { events, ticket } = await stored(workers[0]!, 't2');
    expect(events.filter((e) => e.type === 'ticket-opened')).toHaveLength(1);
    expect(ticket.commentCount).toBe(1);
    expect(ticket.ccs.map((m) => m.address)).toEqual(['bob@acme.example']);
  });

  it('E4/D1: four agents adding CCs at once never take the ticket past its CC limit', async () => {
    const setup = await db.worker();
    expect((await handleWithRetry(setup, 't3', email('<open@acme>', '2026-01-01T10:00:00Z'), context)).ok).toBe(true);

    const wait = barrier(4);
    const workers = await Promise.all([1, 2, 3, 4].map(() => db.worker()));
    const results = await Promise.all(
      workers.map((w, i) => handleWithRetry(racing(w, wait), 't3', addCc(`cc${i}@acme.example`, `2026-01-01T11:0${i}:00Z`), context, { maxAttempts: 10, backoff: noWait })),
    );

    const { ticket } = await stored(setup, 't3');
    expect(ticket.ccs).toHaveLength(2);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r.ok ? null : r.error.code).toBe('refused');
      expect(!r.ok && r.error.code === 'refused' ? r.error.issues.map((i) => i.code) : []).toContain('cc-limit-exceeded');
    }
    // Each accepted add is the one its worker decided, and it is on the ticket.
    const added = results.flatMap((r) => (r.ok ? r.value.handled.events.flatMap((e) => (e.type === 'added' ? [e.mailbox.address] : [])) : []));
    expect(ticket.ccs.map((m) => m.address).sort()).toEqual(added.sort());
  });

  it('E4: many emails to one ticket from four workers all land, each once, in one unbroken sequence', async () => {
    const setup = await db.worker();
    expect((await handleWithRetry(setup, 't4', email('<open@acme>', '2026-01-01T10:00:00Z'), context)).ok).toBe(true);
    const workers = await Promise.all([1, 2, 3, 4].map(() => db.worker()));
    const perWorker = 10;
    const results = await Promise.all(
      workers.map(async (w, k) => {
        const outcomes = [];
        for (let i = 0; i < perWorker; i++) {
          outcomes.push(await handleWithRetry(w, 't4', email(`<m${k}-${i}@acme>`, `2026-01-01T11:00:00Z`), context, { maxAttempts: 100 }));
        }
        return outcomes;
      }),
    );
    expect(results.flat().every((r) => r.ok)).toBe(true);
    const { events, ticket } = await stored(setup, 't4');
    expect(ticket.commentCount).toBe(1 + 4 * perWorker);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });
});
