/**
 * The revocation policy of a check run in Node, shared by `imzala verify` and the service: given and embedded
 * data first (core does that), then the file cache, then OCSP and CRLs from the certificates' addresses over
 * http(s). Offline stops at the cache.
 */
import type { RevocationPolicy } from '../../core/cms/verify-signed-data.js';
import type { RevocationFetcher } from '../../core/pki/revocation/fetcher.js';
import { createFileRevocationCache, revocationCacheDir } from './revocation-cache.js';

export interface NodeRevocationOptions {
  /** Use only what is embedded, given or cached. */
  offline: boolean;
  /** Without revocation data a signature cannot be decided (INDETERMINATE / TRY_LATER). */
  required: boolean;
  /** Where the cache lives; default $IMZALA_DATA_DIR/cache/revocation of `env`. */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** The HTTP client, loaded on the first look-up only (most checks find what they need embedded or cached). */
export function lazyHttpFetcher(): RevocationFetcher {
  let fetcher: Promise<RevocationFetcher> | undefined;
  return {
    fetch: async (url, request) => {
      fetcher ??= import('./http-fetcher.js').then((m) => m.createHttpFetcher());
      return (await fetcher).fetch(url, request);
    },
  };
}

/** The policy object core's validation takes. */
export function nodeRevocationPolicy(options: NodeRevocationOptions): RevocationPolicy {
  return {
    offline: options.offline,
    required: options.required,
    fetcher: options.offline ? undefined : lazyHttpFetcher(),
    cache: createFileRevocationCache({ dir: options.cacheDir ?? revocationCacheDir(options.env ?? process.env) }),
  };
}
