import type pg from 'pg';

/** The server `.ci/run` starts, unless the usual libpq variables name another. */
export const connection = (): pg.ClientConfig => ({
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 54329),
  user: process.env.PGUSER ?? 'ticket',
  database: process.env.PGDATABASE ?? 'ticket_test',
  ...(process.env.PGPASSWORD === undefined ? {} : { password: process.env.PGPASSWORD }),
});
