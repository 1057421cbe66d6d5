import { handle, createDirectory } from './src/index.js';
const settings = { supportAddresses: ['support@desk.example'] };
const o = handle(null, { type: 'receive-email', messageId: '<1>', at: 't', from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }, { settings });
if (!o.ok) throw 0;
const r = handle(o.value.ticket, { type: 'receive-email', messageId: '<2>', at: 't', from: 'ann@acme.example', to: 'support@desk.example' }, { settings });
if (!r.ok) throw 0;
const n = r.value.email!.notice!;
console.log(JSON.stringify(handle(r.value.ticket, { type: 'resolve-notice', noticeId: n.id, resolution: 'update-recipients', by: { kind: 'agent', id: 'kate' }, at: 't' }, { settings, directory: createDirectory([{ id: 'kate', kind: 'agent', address: 'kate@desk.example' }]) })));
