/**
 * `ticket-recipients/composer`: the agent's reply form (To, CC and BCC fields as the agent
 * types them) as a reducer, and the commands its send makes. What an agent's browser
 * loads, without the rest of the library. A context prepared with the main entry's
 * `prepareContext` may be passed as it is.
 */
export { createComposer, initialComposer } from './reducer.js';
export { composerToCommands } from './to-commands.js';
export type { ComposerSend } from './to-commands.js';
export type { ComposerState, ComposerAction, ComposerField, ComposerIssue, FieldState } from './types.js';
export type { PreparedContext, TicketContext } from '../context/context.js';
