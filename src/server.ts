import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/open.js';
import { ensureDemo } from './seed/demo.js';

const config = loadConfig();
const say = (line: string) => console.log(`[securepath] ${line}`);
const database = await openDatabase(config, say);

if (config.demo) await ensureDemo(database.db, config, say);

const app = await buildApp({ db: database.db, config });
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  say(`${signal}: stopping…`);
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
say(`SecurePath is ready on http://localhost:${config.port}  (API docs: /api/docs)`);
if (config.demo) say(`Demo accounts: user name = role (e.g. bed-manager, admin), password "${config.demoPassword === 'demo' ? 'demo' : '<SECUREPATH_DEMO_PASSWORD>'}"`);
