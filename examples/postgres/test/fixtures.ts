import { createDirectory, fold, prepareContext, type InboundEmail } from 'ticket-recipients';
import type { EventStore } from '../src/store.js';

export const settings = { supportAddresses: ['support@desk.example'], ccLimit: 2 };
export const context = prepareContext({ settings, directory: createDirectory([{ id: 'a1', kind: 'agent', address: 'agent@desk.example' }]) });

export const email = (messageId: string, at: string, extra: Partial<InboundEmail> = {}): InboundEmail => ({
  type: 'receive-email',
  messageId,
  at,
  from: 'Ann <ann@acme.example>',
  to: 'support@desk.example',
  ...extra,
});

export const addCc = (address: string, at: string) =>
  ({ type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address }], by: { kind: 'agent', id: 'a1' }, at }) as const;

/** Resolves once `n` callers have arrived: makes workers read the same revision before any of them writes. */
export function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === n) open();
    return opened;
  };
}

/** A store whose first read waits at the barrier after reading, so every worker decides from the same revision. */
export function racing(store: EventStore, wait: () => Promise<void>): EventStore {
  let first = true;
  return {
    ...store,
    async read(ticketId) {
      const events = await store.read(ticketId);
      if (first) {
        first = false;
        await wait();
      }
      return events;
    },
  };
}

/** The stored stream folded, for assertions (the stream is known to be sound here). */
export const stored = async (store: EventStore, ticketId: string) => {
  const events = (await store.read(ticketId)) as { type: string; seq: number; comment?: { messageId: string | null } }[];
  return { events, ticket: fold(events as never) };
};
