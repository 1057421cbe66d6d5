// The simulator: settings, rules and a conversation played through the library in the browser.
// Plain DOM. The session (settings, rules, the event log) is the state; everything on the page is
// computed from it, and the composer reducer holds the reply form.
import PostalMime from 'postal-mime';
import {
  composerToCommands,
  createComposer,
  describeEvent,
  emailFromParsed,
  englishPhrases,
  formatPath,
  parseRules,
  parseSettings,
  planDelivery,
  presets,
  type Command,
  type ComposerAction,
  type ComposerField,
  type ComposerState,
  type DeliveryPlan,
  type HistoryPhrases,
  type RecipientChange,
  type Settings,
  type Ticket,
} from 'ticket-recipients';
import { alternativesFor, buildGrid, reasonsFor, sentence, type How } from './grid.js';
import { germanPhrases } from './phrases.js';
import { apply, contextOf, emptySession, eventRange, fromHash, nextAt, readSession, ticketOf, toHash, undo, withContext, type Session } from './session.js';
import { generateTest } from './test-gen.js';

type PresetName = 'omnidesk' | 'zendesk' | 'servicecamp';
const PRESETS: readonly PresetName[] = ['omnidesk', 'zendesk', 'servicecamp'];
/** A preset as this page's help desk runs it: with its support address and a denylist. */
const presetSettings = (name: PresetName): Settings => ({ ...presets[name], denylist: ['no-reply*@*', 'spam.example'], supportAddresses: ['support@desk.example'] });

const ENUMS: Partial<Record<keyof Settings, readonly string[]>> = {
  onDroppedRecipients: ['notify', 'apply', 'keep'],
  ccReplyWithoutRequester: ['public', 'private', 'public-if-only-support'],
  thirdPartyReply: ['internal', 'add-as-cc'],
  machineMail: ['internal', 'public'],
  unauthenticatedMail: ['note', 'trust'],
  agentOpensTicketFor: ['customer', 'sender'],
  mergeRequesterAs: ['cc', 'none'],
};
const PHRASES: Record<'en' | 'de', HistoryPhrases> = { en: englishPhrases, de: germanPhrases };
const kate = { kind: 'agent', id: 'kate' } as const;

/** The sample: Ann wrote in with Bob and Cleo in Cc; Kate removed Cleo. */
function sampleSession(settings: Settings, rules: Session['rules'] = []): Session {
  let s = emptySession(settings, rules);
  const opened = apply(s, 'Ann writes in, Bob and Cleo in Cc', [
    (_, at) => ({ type: 'receive-email', messageId: '<1@acme.example>', newTicketId: 'T-1', at, from: 'Ann Lee <ann@acme.example>', to: 'support@desk.example', cc: '"Roe, Bob" <bob@acme.example>, cleo@acme.example' }),
  ]);
  if (opened.ok) s = opened.session;
  const removed = apply(s, 'Kate removes Cleo', [(_, at) => ({ type: 'edit-recipients', changes: [{ op: 'remove', field: 'cc', address: 'cleo@acme.example' }], by: kate, at })]);
  return removed.ok ? removed.session : s;
}

// ---- state ----
const params = new URLSearchParams(location.search);
const presetParam = params.get('preset');
let presetName: PresetName | 'custom' = presetParam === 'zendesk' || presetParam === 'servicecamp' ? presetParam : 'omnidesk';
let session: Session;
let loadProblems: string[] = [];
{
  const shared = fromHash(location.hash);
  const read = shared === null ? null : readSession(shared);
  if (read?.session) {
    session = read.session;
    presetName = PRESETS.find((p) => JSON.stringify(presetSettings(p)) === JSON.stringify(session.settings)) ?? 'custom';
  } else {
    if (read) loadProblems = read.problems.map((p) => `${p.where}: ${p.code}: ${p.message}`);
    session = sampleSession(presetSettings(presetName as PresetName));
  }
}
let ticket: Ticket | null = ticketOf(session);
let composer = ticket ? createComposer(ticket, contextOf(session)) : null;
let state: ComposerState | null = composer?.initial ?? null;
let oneTime = false;
let plan = '';
let language: 'en' | 'de' = 'en';
let settingsDraft = JSON.stringify(session.settings, null, 2);
let settingsIssues: string[] = [];
let rulesDraft = JSON.stringify(session.rules, null, 2);
let ruleIssues: { path: string; message: string }[] = [];
let testText = '';
let status = '';
let why = 'Hover over or focus a cell of the grid to read why.';
let focused: ComposerField | null = null;
// Re-rendering puts the caret back; that focus is not the agent clicking into the field.
let restoring = false;

const app = document.getElementById('app') as HTMLElement;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const person = (m: { address: string; name: string | null }) => (m.name ? `${m.name} <${m.address}>` : m.address);
const issueText = (list: readonly { code: string; message: string }[]) => list.map((i) => `${i.code}: ${i.message}`).join('\n');

/** The session changed: fold, start the composer again, and keep the URL the session's. */
function commit(next: Session): void {
  session = next;
  ticket = ticketOf(session);
  composer = ticket ? createComposer(ticket, contextOf(session)) : null;
  state = composer?.initial ?? null;
  settingsDraft = JSON.stringify(session.settings, null, 2);
  history.replaceState(null, '', `${location.pathname}${location.search}${toHash(session)}`);
}

const planText = (plans: readonly DeliveryPlan[]): string =>
  plans
    .flatMap((p) => [
      ...p.messages.map((m) => `${m.kind}\n  To: ${m.headers.to}\n  Cc: ${m.headers.cc}\n  envelope: ${m.envelope.map((e) => e.address).join(', ')}`),
      ...p.leftOut.map((l) => `left out: ${l.mailbox.address} (${l.reason})`),
    ])
    .join('\n\n') || 'Nobody receives it.';

/** Runs one step (one or more commands) and appends its events; the plan area says what happened. */
function step(label: string, makers: Parameters<typeof apply>[2]): string {
  const r = apply(session, label, makers);
  if (!r.ok) return issueText(r.issues);
  commit(r.session);
  const lines = [...r.handled.flatMap((h) => h.events).map((e) => `• ${describeEvent(e)}`), ...r.handled.flatMap((h) => h.issues).map((i) => `! ${i.code}: ${i.message}`)];
  const plans = r.handled.flatMap((h) => h.plans);
  return `${lines.join('\n')}${plans.length > 0 ? `\n\n${planText(plans)}` : ''}`;
}

const single = (label: string, command: (t: Ticket | null, at: string) => Command | null) => step(label, [command]);

const ACTIONS: Record<string, () => string> = {
  mute: () =>
    single('Kate mutes or unmutes Bob', (t, at) => ({ type: 'edit-recipients', changes: [{ op: t?.heldBack.some((h) => h.reason === 'muted' && h.mailbox.key === 'bob@acme.example') ? 'unmute' : 'mute', address: 'bob@acme.example' }], by: kate, at })),
  bounce: () => single('Bob’s mail bounces', (_, at) => ({ type: 'receive-email', messageId: `<dsn-${session.entries.length}@mx.acme.example>`, at, from: 'MAILER-DAEMON@mx.acme.example', to: 'support@desk.example', failedRecipients: ['bob@acme.example'] })),
  merge: () => {
    const source = apply(emptySession(session.settings, session.rules), 'Sam writes in', [(_, at) => ({ type: 'receive-email', messageId: '<sam-1@acme.example>', newTicketId: 'T-2', at, from: 'Sam <sam@acme.example>', to: 'support@desk.example', cc: 'dan@acme.example' })]);
    const sam = source.ok ? ticketOf(source.session) : null;
    return sam === null ? 'Sam’s ticket could not be opened.' : single('Kate merges Sam’s ticket', (_, at) => ({ type: 'merge-tickets', source: sam, by: kate, at }));
  },
  'drop-bob': () => single('Ann replies without Bob', (_, at) => ({ type: 'receive-email', messageId: `<ann-${session.entries.length}@acme.example>`, at, from: 'Ann Lee <ann@acme.example>', to: 'support@desk.example', cc: 'cleo@acme.example' })),
  release: () => {
    const notice = ticket?.notices.find((n) => n.resolutions.some((r) => r === 'update-recipients'));
    return notice === undefined ? 'No notice to resolve.' : single('Kate updates the recipients', (_, at) => ({ type: 'resolve-notice', noticeId: notice.id, resolution: 'update-recipients', by: kate, at }));
  },
};

// ---- rendering ----
function settingsForm(): string {
  const s = session.settings;
  const rows = (Object.keys(s) as (keyof Settings)[]).map((name) => {
    const value = s[name];
    const id = `setting-${name}`;
    let control: string;
    if (typeof value === 'boolean') control = `<input type="checkbox" id="${id}" data-setting="${name}" ${value ? 'checked' : ''} />`;
    else if (ENUMS[name]) control = `<select id="${id}" data-setting="${name}">${ENUMS[name].map((o) => `<option ${o === value ? 'selected' : ''}>${o}</option>`).join('')}</select>`;
    else if (name === 'ccLimit') control = `<input id="${id}" data-setting="ccLimit" inputmode="numeric" placeholder="no limit" value="${value === null ? '' : String(value)}" size="6" />`;
    else control = `<input id="${id}" data-setting="${name}" value="${esc((value as readonly string[]).join(', '))}" />`;
    return `<div class="setting"><label for="${id}">${name}</label>${control}</div>`;
  });
  return `<div class="settings">${rows.join('')}</div>`;
}

function fieldRow(field: ComposerField): string {
  if (state === null) return '';
  const f = state.fields[field];
  if (!f.visible) return '';
  const chips = f.chips.map((m) => `<span class="chip" data-testid="chip-${field}">${esc(person(m))} <button data-remove="${field}" data-key="${esc(m.key)}" aria-label="remove">×</button></span>`).join('');
  const hide = field === 'to' ? '' : `<button data-hide="${field}">remove</button>`;
  const error = f.error ? `<div class="error" data-testid="error-${field}">${esc(f.error.message)}</div>` : '';
  const suggestions =
    state.suggestionsFor === field && state.suggestions.length > 0
      ? `<ul class="suggestions" data-testid="suggestions">${state.suggestions.map((s) => `<li><button data-pick="${field}" data-address="${esc(s.address)}">${esc(person(s))}</button></li>`).join('')}</ul>`
      : '';
  const name = field === 'to' ? 'To' : field === 'cc' ? 'Cc' : 'Bcc';
  return `<div class="row"><label for="composer-${field}">${name}</label><div class="field">${chips}<input id="composer-${field}" data-field="${field}" data-testid="input-${field}" value="${esc(f.text)}" autocomplete="off" /></div>${hide}</div>${error}${suggestions}`;
}

function composerSection(): string {
  if (state === null) return '<p>The ticket opens with the first email: add an inbound email above.</p>';
  const links = (['cc', 'bcc'] as const).filter((f) => !state!.fields[f].visible && state!.fields[f].available).map((f) => `<button data-show="${f}" data-testid="show-${f}">${f === 'cc' ? 'Cc' : 'Bcc'}</button>`).join('');
  const feedback = state.feedback.map((f) => `<div class="feedback" data-testid="feedback">${esc(f.message)} (${f.code})</div>`).join('');
  return `
    <div class="links">${links}</div>
    ${fieldRow('to')}${fieldRow('cc')}${fieldRow('bcc')}
    ${feedback}
    <div class="actions"><label><input type="checkbox" data-testid="one-time" data-one-time ${oneTime ? 'checked' : ''} /> Cc and Bcc changes for this reply only</label></div>
    <div class="actions">Preview: <button data-plan="public" data-testid="plan-reply">Plan the reply</button><button data-plan="internal" data-testid="plan-note">Plan an internal note</button>
    Add to the conversation: <button data-send="public" data-testid="send-reply">Send the reply</button><button data-send="internal" data-testid="send-note">Write the note</button></div>`;
}

function paletteSection(): string {
  const notices = (ticket?.notices ?? [])
    .map((n) => `<li data-testid="notice">${esc(n.kind.replace(/-/g, ' '))}${n.sender ? ` from ${esc(n.sender.address)}` : ''}: ${n.resolutions.map((r) => `<button data-resolve="${esc(n.id)}" data-resolution="${r}" data-testid="resolve-${r}">${r}</button>`).join('') || 'nothing to resolve it with'}</li>`)
    .join('');
  const options = (list: readonly string[], selected = '') => list.map((o) => `<option ${o === selected ? 'selected' : ''}>${o}</option>`).join('');
  return `
    <details id="d-email" open><summary>Inbound email</summary>
      <form data-form="email" class="grid2">
        <label for="email-from">From</label><input id="email-from" name="from" data-testid="email-from" value="Ann Lee &lt;ann@acme.example&gt;" />
        <label for="email-to">To</label><input id="email-to" name="to" data-testid="email-to" value="support@desk.example" />
        <label for="email-cc">Cc</label><input id="email-cc" name="cc" data-testid="email-cc" value="" />
        <label for="email-auto">Auto-Submitted</label><select id="email-auto" name="auto" data-testid="email-auto">${options(['', 'auto-replied', 'auto-generated'])}</select>
        <span></span><button type="submit" data-testid="email-send">Receive this email</button>
      </form>
      <div class="drop" data-testid="eml-drop" tabindex="0" role="button" aria-describedby="eml-help">Drop an .eml file here, or <label class="file">pick one<input type="file" accept=".eml,message/rfc822" data-testid="eml-file" /></label>
        <span id="eml-help" class="hint">parsed in this browser by postal-mime, headers and all (an out-of-office or a bounce behaves as in production)</span></div>
    </details>
    <details id="d-edit" open><summary>Agent edit</summary>
      <form data-form="edit" class="grid2">
        <label for="edit-op">Change</label><select id="edit-op" name="op" data-testid="edit-op">${options(['add', 'remove', 'set-requester', 'mute', 'unmute'])}</select>
        <label for="edit-field">Field</label><select id="edit-field" name="field" data-testid="edit-field">${options(['cc', 'bcc', 'follower'])}</select>
        <label for="edit-address">Address</label><input id="edit-address" name="address" data-testid="edit-address" />
        <label for="edit-by">By</label><select id="edit-by" name="by" data-testid="edit-by">${options(session.directory.filter((d) => d.kind !== 'end-user').map((d) => (d as { id: string }).id))}</select>
        <span></span><button type="submit" data-testid="edit-send">Apply the edit</button>
      </form>
    </details>
    <details id="d-notices" open><summary>Notices</summary>${notices ? `<ul>${notices}</ul>` : '<p>No open notice.</p>'}</details>
    <details id="d-meanwhile" open><summary>Meanwhile (the sample's shortcuts)</summary>
      <div class="actions"><button data-act="mute" data-testid="act-mute">Mute or unmute Bob</button><button data-act="bounce" data-testid="act-bounce">Bob’s mail bounces</button><button data-act="drop-bob" data-testid="act-drop-bob">Ann replies without Bob</button><button data-act="release" data-testid="act-release">Resolve: update recipients</button><button data-act="merge" data-testid="act-merge">Merge Sam’s ticket</button></div>
    </details>`;
}

function participantsSection(): string {
  if (ticket === null) return '<p data-testid="participants">No ticket yet.</p>';
  const t = ticket;
  const held = (key: string) => t.heldBack.find((h) => h.mailbox.key === key);
  const badge = (key: string) => {
    const h = held(key);
    return h ? ` <span class="badge ${h.reason}" data-testid="held">${h.reason}${h.detail ? `: ${esc(h.detail)}` : ''}</span>` : '';
  };
  const li = (role: string, m: { key: string; address: string; name: string | null }) => `<li data-role="${role}"><span class="role">${role}</span> ${esc(person(m))}${badge(m.key)}</li>`;
  const items = [
    ...(t.requester ? [li('requester', t.requester)] : []),
    ...t.ccs.map((m) => li('cc', m)),
    ...t.bccs.map((m) => li('bcc', m)),
    ...t.followers.map((m) => li('follower', m)),
  ];
  return `<p>Ticket ${esc(t.id)}${t.mergedInto ? ` (merged into ${esc(t.mergedInto)})` : ''}, revision ${t.revision}</p><ul class="people" data-testid="participants">${items.join('') || '<li>nobody</li>'}</ul>`;
}

const HOW: Record<How, string> = { to: 'To', cc: 'Cc', envelope: 'envelope only', none: '—' };

function gridSection(): string {
  const grid = buildGrid(session, (e) => describeEvent(e, PHRASES[language]));
  if (grid.columns.length === 0) return '<p>No comment yet.</p>';
  const head = grid.columns.map((c, i) => `<th scope="col" title="${esc(c.label)}">#${i + 1} ${c.visibility === 'public' ? 'reply' : 'note'}<br /><small>${esc(c.label)}</small></th>`).join('');
  const rows = grid.people
    .map((p) => {
      const cells = grid.columns
        .map((c, i) => {
          const cell = c.cells.get(p.key) ?? { how: 'none' as const, reason: 'not on the ticket then' };
          return `<td class="how-${cell.how}" tabindex="0" title="${esc(cell.reason)}" data-reason="${esc(cell.reason)}" data-testid="cell" data-person="${esc(p.key)}" data-comment="${i + 1}" aria-label="${esc(`${p.label}, comment ${i + 1}: ${HOW[cell.how]}`)}" aria-describedby="why">${HOW[cell.how]}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${esc(p.label)}</th>${cells}</tr>`;
    })
    .join('');
  return `<div class="scroll"><table class="grid" data-testid="grid"><thead><tr><th>who \\ comment</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>
    <p id="why" class="why" data-testid="why" aria-live="polite">${esc(why)}</p>`;
}

function timelineSection(): string {
  // One item per step: a reply is two commands (the edit, then the comment), undone together.
  const steps = new Map<number, number[]>();
  session.entries.forEach((e, i) => steps.set(e.step, [...(steps.get(e.step) ?? []), i]));
  const items = [...steps.values()]
    .map((indexes) => {
      const first = session.entries[indexes[0] ?? 0];
      const events = indexes.flatMap((i) => {
        const [start, end] = eventRange(session, i);
        return session.log.slice(start, end).map((event) => ({ event, i }));
      });
      const commented = events.find((x) => x.event.type === 'comment-added') ?? events[0];
      const reasons = commented ? reasonsFor(session, commented.i, commented.event) : [];
      const because = reasons.length > 0 ? `<div class="because" data-testid="because">because ${esc(reasons.map(sentence).join('; '))}</div>` : '';
      const otherwise = commented ? alternativesFor(session, commented.i) : [];
      const alternatives = otherwise.length > 0 ? `<div class="because" data-testid="alternatives">${esc(otherwise.join('; '))}</div>` : '';
      const lines = events.map(({ event }) => `<li>${esc(describeEvent(event, PHRASES[language]))}</li>`).join('');
      return `<li data-testid="step"><strong>${esc(first?.label ?? '')}</strong>${lines ? `<ul data-testid="events">${lines}</ul>` : ' <em>(no event)</em>'}${because}${alternatives}</li>`;
    })
    .join('');
  return `<label>Language <select data-language data-testid="language"><option value="en" ${language === 'en' ? 'selected' : ''}>English</option><option value="de" ${language === 'de' ? 'selected' : ''}>Deutsch</option></select></label>
    <ol class="timeline" data-testid="timeline">${items}</ol>`;
}

function render(): void {
  const active = document.activeElement as HTMLElement | null;
  const activeId = active?.id || null;
  const activeCell = active?.dataset?.testid === 'cell' ? `[data-person="${active.dataset.person}"][data-comment="${active.dataset.comment}"]` : null;
  // Which sections the person opened or closed survives the re-render.
  const open = new Map(Array.from(app.querySelectorAll<HTMLDetailsElement>('details[id]')).map((d) => [d.id, d.open]));
  const ruleList = ruleIssues.map((i) => `<li><code>${esc(i.path)}</code>: ${esc(i.message)}</li>`).join('');
  app.innerHTML = `
  ${loadProblems.length > 0 ? `<div class="error" role="alert" data-testid="load-problems">The shared session could not be read; the sample is shown.<br />${loadProblems.map(esc).join('<br />')}</div>` : ''}
  <div class="columns">
  <section aria-labelledby="h-settings">
    <h2 id="h-settings">Settings</h2>
    <label for="preset">Preset</label> <select id="preset" data-testid="preset">${[...PRESETS, 'custom'].map((p) => `<option ${p === presetName ? 'selected' : ''}>${p}</option>`).join('')}</select>
    ${settingsForm()}
    <details id="d-settings-json"><summary>As JSON (what <code>parseSettings</code> accepts)</summary>
      <textarea id="settings-json" data-testid="settings-json" rows="14" spellcheck="false" aria-label="Settings as JSON">${esc(settingsDraft)}</textarea>
      <div class="actions"><button data-settings-apply data-testid="settings-apply">Use this JSON</button><button data-copy="settings" data-testid="settings-copy">Copy</button></div>
      ${settingsIssues.length > 0 ? `<pre class="error" data-testid="settings-errors">${esc(settingsIssues.join('\n'))}</pre>` : ''}
    </details>
    <h2 id="h-rules">Rules</h2>
    <textarea id="rules-json" data-testid="rules-json" rows="6" spellcheck="false" aria-labelledby="h-rules">${esc(rulesDraft)}</textarea>
    <div class="actions"><button data-rules-apply data-testid="rules-apply">Use these rules</button></div>
    ${ruleList ? `<ul class="error" data-testid="rule-errors">${ruleList}</ul>` : ''}
    <p class="hint">${session.rules.length} rule(s) run after every command from now on (G rules).</p>
  </section>
  <section aria-labelledby="h-conversation">
    <h2 id="h-conversation">Conversation</h2>
    <div class="actions"><button data-new="sample" data-testid="new-sample">Start from the sample ticket</button><button data-new="empty" data-testid="new-empty">Start from an empty ticket</button><button data-undo data-testid="undo" ${session.entries.length === 0 ? 'disabled' : ''}>Undo the last step</button></div>
    ${paletteSection()}
    <h3>Reply or note (the composer)</h3>
    ${composerSection()}
    <pre data-testid="plan" aria-live="polite">${esc(plan)}</pre>
  </section>
  </div>
  <section aria-labelledby="h-people"><h2 id="h-people">Participants</h2>${participantsSection()}</section>
  <section aria-labelledby="h-grid"><h2 id="h-grid">Who received each comment</h2>${gridSection()}</section>
  <section aria-labelledby="h-timeline"><h2 id="h-timeline">Timeline</h2>${timelineSection()}</section>
  <section aria-labelledby="h-share">
    <h2 id="h-share">Share</h2>
    <div class="actions"><button data-share="link" data-testid="share-link">Copy the link</button><button data-share="download" data-testid="share-download">Download the session (JSON)</button><label class="file">Open a session file<input type="file" accept=".json,application/json" data-testid="session-file" /></label><button data-share="test" data-testid="copy-test">Copy as a test</button></div>
    <input readonly data-testid="share-url" aria-label="Link to this session" value="${esc(location.href)}" />
    <p class="hint">The JSON holds <code>settings</code>, <code>rules</code>, <code>directory</code> and the ticket's <code>log</code>: <code>readEvents(session.log)</code> reads it.</p>
    ${testText ? `<textarea readonly rows="12" data-testid="test-text" aria-label="The generated test">${esc(testText)}</textarea>` : ''}
  </section>
  <p class="status" role="status" data-testid="status">${esc(status)}</p>`;
  for (const d of Array.from(app.querySelectorAll<HTMLDetailsElement>('details[id]'))) {
    const was = open.get(d.id);
    if (was !== undefined) d.open = was;
  }
  if (focused && state) {
    const input = app.querySelector<HTMLInputElement>(`input[data-field="${focused}"]`);
    restoring = true;
    input?.focus();
    restoring = false;
    input?.setSelectionRange(input.value.length, input.value.length);
  } else if (activeId || activeCell) {
    const again = activeId ? document.getElementById(activeId) : app.querySelector<HTMLElement>(`td${activeCell}`);
    restoring = true;
    again?.focus();
    restoring = false;
  }
}

// ---- actions ----
function planFor(visibility: 'public' | 'internal'): string {
  if (!ticket || !state) return 'No ticket yet.';
  const send = composerToCommands(ticket, state, { by: kate, at: nextAt(session), commentId: `c-${session.entries.length + 1}`, visibility, oneTime });
  if (send.pending.length > 0) return `Not sent:\n${send.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`;
  const context = contextOf(session);
  const r = apply(session, 'preview', [() => send.edit ?? null, () => send.comment]);
  if (!r.ok) return issueText(r.issues);
  const after = ticketOf(r.session);
  const comment = r.handled.at(-1)?.comment;
  if (!after || !comment) return 'The comment was refused.';
  const p = planDelivery(after, comment, context);
  return p.ok ? planText([p.value]) : issueText(p.error);
}

function send(visibility: 'public' | 'internal'): string {
  if (!ticket || !state) return 'No ticket yet.';
  const id = `c-${session.entries.length + 1}`;
  const out = composerToCommands(ticket, state, { by: kate, at: nextAt(session), commentId: id, visibility, oneTime });
  if (out.pending.length > 0) return `Not sent:\n${out.issues.map((i) => `  ${i.field}: ${i.message}`).join('\n')}`;
  // The edit first, then the comment on the edited ticket: on the old ticket a CC just added would not get it.
  return step(visibility === 'public' ? 'Kate replies' : 'Kate writes a note', [() => out.edit ?? null, (_, at) => ({ ...out.comment, at })]);
}

/**
 * The addresses a delivery report says failed (RFC 3464: a per-recipient block with
 * `Action: failed` and its `Final-Recipient`). The library leaves reading the report to the
 * caller; this is the page's small reader.
 */
function failedRecipients(raw: string): string[] {
  return raw
    .split(/\r?\n\s*\r?\n/)
    .filter((block) => /^Action:\s*failed\b/im.test(block))
    .flatMap((block) => [...block.matchAll(/^Final-Recipient:\s*rfc822\s*;\s*<?([^\s>]+)>?/gim)].map((m) => m[1] ?? ''))
    .filter((a) => a !== '');
}

async function receiveEml(file: Blob): Promise<void> {
  try {
    const bytes = await file.arrayBuffer();
    const parsed = await PostalMime.parse(bytes);
    const at = nextAt(session);
    const failed = failedRecipients(new TextDecoder().decode(bytes));
    const command = emailFromParsed(parsed, { at, newTicketId: 'T-1', messageId: `<eml-${session.entries.length}@playground>`, ...(failed.length > 0 ? { failedRecipients: failed } : {}) });
    if (!command.ok) {
      plan = issueText(command.error);
    } else {
      const subject = typeof parsed.subject === 'string' ? parsed.subject : '';
      plan = single(`Email from a file${subject ? `: “${subject}”` : ''}`, () => command.value as Command);
    }
  } catch (e) {
    plan = `The file could not be parsed: ${e instanceof Error ? e.message : String(e)}`;
  }
  render();
}

function download(name: string, text: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    status = `${what} copied to the clipboard.`;
  } catch {
    status = `${what} is shown on the page: the browser did not allow the clipboard.`;
  }
  render();
}

function setSetting(name: keyof Settings, el: HTMLInputElement | HTMLSelectElement): void {
  let value: unknown;
  if (el instanceof HTMLInputElement && el.type === 'checkbox') value = el.checked;
  else if (name === 'ccLimit') value = el.value.trim() === '' ? null : Number(el.value);
  else if (name === 'denylist' || name === 'supportAddresses') value = el.value;
  else value = el.value;
  const parsed = parseSettings({ ...session.settings, [name]: value });
  if (!parsed.ok) {
    settingsIssues = parsed.error.map((i) => `${formatPath(i.path)}: ${i.message}`);
    status = `Not changed: ${settingsIssues.join('; ')}`;
  } else {
    settingsIssues = [];
    presetName = 'custom';
    commit(withContext(session, parsed.value));
    status = `${name} is now ${JSON.stringify(parsed.value[name])}.`;
  }
  render();
}

function readRules(text: string): void {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    ruleIssues = [{ path: 'rules', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }];
    return;
  }
  const parsed = parseRules(raw);
  if (!parsed.ok) {
    ruleIssues = parsed.error.map((i) => ({ path: formatPath(i.path), message: `${i.message} (${i.code})` }));
    return;
  }
  ruleIssues = [];
  commit(withContext(session, session.settings, parsed.value));
  rulesDraft = JSON.stringify(parsed.value, null, 2);
  status = `${parsed.value.length} rule(s) in use.`;
}

app.addEventListener('click', (event) => {
  const el = (event.target as HTMLElement).closest('button');
  if (!el) return;
  const d = el.dataset;
  if (state && d.show) dispatch({ type: 'show', field: d.show as 'cc' | 'bcc' });
  else if (state && d.hide) dispatch({ type: 'hide', field: d.hide as 'cc' | 'bcc' });
  else if (state && d.remove) dispatch({ type: 'remove', field: d.remove as ComposerField, key: d.key ?? '' });
  else if (state && d.pick) dispatch({ type: 'pick', field: d.pick as ComposerField, address: d.address ?? '' });
  else {
    status = '';
    if (d.plan) plan = planFor(d.plan as 'public' | 'internal');
    else if (d.send) {
      plan = send(d.send as 'public' | 'internal');
      focused = null;
    } else if (d.act) plan = ACTIONS[d.act]?.() ?? '';
    else if (d.resolve && d.resolution) {
      const noticeId = d.resolve;
      const resolution = d.resolution as 'update-recipients';
      plan = single(`Kate resolves a notice: ${resolution}`, (_, at) => ({ type: 'resolve-notice', noticeId, resolution, by: kate, at, ...(resolution === ('split' as string) ? { newTicketId: `T-${session.entries.length + 2}` } : {}) }));
    } else if (d.undo !== undefined) {
      commit(undo(session));
      plan = '';
      status = 'The last step was undone: its events were dropped and the log folded again.';
    } else if (d.new) {
      commit(d.new === 'sample' ? sampleSession(session.settings, session.rules) : emptySession(session.settings, session.rules));
      plan = '';
      status = d.new === 'sample' ? 'The sample ticket.' : 'An empty ticket: the first email opens it.';
    } else if (d.settingsApply !== undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(settingsDraft);
      } catch (e) {
        settingsIssues = [`not JSON: ${e instanceof Error ? e.message : String(e)}`];
        render();
        return;
      }
      const parsed = parseSettings(raw);
      if (parsed.ok) {
        settingsIssues = [];
        presetName = 'custom';
        commit(withContext(session, parsed.value));
        status = 'Settings read from the JSON.';
      } else settingsIssues = parsed.error.map((i) => `${formatPath(i.path) || '(settings)'}: ${i.message} (${i.code})`);
    } else if (d.copy === 'settings') {
      void copy(JSON.stringify(session.settings, null, 2), 'The settings');
      return;
    } else if (d.rulesApply !== undefined) readRules(rulesDraft);
    else if (d.share === 'link') {
      void copy(location.href, 'The link');
      return;
    } else if (d.share === 'download') {
      download(`ticket-recipients-${session.ticketId}.json`, JSON.stringify(session, null, 2));
      status = 'The session was downloaded.';
    } else if (d.share === 'test') {
      testText = generateTest(session) ?? '';
      if (testText) {
        void copy(testText, 'The test');
        return;
      }
      status = 'Nothing to test yet: add a step first.';
    } else return;
    render();
  }
});

function dispatch(action: ComposerAction): void {
  if (!composer || !state) return;
  state = composer.reduce(state, action);
  render();
}

app.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const data = new FormData(form);
  const value = (k: string) => String(data.get(k) ?? '');
  status = '';
  if (form.dataset.form === 'email') {
    const auto = value('auto');
    plan = single(`Email from ${value('from')}`, (_, at) => ({
      type: 'receive-email',
      messageId: `<m-${session.entries.length + 1}@mail.example>`,
      newTicketId: 'T-1',
      at,
      from: value('from'),
      to: value('to'),
      cc: value('cc'),
      ...(auto ? { autoSubmitted: auto } : {}),
    }));
  } else if (form.dataset.form === 'edit') {
    const op = value('op');
    const address = value('address');
    const change: RecipientChange = op === 'set-requester' || op === 'mute' || op === 'unmute' ? ({ op, address } as RecipientChange) : { op: op as 'add' | 'remove', field: value('field') as 'cc', address };
    const by = session.directory.find((d) => (d as { id?: string }).id === value('by'));
    plan = single(`${by?.name ?? value('by')}: ${op} ${address}`, (_, at) => ({ type: 'edit-recipients', changes: [change], by: { kind: (by?.kind ?? 'agent') as 'agent', id: value('by') }, at }));
  }
  render();
});

app.addEventListener('change', (event) => {
  const el = event.target as HTMLInputElement | HTMLSelectElement;
  if (el.dataset.oneTime !== undefined) {
    oneTime = (el as HTMLInputElement).checked;
    render();
  } else if (el.dataset.setting) setSetting(el.dataset.setting as keyof Settings, el);
  else if (el.dataset.testid === 'preset' && el.value !== 'custom') {
    presetName = el.value as PresetName;
    commit(withContext(session, presetSettings(presetName)));
    status = `The ${presetName} preset; the log is kept, the next commands run under it.`;
    render();
  } else if (el.dataset.language !== undefined) {
    language = el.value === 'de' ? 'de' : 'en';
    render();
  } else if (el.dataset.testid === 'eml-file' && el instanceof HTMLInputElement && el.files?.[0]) void receiveEml(el.files[0]);
  else if (el.dataset.testid === 'session-file' && el instanceof HTMLInputElement && el.files?.[0]) {
    void el.files[0].text().then((text) => {
      let raw: unknown = null;
      try {
        raw = JSON.parse(text);
      } catch {
        raw = null;
      }
      const read = readSession(raw);
      if (read.session) {
        commit(read.session);
        rulesDraft = JSON.stringify(read.session.rules, null, 2);
        status = 'The session was read from the file.';
      } else status = `The file is not a session: ${read.problems.map((p) => `${p.where}: ${p.message}`).join('; ')}`;
      render();
    });
  }
});

app.addEventListener('input', (event) => {
  const input = event.target as HTMLInputElement | HTMLTextAreaElement;
  if (input.id === 'settings-json') settingsDraft = input.value;
  else if (input.id === 'rules-json') rulesDraft = input.value;
  // Only the recipient fields are the composer's.
  if (!input.dataset.field) return;
  focused = input.dataset.field as ComposerField;
  dispatch({ type: 'input', field: focused, text: input.value });
});

app.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  const field = target.dataset.field as ComposerField | undefined;
  if (field && (event.key === 'Enter' || event.key === 'Tab')) {
    event.preventDefault();
    focused = field;
    dispatch({ type: 'key', field, key: event.key });
  } else if (target.dataset.testid === 'eml-drop' && (event.key === 'Enter' || event.key === ' ')) {
    event.preventDefault();
    target.querySelector<HTMLInputElement>('input[type=file]')?.click();
  }
});

// Every paste goes to the reducer: an <input> would turn a pasted list's new lines into nothing.
app.addEventListener('paste', (event) => {
  const field = (event.target as HTMLElement).dataset.field as ComposerField | undefined;
  if (!field) return;
  event.preventDefault();
  focused = field;
  dispatch({ type: 'paste', field, text: event.clipboardData?.getData('text') ?? '' });
});

// Clicking into a field: an empty one offers the ticket's remembered addresses.
app.addEventListener('focusin', (event) => {
  const target = event.target as HTMLElement;
  if (target.dataset?.testid === 'cell') {
    showWhy(target);
    return;
  }
  const field = target.dataset?.field as ComposerField | undefined;
  if (!field) {
    if (!restoring) focused = null;
    return;
  }
  if (restoring) return;
  focused = field;
  dispatch({ type: 'focus', field });
});
app.addEventListener('mouseover', (event) => {
  const cell = (event.target as HTMLElement).closest<HTMLElement>('td[data-reason]');
  if (cell) showWhy(cell);
});

/** The reason of a grid cell, in the live region under the grid (for the keyboard, and for screen readers). */
function showWhy(cell: HTMLElement): void {
  why = `${cell.getAttribute('aria-label') ?? ''}: ${cell.dataset.reason ?? ''}`;
  const out = document.getElementById('why');
  if (out) out.textContent = why;
}

// A whole .eml dropped anywhere on the page.
document.addEventListener('dragover', (event) => event.preventDefault());
document.addEventListener('drop', (event) => {
  const file = event.dataTransfer?.files[0];
  if (!file) return;
  event.preventDefault();
  void receiveEml(file);
});

if (!fromHash(location.hash)) history.replaceState(null, '', `${location.pathname}${location.search}${toHash(session)}`);
render();
