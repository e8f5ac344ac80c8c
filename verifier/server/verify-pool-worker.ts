/**
 * One verification worker (worker_threads) of verify-pool.ts: it loads the service's trust anchors from the DER
 * bytes it is given, hashes with node:crypto like the CLI, and builds the same revocation policy as the HTTP thread, then answers jobs (an uploaded
 * document's paths, name and options) with the report as JSON text, or with the refusal's code, message and details.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isImzalaError } from '../../core/errors.js';
import { Certificate } from '../../core/pki/certificate.js';
import { installNodeHasher } from '../node/node-hasher.js';
import { serviceRevocationPolicy, verifyUploadedFile, type VerifyEnvironment } from './services/verify-service.js';
import type { VerifyJob, VerifyOutcome, VerifyWorkerData } from './verify-pool.js';

// Each thread has its own core module state: hash with node:crypto here too, as the CLI does in the main thread.
installNodeHasher();
const data = workerData as VerifyWorkerData;
const environment: VerifyEnvironment = {
  anchors: data.anchors.map((der) => Certificate.fromDer(der)),
  revocation: serviceRevocationPolicy(data.config),
};

async function run(job: VerifyJob): Promise<VerifyOutcome> {
  try {
    const report = await verifyUploadedFile(
      job.document,
      { language: job.language, ...(job.at !== undefined ? { at: new Date(job.at) } : {}) },
      environment,
    );
    return { id: job.id, ok: true, json: JSON.stringify(report) };
  } catch (e) {
    if (isImzalaError(e)) {
      // Details are plain evidence (codes, sizes, strings); a JSON round trip keeps them cloneable whatever they hold.
      return { id: job.id, ok: false, error: { code: e.code, message: e.message, details: JSON.parse(JSON.stringify(e.details)) as Record<string, unknown> } };
    }
    return { id: job.id, ok: false, internal: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

parentPort!.on('message', (job: VerifyJob) => {
  void run(job).then((outcome) => parentPort!.postMessage(outcome));
});
