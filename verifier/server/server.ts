/**
 * Starts the service: loads the trust, opens the process store and the mail outbox, builds the app, listens, and
 * logs one line with the URL. close() stops all of it, the outbox first (a mail being sent is finished or retried).
 */
import type { AddressInfo } from 'node:net';
import { createOutboxSender } from '../mail/outbox-sender.js';
import { createTransport } from '../mail/transport.js';
import { openStore } from '../storage/repository.js';
import { createApp, type AppOptions } from './app.js';
import { createProcessService } from './services/process-service.js';
import { serviceSecret } from './services/link-tokens.js';
import { createSigningService } from './services/signing-service.js';
import { createScheduler } from './services/scheduler.js';
import type { ServerConfig } from './config.js';
import { demoPkiDir, loadServerTrust } from './trust.js';
import { asanProviderFromEnv } from '../providers/asan-real.js';
import { simaClient, simaIntermediates } from '../providers/sima/sima-config.js';
import { createSimaService } from './services/sima-service.js';
import { createVerifyPool } from './verify-pool.js';
import { createSigningSessions } from './services/signing-sessions.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: AppOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const trust = await loadServerTrust(config);
  for (const p of trust.problems) log(`imzala: trust file ${p.file} not used: ${p.code}`);
  // The TEST certificates name revocation addresses nothing serves: with only the TEST trust store, check offline
  // unless IMZALA_OFFLINE says otherwise, so a demo check does not wait on look-ups that cannot succeed.
  const effective = trust.isTestTrust && !config.offlineSetExplicitly ? { ...config, offline: true } : config;
  // Checks run in worker threads (IMZALA_VERIFY_WORKERS, default one per core) while this thread serves HTTP.
  const verifyService = options.verifyService ?? (config.verifyWorkers > 0 ? createVerifyPool(effective, trust, { workers: config.verifyWorkers, log }) : undefined);
  let url = config.publicUrl ?? '';
  const store = await openStore(config.storeDir);
  const transport = createTransport({ smtpUrl: config.smtpUrl ?? undefined, dataDir: config.dataDir, from: config.mailFrom, log });
  const processes = createProcessService({
    store,
    secret: serviceSecret(config.dataDir),
    publicUrl: () => url,
    attachmentLimitBytes: config.mailAttachmentLimitBytes,
    mailQueued: () => outbox.kick(),
  });
  // ASAN İmza: IMZALA_ASAN=simulator (the TEST people of the demo PKI) or real (refuses until contracted), unset: none.
  const mobile = await asanProviderFromEnv(config.asan ? { IMZALA_ASAN: config.asan } : {}, { demoPkiDir: demoPkiDir(config), log });
  // SİMA Web2App: IMZALA_SIMA=simulator (the demo PKI's TEST SİMA person plays the phone) or real (operator's contract).
  const sima = config.sima
    ? createSimaService({
        store,
        anchors: trust.anchors,
        intermediates: simaIntermediates(config.sima, demoPkiDir(config)),
        client: simaClient(config.sima, () => url),
        ttlSeconds: config.sima.ttlSeconds,
        simulated: config.sima.mode === 'simulator',
        mailQueued: () => outbox.kick(),
      })
    : undefined;
  const signing = createSigningService({ store, anchors: trust.anchors, mobile, ...(sima ? { sima: { simulated: sima.simulated } } : {}), mailQueued: () => outbox.kick() });
  // One-off signing sessions (memory only; the same ASAN provider and SİMA client as the processes).
  const signingSessions = createSigningSessions({
    anchors: trust.anchors,
    mobile,
    sima: config.sima ? { client: simaClient(config.sima, () => url), intermediates: simaIntermediates(config.sima, demoPkiDir(config)), ttlSeconds: config.sima.ttlSeconds } : null,
    log,
  });
  const outbox = createOutboxSender({ store, transport, compose: (entry) => processes.compose(entry), log });
  const scheduler = createScheduler({ store, reminderHours: config.reminderHours, tickSeconds: config.schedulerSeconds, mailQueued: () => outbox.kick(), log });
  const stopAll = async () => {
    await scheduler.stop();
    await outbox.stop();
    transport.close();
    await store.close();
    await verifyService?.close();
    signingSessions.close();
  };
  const app = createApp(effective, trust, { ...options, ...(verifyService ? { verifyService } : {}), processService: processes, signingService: signing, ...(mobile ? { mobileProvider: mobile } : {}), ...(sima ? { simaService: sima } : {}), signingSessions });
  let server: import('node:http').Server;
  try {
    server = await new Promise<import('node:http').Server>((resolve, reject) => {
      const s = app.listen(config.port, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
  } catch (e) {
    await stopAll();
    throw e;
  }
  const { port } = server.address() as AddressInfo;
  url = config.publicUrl ?? `http://localhost:${port}`;
  // Mail waiting from before a restart goes out now, then every few seconds.
  outbox.start();
  scheduler.start();
  log(`imzala: verification service at ${url}${trust.isTestTrust ? ' (TEST trust store: demo anchors only)' : ''}`);
  return {
    url,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      await stopAll();
    },
  };
}
