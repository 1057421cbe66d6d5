// The timeline in German: `describeEvent` takes the words, the library keeps the grammar of events.
import type { HistoryPhrases } from 'ticket-recipients';

export const germanPhrases: HistoryPhrases = {
  field: (field) => (field === 'cc' ? 'CC' : field === 'bcc' ? 'BCC' : 'Follower'),
  actor: (actor) =>
    actor.kind === 'end-user' ? actor.address : actor.kind === 'rule' ? `Regel ${actor.ruleId}` : actor.kind === 'system' ? 'das System' : `${actor.kind === 'agent' ? 'Agent' : actor.kind === 'admin' ? 'Admin' : 'Light-Agent'} ${actor.id}`,
  opened: (by, splitFrom) => (splitFrom === null ? `${by} hat das Ticket eröffnet` : `${by} hat dieses Ticket von ${splitFrom} abgetrennt`),
  requesterChanged: (by, from, to) => (from === null ? `${by} hat ${to} als Anfragenden gesetzt` : `${by} hat den Anfragenden von ${from} auf ${to} geändert`),
  added: (by, field, who) => `${by} hat ${who} zu ${field} hinzugefügt`,
  removed: (by, field, who) => `${by} hat ${who} aus ${field} entfernt`,
  comment: (by, visibility, author) => `${author ?? by} hat ${visibility === 'public' ? 'öffentlich geantwortet' : 'eine interne Notiz geschrieben'}`,
  commentMoved: (by, ticketId) => `${by} hat eine Antwort nach Ticket ${ticketId} verschoben`,
  madePublic: (by) => `${by} hat eine Antwort öffentlich gemacht`,
  noticeRaised: (kind, resolutions) => `Hinweis: ${kind.replace(/-/g, ' ')}${resolutions.length > 0 ? ` (bietet ${resolutions.join(', ')})` : ''}`,
  noticeResolved: (by, resolution) => `${by} hat einen Hinweis aufgelöst: ${resolution}`,
  madeInternal: (by) => `${by} hat eine Antwort intern gemacht`,
  refused: (by, list) => `${by} konnte ${list.join(', ')} nicht hinzufügen`,
  imported: (by, count, problems) => `${by} hat das Ticket mit ${count} Beteiligten importiert${problems > 0 ? ` (${problems} gegen die heutige Richtlinie)` : ''}`,
  erased: (by, pseudonym) => `${by} hat eine Adresse gelöscht (jetzt ${pseudonym})`,
  delivery: (by, who, status, reason) => (status === 'ok' ? `${by} hat die Zustellung an ${who} wiederhergestellt` : `Mail an ${who} ist ${status === 'failing' ? 'fehlerhaft' : 'unzustellbar'}${reason === '' ? '' : `: ${reason}`}`),
  muted: (by, who, muted) => `${by} hat ${who} ${muted ? 'stummgeschaltet' : 'wieder eingeschaltet'}`,
  merged: (by, into) => `${by} hat dieses Ticket mit ${into} zusammengeführt`,
};
