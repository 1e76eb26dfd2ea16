import { parentPort, workerData } from 'node:worker_threads';
import { simulateModel } from './engine.js';
import { compileModel } from './model.js';
import type { RunReply, RunRequest, WorkerSetup } from './worker-protocol.js';

// A Monte Carlo worker thread: runs the replications it is sent, one at a time, and replies with each
// result. Started by monte-carlo.ts with tsx loaded, so it runs this TypeScript directly.

const setup = workerData as WorkerSetup;
const model = compileModel(setup.scenario);
const port = parentPort!;

port.on('message', (request: RunRequest) => {
  let reply: RunReply;
  try {
    reply = { index: request.index, result: simulateModel(model, { ...setup.options, seed: request.seed }) };
  } catch (e) {
    reply = { index: request.index, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
