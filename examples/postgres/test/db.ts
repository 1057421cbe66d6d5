import pg from 'pg';
import { createStore, migrate, type EventStore } from '../src/store.js';

/** The server `.ci/run` starts, unless the environment names another. */
export const connection = (): pg.ClientConfig => ({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 54329),
  user: process.env.PGUSER ?? 'ticket',
  database: process.env.PGDATABASE ?? 'ticket_test',
  ...(process.env.PGPASSWORD === undefined ? {} : { password: process.env.PGPASSWORD }),
});

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
