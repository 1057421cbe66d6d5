import pg from 'pg';
import { connection } from '../src/connection.js';
import { createStore, migrate, type EventStore } from '../src/store.js';

export { connection };

export interface Db {
  readonly table: string;
  /** A store on its own connection: one per worker, so their transactions really overlap. */
  worker(): Promise<EventStore>;
  /** Raw SQL on the test's table, for damaging it. */
  admin: pg.Client;
  close(): Promise<void>;
}

let tables = 0;

/** A fresh table per test, so tests never see each other's streams. */
export async function openDb(): Promise<Db> {
  const admin = new pg.Client(connection());
  await admin.connect();
  const table = `ticket_events_${process.pid}_${++tables}`;
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await migrate(admin, table);
  const clients: pg.Client[] = [];
  return {
    table,
    admin,
    async worker() {
      const client = new pg.Client(connection());
      await client.connect();
      clients.push(client);
      return createStore(client, table);
    },
    async close() {
      await Promise.all(clients.map((c) => c.end()));
      await admin.query(`DROP TABLE IF EXISTS ${table}`);
      await admin.end();
    },
  };
}
