// The bench's load generator, and what the machine did while it ran.
//
// The load generator shares the machine's cores with the server and PostgreSQL, so what it costs per
// request is taken from the server under test. wrk (C; Debian package `wrk`) costs about 30 µs of
// CPU per request here, autocannon (JavaScript) about 150–200: on 2 cores that is a quarter of an
// audited read. The bench uses wrk when it is installed and says which it used; `BENCH_LOAD=autocannon`
// forces the other, for comparison with earlier runs.
//
// wrk runs under the batch scheduling policy (`chrt -b`, util-linux) where the machine allows it.
// The clients of a real deployment are on other machines. Here, under the default policy, each
// response that wakes wrk may let it preempt the server while it is still answering the rest of a
// batch of reads, and the server's event loop is what limits the audited read. A batch-policy task
// still gets its fair share of the CPU, and the latency it measures still includes any wait for
// it; it only does not preempt another task on waking.
// Alternating both at 50 clients on the patient read (four pairs, steal 1-6%): batch policy gave
// 3,164-3,332 reads a second against 2,807-3,208, and p99 31.0-40.1 ms against 31.1-48.1.
//
// Each run also reports the share of the CPU the hypervisor took away (steal), which on a shared
// virtual machine can halve throughput from one minute to the next.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** CPU the load generator itself used per request, µs. */
  loadCpuUsPerReq: number;
  /** Share of CPU time stolen by the hypervisor during the run, percent. */
  stealPercent: number;
}

export interface LoadOptions {
  base: string;
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  paths: string[];
}

export type LoadGenerator = 'wrk' | 'autocannon';

/** wrk's command: under the batch scheduling policy if chrt is there and allowed to set it. */
const wrkCommand: string[] = spawnSync('chrt', ['-b', '0', 'true']).status === 0 ? ['chrt', '-b', '0', 'wrk'] : ['wrk'];

/** The load generator as the bench's report names it. */
export const describeGenerator = (g: LoadGenerator): string => (g === 'wrk' && wrkCommand[0] === 'chrt' ? 'wrk (batch scheduling policy)' : g);

export function chooseLoadGenerator(): LoadGenerator {
  if (process.env.BENCH_LOAD === 'autocannon') return 'autocannon';
  const found = spawnSync('wrk', ['--version']).error === undefined;
  if (process.env.BENCH_LOAD === 'wrk' && !found) throw new Error('BENCH_LOAD=wrk but wrk is not installed (apt-get install wrk)');
  return found ? 'wrk' : 'autocannon';
}

/** The machine's CPU time so far from /proc/stat, in ticks: all of it, and the part stolen. */
function cpuTicks(): { all: number; steal: number } {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    return { all: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return { all: 0, steal: 0 };
  }
}

export async function runLoad(generator: LoadGenerator, o: LoadOptions): Promise<LoadResult> {
  const before = cpuTicks();
  const result = generator === 'wrk' ? await runWrk(o) : await runAutocannon(o);
  const after = cpuTicks();
  const all = after.all - before.all;
  const stealPercent = all > 0 ? Math.round(((after.steal - before.steal) / all) * 1000) / 10 : 0;
  return { ...result, stealPercent };
}

async function runAutocannon(o: LoadOptions): Promise<Omit<LoadResult, 'stealPercent'>> {
  const cpu = process.cpuUsage();
  const r = await autocannon({ url: o.base, connections: o.connections, duration: o.durationSeconds, headers: o.headers, requests: o.paths.map((p) => ({ method: 'GET', path: p })) });
  const used = process.cpuUsage(cpu);
  return {
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    loadCpuUsPerReq: Math.round((used.user + used.system) / Math.max(1, r.requests.total)),
  };
}

/** A wrk script that walks the paths in turn and prints its summary, and its own CPU, as JSON. */
function wrkScript(o: LoadOptions): string {
  const quote = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string for these
  const headers = Object.entries(o.headers).map(([k, v]) => `wrk.headers[${quote(k)}] = ${quote(v)}`);
  return `local paths = {${o.paths.map(quote).join(',')}}
local i = 0
${headers.join('\n')}
request = function()
  i = i + 1
  if i > #paths then i = 1 end
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"micros":%d,"errors":%d,"non2xx":%d,"p50":%d,"p99":%d,"cpuSeconds":%f}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), os.clock()))
end
`;
}

async function runWrk(o: LoadOptions): Promise<Omit<LoadResult, 'stealPercent'>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'securepath-wrk-'));
  const script = path.join(dir, 'load.lua');
  writeFileSync(script, wrkScript(o));
  try {
    // One thread: the machine's cores belong to the server and the database.
    const child = spawn(wrkCommand[0]!, [...wrkCommand.slice(1), '-t1', `-c${o.connections}`, `-d${o.durationSeconds}s`, '--timeout', '10s', '-s', script, o.base], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = out.trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !line.startsWith('{')) throw new Error(`wrk failed (exit ${code}): ${out}`);
    const s = JSON.parse(line) as { requests: number; micros: number; errors: number; non2xx: number; p50: number; p99: number; cpuSeconds: number };
    return {
      reqPerSec: s.requests / (s.micros / 1e6),
      p50: Math.round(s.p50 / 100) / 10,
      p99: Math.round(s.p99 / 100) / 10,
      errors: s.errors,
      non2xx: s.non2xx,
      loadCpuUsPerReq: Math.round((s.cpuSeconds * 1e6) / Math.max(1, s.requests)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
