// The app as the bench measures it: the real server on a given database, plus one constant route
// (outside /api, no session, no database) that marks the ceiling of this machine and framework, and
// one that only runs `SELECT 1`: the floor for any route that must wait on the database.
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDb } from '../src/db/connection.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is required');
const config = { ...loadConfig(), logLevel: 'warn', demo: false };
const db = createDb(url, 10);
const app = await buildApp({ db, config, webDist: false });
// How long the server itself took over each response (from its first hook to the last byte handed to
// the kernel): beside the client's figures, this separates the server from the load generator and
// from the time a request waits in the kernel for the server's next turn.
let served: number[] = [];
app.addHook('onResponse', (_request, reply, done) => {
  served.push(reply.elapsedTime);
  done();
});
app.get('/bench/served', { config: { access: 'public' } }, async () => {
  const sorted = served.sort((a, b) => a - b);
  served = [];
  const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99) };
});
app.get('/bench/constant', { config: { access: 'public' } }, async () => ({ ok: true }));
// The floor for any route that waits on the database: one trivial query through the same pool.
app.get('/bench/one-query', { config: { access: 'public' } }, async () => (await sql<{ ok: number }>`SELECT ${1}::int AS ok`.execute(db)).rows[0]);
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`LISTENING ${typeof address === 'object' && address ? address.port : ''}\n`);
process.on('SIGTERM', () => void app.close().then(() => db.destroy()).then(() => process.exit(0)));
