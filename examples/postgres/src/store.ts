import type { ClientBase } from 'pg';

/** What the store needs of an event: which stream it belongs to and its place there. */
export interface Sequenced {
  readonly ticketId: string;
  readonly seq: number;
}

/** Events for one ticket's stream, written only if the stream is still at `expectedRevision`. */
export interface StreamAppend<E extends Sequenced = Sequenced> {
  readonly ticketId: string;
  readonly expectedRevision: number;
  readonly events: readonly E[];
}

export type AppendIssue =
  /** Another writer got there first: re-read, re-decide, try again. */
  | { readonly code: 'conflict'; readonly message: string; readonly ticketId: string; readonly expectedRevision: number }
  /** The events do not continue the stream they are for: a caller bug, retrying will not help. */
  | { readonly code: 'out-of-sequence'; readonly message: string; readonly ticketId: string; readonly input: unknown };

export type AppendResult = { readonly ok: true; readonly revisions: Readonly<Record<string, number>> } | { readonly ok: false; readonly error: AppendIssue };

export interface EventStore {
  /** The stored events of a ticket, in `seq` order, exactly as stored (check them with `readEvents`). */
  read(ticketId: string): Promise<unknown[]>;
  /** Appends to one stream; a conflict is a result, never a throw. */
  append<E extends Sequenced>(ticketId: string, expectedRevision: number, events: readonly E[]): Promise<AppendResult>;
  /** Appends to several streams in one transaction: all or none (a split writes two). */
  appendAll<E extends Sequenced>(streams: readonly StreamAppend<E>[]): Promise<AppendResult>;
}

const UNIQUE_VIOLATION = '23505';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Creates the events table if missing. One row per event; the key is what turns a lost race into a conflict. */
export async function migrate(client: ClientBase, table = 'ticket_events'): Promise<void> {
  if (!IDENTIFIER.test(table)) throw new Error(`Not a table name: ${table}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
    ticket_id text NOT NULL,
    seq int NOT NULL CHECK (seq > 0),
    event jsonb NOT NULL,
    PRIMARY KEY (ticket_id, seq)
  )`);
}

function sequenceIssue<E extends Sequenced>(stream: StreamAppend<E>): AppendIssue | null {
  for (const [i, event] of stream.events.entries()) {
    if (event.ticketId !== stream.ticketId || event.seq !== stream.expectedRevision + i + 1) {
      return {
        code: 'out-of-sequence',
        message: `Event ${i} for ${stream.ticketId} should have seq ${stream.expectedRevision + i + 1}; it is ${event.ticketId}#${event.seq}.`,
        ticketId: stream.ticketId,
        input: event,
      };
    }
  }
  return null;
}

/**
 * A store over one connection: a worker owns its client, so its transactions never
 * interleave; workers scale by each having their own.
 */
export function createStore(client: ClientBase, table = 'ticket_events'): EventStore {
  if (!IDENTIFIER.test(table)) throw new Error(`Not a table name: ${table}`);

  const conflict = (ticketId: string, expectedRevision: number): AppendResult => ({
    ok: false,
    error: { code: 'conflict', message: `${ticketId} is no longer at revision ${expectedRevision}.`, ticketId, expectedRevision },
  });

  async function appendAll<E extends Sequenced>(streams: readonly StreamAppend<E>[]): Promise<AppendResult> {
    for (const stream of streams) {
      const issue = sequenceIssue(stream);
      if (issue !== null) return { ok: false, error: issue };
    }
    const revisions: Record<string, number> = {};
    await client.query('BEGIN');
    try {
      for (const { ticketId, expectedRevision, events } of streams) {
        // The key alone catches a writer that read the same revision; this catches one whose
        // expected revision is ahead of the stream, which would otherwise leave a gap.
        const head = await client.query<{ revision: number }>(`SELECT coalesce(max(seq), 0) AS revision FROM ${table} WHERE ticket_id = $1`, [ticketId]);
        if (head.rows[0]?.revision !== expectedRevision) {
          await client.query('ROLLBACK');
          return conflict(ticketId, expectedRevision);
        }
        if (events.length > 0) {
          await client.query(`INSERT INTO ${table} (ticket_id, seq, event) SELECT $1, s, e FROM unnest($2::int[], $3::jsonb[]) AS x(s, e)`, [
            ticketId,
            events.map((e) => e.seq),
            events.map((e) => JSON.stringify(e)),
          ]);
        }
        revisions[ticketId] = expectedRevision + events.length;
      }
      await client.query('COMMIT');
      return { ok: true, revisions };
    } catch (error) {
      await client.query('ROLLBACK');
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) {
        const detail = String((error as { detail?: unknown }).detail ?? '');
        const stream = streams.find((s) => detail.includes(`(${s.ticketId},`)) ?? streams[0];
        return conflict(stream?.ticketId ?? '', stream?.expectedRevision ?? 0);
      }
      throw error;
    }
  }

  return {
    async read(ticketId) {
      const r = await client.query<{ event: unknown }>(`SELECT event FROM ${table} WHERE ticket_id = $1 ORDER BY seq`, [ticketId]);
      return r.rows.map((row) => row.event);
    },
    append: (ticketId, expectedRevision, events) => appendAll([{ ticketId, expectedRevision, events }]),
    appendAll,
  };
}
