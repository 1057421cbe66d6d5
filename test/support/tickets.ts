import {
  createDirectory,
  defaultSettings,
  handle,
  type Actor,
  type Command,
  type RecipientChange,
  type Settings,
  type Ticket,
  type TicketContext,
} from '../../src/index.js';

export const SUPPORT = ['support@desk.example', 'reply+*@in.desk.example', 'desk-old.example'];

export const directory = createDirectory([
  { address: 'kate@desk.example', kind: 'agent', id: 'kate', name: 'Kate' },
  { address: 'liam@desk.example', kind: 'light-agent', id: 'liam', name: 'Liam' },
  { address: 'mia@desk.example', kind: 'admin', id: 'mia', name: 'Mia' },
  { address: 'otto@desk.example', kind: 'agent', id: 'otto', name: 'Otto' },
  { address: 'paula@partner.example', kind: 'end-user', name: 'Paula Partner' },
]);

export const agent: Actor = { kind: 'agent', id: 'kate' };
export const lightAgent: Actor = { kind: 'light-agent', id: 'liam' };

export function contextWith(overrides: Partial<Settings> = {}): TicketContext {
  return { settings: { ...defaultSettings, supportAddresses: SUPPORT, ...overrides }, directory };
}

let clock = 0;
export const at = (): string => new Date(Date.UTC(2026, 0, 1) + ++clock * 60_000).toISOString();

/** Applies a command that must be accepted; returns the whole result. */
export function must(ticket: Ticket | null, command: Command, context: TicketContext = contextWith()) {
  const r = handle(ticket, command, context);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.error)}`);
  return r.value;
}

export function email(fields: { from: string; to?: string; cc?: string; id?: string; answers?: { commentId: string; visibility: 'public' | 'internal' } }): Command {
  return {
    type: 'receive-email',
    messageId: fields.id ?? `<${Math.abs(hash(JSON.stringify(fields) + clock))}@mail.example>`,
    at: at(),
    from: fields.from,
    ...(fields.to === undefined ? {} : { to: fields.to }),
    ...(fields.cc === undefined ? {} : { cc: fields.cc }),
    ...(fields.answers === undefined ? {} : { answers: fields.answers }),
  };
}

export const edit = (changes: RecipientChange[], by: Actor = agent): Command => ({ type: 'edit-recipients', changes, by, at: at() });

/** A ticket opened by `requester` writing to support with `ccs` in Cc. */
export function opened(requester = 'ann@acme.example', ccs: string[] = [], context: TicketContext = contextWith()): Ticket {
  const r = must(null, { ...email({ from: requester, to: 'support@desk.example', cc: ccs.join(', ') }), newTicketId: 'T-1' } as Command, context);
  return r.ticket as Ticket;
}

export const addresses = (list: readonly { address: string }[]): string[] => list.map((m) => m.address);

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
