// The playground: the composer reducer driving real DOM, and the delivery plan of what it holds.
import {
  composerToCommands,
  createComposer,
  createDirectory,
  describeEvent,
  handle,
  planDelivery,
  presets,
  type Command,
  type ComposerAction,
  type DeliveryPlan,
  type ComposerField,
  type ComposerState,
  type Ticket,
} from 'ticket-recipients';

// `?preset=zendesk` (or servicecamp) runs the page under that help desk's settings.
const presetName = new URLSearchParams(location.search).get('preset');
const preset = presetName === 'zendesk' || presetName === 'servicecamp' ? presets[presetName] : presets.omnidesk;
const context = {
  settings: { ...preset, ccLimit: 5, denylist: ['no-reply*@*', 'spam.example'], supportAddresses: ['support@desk.example'] },
  directory: createDirectory([
    { address: 'kate@desk.example', kind: 'agent', id: 'kate', name: 'Kate' },
    { address: 'mia@desk.example', kind: 'admin', id: 'mia', name: 'Mia Müller' },
    { address: 'paula@partner.example', kind: 'end-user', name: 'Paula Partner' },
  ]),
};

function openTicket(): Ticket {
  const opened = handle(null, { type: 'receive-email', messageId: '<1@acme.example>', newTicketId: 'T-1', at: '2026-03-02T09:00:00Z', from: 'Ann Lee <ann@acme.example>', to: 'support@desk.example', cc: '"Roe, Bob" <bob@acme.example>, cleo@acme.example' }, context);
  if (!opened.ok || opened.value.ticket === null) throw new Error('could not open the ticket');
  const removed = handle(opened.value.ticket, { type: 'edit-recipients', changes: [{ op: 'remove', field: 'cc', address: 'cleo@acme.example' }], by: { kind: 'agent', id: 'kate' }, at: '2026-03-02T09:01:00Z' }, context);
  if (!removed.ok || removed.value.ticket === null) throw new Error('could not edit the ticket');
  return removed.value.ticket;
}

let ticket = openTicket();
let composer = createComposer(ticket, context);
let state: ComposerState = composer.initial;
let oneTime = false;
let clock = 0;
const at = () => new Date(Date.UTC(2026, 2, 2, 11, ++clock)).toISOString();
const kate = { kind: 'agent', id: 'kate' } as const;
let plan = '';
let focused: ComposerField | null = null;
// Re-rendering puts the caret back; that focus is not the agent clicking into the field.
let restoring = false;

const app = document.getElementById('app') as HTMLElement;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const person = (m: { address: string; name: string | null }) => (m.name ? `${m.name} <${m.address}>` : m.address);

function dispatch(action: ComposerAction): void {
  state = composer.reduce(state, action);
  render();
}

const planText = (plans: readonly DeliveryPlan[]): string =>
  plans
    .flatMap((p) => [
      ...p.messages.map((m) => `${m.kind}\n  To: ${m.headers.to}\n  Cc: ${m.headers.cc}\n  envelope: ${m.envelope.map((e) => e.address).join(', ')}`),
      ...p.leftOut.map((l) => `left out: ${l.mailbox.address} (${l.reason})`),
    ])
    .join('\n\n') || 'Nobody receives it.';

/** Runs a command on the ticket (H1–H4, B9): the page's ticket becomes the result, and the composer starts again from it. */
function act(command: Command): string {
  const r = handle(ticket, command, context);
  if (!r.ok) return r.error.map((i) => `${i.code}: ${i.message}`).join('\n');
  if (r.value.ticket) ticket = r.value.ticket;
  composer = createComposer(ticket, context);
  state = composer.initial;
  const lines = [...r.value.events.map((e) => `• ${describeEvent(e)}`), ...r.value.issues.map((i) => `! ${i.code}: ${i.message}`)];
  return `${lines.join('\n')}${r.value.plans.length > 0 ? `\n\n${planText(r.value.plans)}` : ''}`;
}

const samTicket = (): Ticket | null => {
  const r = handle(null, { type: 'receive-email', messageId: '<sam-1@acme.example>', newTicketId: 'T-2', at: at(), from: 'Sam <sam@acme.example>', to: 'support@desk.example', cc: 'dan@acme.example' }, context);
  return r.ok ? r.value.ticket : null;
};

const ACTIONS: Record<string, () => string> = {
  mute: () => act({ type: 'edit-recipients', changes: [{ op: ticket.heldBack.some((h) => h.reason === 'muted' && h.mailbox.key === 'bob@acme.example') ? 'unmute' : 'mute', address: 'bob@acme.example' }], by: kate, at: at() }),
  bounce: () => act({ type: 'receive-email', messageId: `<dsn-${clock}@mx.acme.example>`, at: at(), from: 'MAILER-DAEMON@mx.acme.example', to: 'support@desk.example', failedRecipients: ['bob@acme.example'] }),
  merge: () => {
    const source = samTicket();
    return source === null ? 'Sam’s ticket could not be opened.' : act({ type: 'merge-tickets', source, by: kate, at: at() });
  },
  'drop-bob': () => act({ type: 'receive-email', messageId: `<ann-${clock}@acme.example>`, at: at(), from: 'Ann Lee <ann@acme.example>', to: 'support@desk.example', cc: 'cleo@acme.example' }),
  release: () => {
    const notice = ticket.notices.find((n) => n.resolutions.some((r) => r === 'update-recipients'));
    return notice === undefined ? 'No notice to resolve.' : act({ type: 'resolve-notice', noticeId: notice.id, resolution: 'update-recipients', by: kate, at: at() });
  },
};

function fieldRow(field: ComposerField): string {
  const f = state.fields[field];
  if (!f.visible) return '';
  const chips = f.chips.map((m) => `<span class="chip" data-testid="chip-${field}">${esc(person(m))} <button data-remove="${field}" data-key="${esc(m.key)}" aria-label="remove">×</button></span>`).join('');
  const hide = field === 'to' ? '' : `<button data-hide="${field}">remove</button>`;
  const error = f.error ? `<div class="error" data-testid="error-${field}">${esc(f.error.message)}</div>` : '';
  const suggestions =
    state.suggestionsFor === field && state.suggestions.length > 0
      ? `<ul class="suggestions" data-testid="suggestions">${state.suggestions.map((s) => `<li><button data-pick="${field}" data-address="${esc(s.address)}">${esc(person(s))}</button></li>`).join('')}</ul>`
      : '';
  return `<div class="row"><label>${field === 'to' ? 'To' : field === 'cc' ? 'Cc' : 'Bcc'}</label><div class="field">${chips}<input data-field="${field}" data-testid="input-${field}" value="${esc(f.text)}" autocomplete="off" /></div>${hide}</div>${error}${suggestions}`;
}

function render(): void {
  // A field the settings rule out gets no link (C3).
  const links = (['cc', 'bcc'] as const).filter((f) => !state.fields[f].visible && state.fields[f].available).map((f) => `<button data-show="${f}" data-testid="show-${f}">${f === 'cc' ? 'Cc' : 'Bcc'}</button>`).join('');
  const feedback = state.feedback.map((f) => `<div class="feedback" data-testid="feedback">${esc(f.message)} (${f.code})</div>`).join('');
  app.innerHTML = `
    <div class="links">${links}</div>
    ${fieldRow('to')}${fieldRow('cc')}${fieldRow('bcc')}
    ${feedback}
    <div class="actions"><label><input type="checkbox" data-testid="one-time" data-one-time ${oneTime ? 'checked' : ''} /> Cc and Bcc changes for this reply only</label></div>
    <div class="actions"><button data-plan="public" data-testid="plan-reply">Plan the reply</button><button data-plan="internal" data-testid="plan-note">Plan an internal note</button></div>
    <div class="actions">Meanwhile: <button data-act="mute" data-testid="act-mute">Mute or unmute Bob</button><button data-act="bounce" data-testid="act-bounce">Bob’s mail bounces</button><button data-act="drop-bob" data-testid="act-drop-bob">Ann replies without Bob</button><button data-act="release" data-testid="act-release">Resolve: update recipients</button><button data-act="merge" data-testid="act-merge">Merge Sam’s ticket</button></div>
    <pre data-testid="plan">${esc(plan)}</pre>`;
  if (focused) {
    const input = app.querySelector<HTMLInputElement>(`input[data-field="${focused}"]`);
    restoring = true;
    input?.focus();
    restoring = false;
    input?.setSelectionRange(input.value.length, input.value.length);
  }
}

function planFor(visibility: 'public' | 'internal'): string {
  const send = composerToCommands(ticket, state, { by: kate, at: '2026-03-02T10:00:00Z', commentId: `c-${visibility}`, visibility, oneTime });
  if (send.pending.length > 0) return `Not sent:\n${send.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`;
  let current = ticket;
  if (send.edit) {
    const edited = handle(current, send.edit, context);
    if (!edited.ok) return edited.error.map((i) => `${i.code}: ${i.message}`).join('\n');
    current = edited.value.ticket ?? current;
  }
  const written = handle(current, send.comment, context);
  if (!written.ok) return written.error.map((i) => `${i.code}: ${i.message}`).join('\n');
  if (!written.value.ticket || !written.value.comment) return 'The comment was refused.';
  const p = planDelivery(written.value.ticket, written.value.comment, context);
  if (!p.ok) return p.error.map((i) => `${i.code}: ${i.message}`).join('\n');
  return planText([p.value]);
}

app.addEventListener('click', (event) => {
  const el = (event.target as HTMLElement).closest('button');
  if (!el) return;
  const d = el.dataset;
  if (d.show) dispatch({ type: 'show', field: d.show as 'cc' | 'bcc' });
  else if (d.hide) dispatch({ type: 'hide', field: d.hide as 'cc' | 'bcc' });
  else if (d.remove) dispatch({ type: 'remove', field: d.remove as ComposerField, key: d.key ?? '' });
  else if (d.pick) dispatch({ type: 'pick', field: d.pick as ComposerField, address: d.address ?? '' });
  else if (d.plan) {
    plan = planFor(d.plan as 'public' | 'internal');
    render();
  } else if (d.act) {
    plan = ACTIONS[d.act]?.() ?? '';
    render();
  }
});
app.addEventListener('change', (event) => {
  const box = event.target as HTMLInputElement;
  if (box.dataset.oneTime === undefined) return;
  oneTime = box.checked;
  render();
});
app.addEventListener('input', (event) => {
  const input = event.target as HTMLInputElement;
  // Only the recipient fields are the composer's; the one-time checkbox has its own handler.
  if (!input.dataset.field) return;
  focused = input.dataset.field as ComposerField;
  dispatch({ type: 'input', field: focused, text: input.value });
});
app.addEventListener('keydown', (event) => {
  const input = event.target as HTMLInputElement;
  const field = input.dataset.field as ComposerField | undefined;
  if (field && (event.key === 'Enter' || event.key === 'Tab')) {
    event.preventDefault();
    focused = field;
    dispatch({ type: 'key', field, key: event.key });
  }
});
// Every paste goes to the reducer: an <input> would turn a pasted list's new lines into nothing.
app.addEventListener('paste', (event) => {
  const input = event.target as HTMLInputElement;
  const field = input.dataset.field as ComposerField | undefined;
  if (!field) return;
  event.preventDefault();
  focused = field;
  dispatch({ type: 'paste', field, text: event.clipboardData?.getData('text') ?? '' });
});
// Clicking into a field: an empty one offers the ticket's remembered addresses.
app.addEventListener('focusin', (event) => {
  const field = (event.target as HTMLElement).dataset?.field as ComposerField | undefined;
  if (!field || restoring) return;
  focused = field;
  dispatch({ type: 'focus', field });
});

render();
