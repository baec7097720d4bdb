/**
 * Node `worker_threads` entry for the ensemble benchmark: for each message (a batch of
 * parameter sets) computes the study readouts of every set and answers the order effect of each
 * (NaN where the run failed). Started through `ensemble-worker.mjs`, which loads tsx first.
 */
import { parentPort } from 'node:worker_threads';
import { getModel } from '../models/index.ts';
import { studyReadouts } from '../src/analysis/sensitivity.ts';
import { compileModel } from '../src/model/compile.ts';

if (!parentPort) throw new Error('bench/ensemble-worker.ts must run as a worker thread');
const port = parentPort;
const model = compileModel(getModel());
port.on('message', (batch: { id: number; sets: Record<string, number>[] }) => {
  const values = batch.sets.map((parameters) => {
    try {
      return studyReadouts(model, { parameters })['order-effect']!;
    } catch {
      return Number.NaN;
    }
  });
  port.postMessage({ id: batch.id, values });
});
