// The playground: the composer reducer driving real DOM, and the delivery plan of what it holds.
import {
  composerToCommands,
  createComposer,
  createDirectory,
  handle,
  planDelivery,
  presets,
  type ComposerAction,
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

const ticket = openTicket();
const { initial, reduce } = createComposer(ticket, context);
let state: ComposerState = initial;
let plan = '';
let focused: ComposerField | null = null;
// Re-rendering puts the caret back; that focus is not the agent clicking into the field.
let restoring = false;

const app = document.getElementById('app') as HTMLElement;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const person = (m: { address: string; name: string | null }) => (m.name ? `${m.name} <${m.address}>` : m.address);

function dispatch(action: ComposerAction): void {
  state = reduce(state, action);
  render();
}

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
    <div class="actions"><button data-plan="public" data-testid="plan-reply">Plan the reply</button><button data-plan="internal" data-testid="plan-note">Plan an internal note</button></div>
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
  const send = composerToCommands(ticket, state, { by: { kind: 'agent', id: 'kate' }, at: '2026-03-02T10:00:00Z', commentId: `c-${visibility}`, visibility });
  if (send.pending.length > 0) return `Not sent:\n${send.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`;
  let current = ticket;
  if (send.edit) {
    const edited = handle(current, send.edit, context);
    if (!edited.ok) return edited.error.map((i) => `${i.code}: ${i.message}`).join('\n');
    current = edited.value.ticket ?? current;
  }
  const written = handle(current, send.comment, context);
  if (!written.ok || !written.value.ticket || !written.value.comment) return 'The comment was refused.';
  const p = planDelivery(written.value.ticket, written.value.comment, context);
  if (!p.ok) return p.error.map((i) => `${i.code}: ${i.message}`).join('\n');
  if (p.value.messages.length === 0) return 'Nobody receives it.';
  return p.value.messages.map((m) => `${m.kind}\n  To: ${m.headers.to}\n  Cc: ${m.headers.cc}\n  envelope: ${m.envelope.map((e) => e.address).join(', ')}`).join('\n\n');
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
  }
});
app.addEventListener('input', (event) => {
  const input = event.target as HTMLInputElement;
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
