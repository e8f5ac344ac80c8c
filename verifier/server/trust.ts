/**
 * The anchors the service trusts: the trust directory's, or, when it holds none, the TEST hierarchy (written
 * once to $IMZALA_DATA_DIR/demo-pki) so that a fresh machine can check demo documents. `isTestTrust` tells every
 * page to say so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Certificate } from '../../core/pki/certificate.js';
import type { TrustStoreProblem } from '../../core/pki/trust-store.js';
import { loadTrustStore } from '../node/trust-dir.js';
import { writeDemoHierarchy } from '../pki-demo/write-demo.js';
import type { ServerConfig } from './config.js';

export interface ServerTrust {
  anchors: readonly Certificate[];
  /** True when the anchors are the TEST hierarchy's (no real trust configured). */
  isTestTrust: boolean;
  /** Files of the trust directory that could not be used. */
  problems: readonly TrustStoreProblem[];
}

/** Where the TEST hierarchy is written when no anchors are configured. */
export const demoPkiDir = (config: Pick<ServerConfig, 'dataDir'>) => join(config.dataDir, 'demo-pki');

/** Loads the configured anchors, falling back to the TEST hierarchy (written on first use). */
export async function loadServerTrust(config: Pick<ServerConfig, 'dataDir' | 'trustDir'>): Promise<ServerTrust> {
  const configured = existsSync(config.trustDir) ? loadTrustStore([config.trustDir]) : null;
  if (configured && configured.anchors.length > 0) {
    return { anchors: configured.anchors, isTestTrust: false, problems: configured.problems };
  }
  const demoDir = demoPkiDir(config);
  const demoTrust = join(demoDir, 'trust');
  // Written once: later starts reuse it, so documents signed with the demo keys keep checking.
  if (!existsSync(join(demoTrust, 'rca.pem'))) await writeDemoHierarchy(demoDir);
  const demo = loadTrustStore([demoTrust]);
  return { anchors: demo.anchors, isTestTrust: true, problems: configured?.problems ?? [] };
}
