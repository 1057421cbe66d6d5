export * from './address/index.js';
export type { Result } from './result.js';

export { defaultSettings } from './policy/settings.js';
export type { Settings, OnDroppedRecipients, CcReplyWithoutRequester, ThirdPartyReply, MachineMail, UnauthenticatedMail, AgentOpensTicketFor, MergeRequesterAs } from './policy/settings.js';
export type { Issue, IssueBase, IssueCode, IssueData, Path } from './issue/index.js';
export { formatPath } from './issue/index.js';
export { parseSettings, createSettings } from './policy/parse-settings.js';
export type { ConfigIssue } from './policy/parse-settings.js';
export { presets } from './policy/presets.js';

export type {
  Actor,
  AuthorRole,
  Cause,
  CommentRecord,
  Notice,
  NoticeKind,
  RecipientField,
  RememberedAddress,
  Resolution,
  Ticket,
  Visibility,
} from './ticket/types.js';
export { emptyTicket } from './ticket/empty.js';
export { createDirectory } from './policy/directory.js';
export type { Directory, DirectoryEntry, DirectoryIssue, StaffKind } from './policy/directory.js';
export type { RecipientIssue } from './ticket/issues.js';
export { prepareContext } from './context/context.js';
export type { TicketContext, PreparedContext } from './context/context.js';
export { suggest } from './ticket/suggest.js';
export type { Suggestion, SuggestOptions } from './ticket/suggest.js';
export { decide, handle } from './decider/handle.js';
export type { Command, CommandIssue, Decision, Handled } from './decider/handle.js';
export type { CommandType } from './decider/command.js';

export type { EditRecipients, RecipientChange } from './edits/decide-edit.js';
export type { InboundEmail, Authentication } from './inbound/command.js';
export type { HeaderIssue } from './inbound/read-message.js';
export type { MailClassification } from './inbound/machine-mail.js';
export { classifyMail } from './inbound/machine-mail.js';
export { readHeaders } from './inbound/headers.js';
export type { Headers } from './inbound/headers.js';
export { readAddressInput } from './inbound/address-input.js';
export type { AddressInput } from './inbound/address-input.js';
export { emailFromParsed } from './inbound/from-parsed-mail.js';
export type { ParsedEmailCommand, ParsedEmailOptions, ParsedEmailIssue, PostalMimeEmailLike, MailparserParsedMailLike } from './inbound/from-parsed-mail.js';
export type { EmailDecision } from './inbound/decide-email.js';
export type { ResolveNotice, NoticeIssue } from './inbound/resolve-notice.js';

export { evolve, fold } from './history/evolve.js';
export type * from './ticket/events.js';
export { isRecipientEvent } from './ticket/events.js';
export { describeEvent, describe, englishPhrases } from './history/describe.js';
export type { HistoryPhrases } from './history/describe.js';

export { validateTicket } from './ticket/check-ticket.js';
export { checkTicket } from './context/check-ticket.js';
export type { TicketIssue } from './ticket/check-ticket.js';
export { planDelivery, planNotification } from './outbound/plan-delivery.js';
export type { PlannedComment } from './outbound/plan-delivery.js';
export type { DeliveryPlan, OutboundMessage, MessageKind, Recipient, LeftOut, LeftOutReason, DeliveryWarning, DeliveryOptions } from './outbound/types.js';
export { toNodemailer } from './outbound/to-nodemailer.js';
export type { NodemailerAddress, NodemailerFields, NodemailerMessage } from './outbound/to-nodemailer.js';

export { parseRules } from './rules/parse-rules.js';
export type { Rule, Condition, Action, UpdateKind } from './rules/types.js';
export type { RuleIssue } from './rules/run-rules.js';
export type { WriteComment, CommentIssue } from './comments/write-comment.js';
export { recipientChanges } from './history/diff.js';
export type { Recipients } from './history/diff.js';
export { readEvents } from './history/read-events.js';
export type { EventIssue } from './history/read-events.js';
export { eraseAddress } from './history/erase.js';
export type { EraseOptions, Erased } from './history/erase.js';

export { createComposer, initialComposer } from './composer/reducer.js';
export { composerToCommands } from './composer/to-commands.js';
export type { ComposerSend } from './composer/to-commands.js';
export type { ComposerState, ComposerAction, ComposerField, ComposerIssue, FieldState } from './composer/types.js';

/** @deprecated Every function returns the one `Issue` family now; narrow it with `Issue<'code' | …>`. */
export type InboundIssue = import('./issue/issue.js').Issue;

export { explainDecision } from './explain/explain.js';
export { reasonInEnglish, reasonOfIssue } from './explain/reason.js';
export { reasonsOf } from './history/describe.js';
export type { Explanation, Reason, ExplainedReason, Alternative, Refusal } from './explain/explain.js';
