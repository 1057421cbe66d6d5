// What the JSDoc examples assume is in scope: a help desk, a ticket with people on it, a stored log.
// Each example runs after this prelude, so an example that reads `ticket` or `settings` runs as written.
import * as lib from 'ticket-recipients';

const { createDirectory, handle, presets } = lib;
export const settings = { ...presets.omnidesk, supportAddresses: ['support@desk.example'] };
export const directory = createDirectory([
  { address: 'kate@desk.example', kind: 'agent', id: 'kate', name: 'Kate' },
  { address: 'mia@desk.example', kind: 'admin', id: 'mia' },
  { address: 'ann@desk.example', kind: 'agent', id: 'ann' },
  { address: 'Ann <ann@acme.example>', kind: 'end-user', name: 'Ann' },
]);
export const context = { settings, directory };
export const at = '2026-01-01T10:00:00Z';
const opened = handle(null, { type: 'receive-email', messageId: '<1@mail>', newTicketId: 'T-1', at, from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example' }, context);
if (!opened.ok || opened.value.ticket === null) throw new Error('the prelude could not open a ticket');
export const ticket = opened.value.ticket;
export const decision = opened.value;
export const storedEvents = opened.value.events;
export const storedLog = opened.value.events;
export const stored = JSON.stringify(storedEvents);
export const event = storedEvents[1];
export const plan = (() => {
  const p = lib.planDelivery(ticket, { id: 'c-1', visibility: 'public' }, context);
  if (!p.ok) throw new Error('the prelude could not plan');
  return p.value;
})();
export const inbox: lib.InboundEmail[] = [];
export const ticketOf = (_email: lib.InboundEmail): lib.Ticket | null => null;
export const unsubscribed: string[] = [];
export const raw = 'From: Ann <ann@acme.example>\r\nTo: support@desk.example\r\nMessage-ID: <2@mail>\r\nSubject: hi\r\n\r\nHello\r\n';
export const replaceStoredLog = (_events: readonly lib.TicketEvent[]): void => undefined;
