/**
 * Wycheproof signature-verification vectors (../shared/corpora/wycheproof/testvectors_v1, read in place) run
 * through exactly the path CMS and X.509 verification use: an AlgorithmIdentifier as it would appear in a
 * signature -> signatureAlgorithmFromIdentifier -> verifySignature with the group's SubjectPublicKeyInfo.
 * `valid` vectors must verify, `invalid` ones must not, `acceptable` ones may go either way (counted).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromHex } from '../../core/encoding/hex.js';
import type { HashAlgorithm } from '../../core/crypto/hash.js';
import {
  ecdsaAlgorithm, rsaPkcs1Algorithm, rsaPssAlgorithm, signatureAlgorithmFromIdentifier, signatureAlgorithmIdentifier,
  type AlgorithmIdentifierDer, type SignatureAlgorithm,
} from '../../core/crypto/signature-algorithms.js';
import { verifySignature } from '../../core/crypto/verify-signature.js';
import { corpusPath } from './corpora.js';

export interface WycheproofSummary {
  valid: number;
  validRejected: number;
  invalid: number;
  invalidAccepted: number;
  acceptable: number;
  /** How many `acceptable` vectors verified (either outcome is allowed). */
  acceptableAccepted: number;
  /** `<file>#<tcId>` */
  validRejectedIds: string[];
  invalidAcceptedIds: string[];
  acceptableAcceptedIds: string[];
  files: number;
  /** How the rejected vectors were rejected: code -> count. */
  rejectionCodes: Record<string, number>;
}

interface TestVector {
  tcId: number;
  msg: string;
  sig: string;
  result: 'valid' | 'invalid' | 'acceptable';
}

interface TestGroup {
  publicKeyDer: string;
  sha: string;
  mgf?: string;
  mgfSha?: string;
  sLen?: number;
  tests: TestVector[];
}

interface TestFile {
  schema: string;
  testGroups: TestGroup[];
}

type GroupPlan = { identifier: AlgorithmIdentifierDer; ecdsaFormat?: 'der' | 'p1363' };

const HASHES: readonly HashAlgorithm[] = ['SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'];

export function wycheproofDir(): string {
  return corpusPath('wycheproof/testvectors_v1');
}

function hashOf(name: string | undefined, file: string): HashAlgorithm {
  const hash = HASHES.find((h) => h === name);
  if (!hash) throw new Error(`${file}: hash ${String(name)} has no mapping in the harness`);
  return hash;
}

/** The AlgorithmIdentifier a signature of this group would carry in X.509 or CMS. */
function planGroup(schema: string, group: TestGroup, file: string): GroupPlan {
  const hash = hashOf(group.sha, file);
  let algorithm: SignatureAlgorithm;
  let ecdsaFormat: 'der' | 'p1363' | undefined;
  switch (schema) {
    case 'ecdsa_verify_schema_v1.json':
      algorithm = ecdsaAlgorithm(hash);
      ecdsaFormat = 'der';
      break;
    case 'ecdsa_p1363_verify_schema_v1.json':
      algorithm = ecdsaAlgorithm(hash);
      ecdsaFormat = 'p1363';
      break;
    case 'rsassa_pkcs1_verify_schema_v1.json':
      algorithm = rsaPkcs1Algorithm(hash);
      break;
    case 'rsassa_pss_verify_schema_v1.json':
    case 'rsassa_pss_with_parameters_verify_schema.json':
      if (group.mgf !== 'MGF1') throw new Error(`${file}: mask generation function ${String(group.mgf)}`);
      algorithm = rsaPssAlgorithm(hash, { mgfHash: hashOf(group.mgfSha, file), saltLength: group.sLen! });
      break;
    default:
      throw new Error(`${file}: no harness for schema ${schema}`);
  }
  return { identifier: signatureAlgorithmIdentifier(algorithm), ...(ecdsaFormat ? { ecdsaFormat } : {}) };
}

/** Runs every vector file; throws only when a file is of a kind the harness does not know (never skips silently). */
export async function runWycheproof(dir = wycheproofDir()): Promise<WycheproofSummary> {
  const summary: WycheproofSummary = {
    valid: 0, validRejected: 0, invalid: 0, invalidAccepted: 0, acceptable: 0, acceptableAccepted: 0,
    validRejectedIds: [], invalidAcceptedIds: [], acceptableAcceptedIds: [], files: 0, rejectionCodes: {},
  };
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  for (const file of files) {
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as TestFile;
    summary.files++;
    for (const group of data.testGroups) {
      const plan = planGroup(data.schema, group, file);
      const publicKeyInfo = fromHex(group.publicKeyDer);
      // Same step as CMS: identifier -> algorithm. If it refuses, every vector of the group is "not verified".
      let algorithm: SignatureAlgorithm | null = null;
      let refusal = '';
      try {
        algorithm = signatureAlgorithmFromIdentifier(plan.identifier);
      } catch (e) {
        refusal = (e as { code?: string }).code ?? 'ERROR';
      }
      for (const test of group.tests) {
        const id = `${file}#${test.tcId}`;
        let verified = false;
        let code = refusal;
        if (algorithm) {
          const check = await verifySignature({
            publicKeyInfo,
            algorithm,
            data: fromHex(test.msg),
            signature: fromHex(test.sig),
            ...(plan.ecdsaFormat ? { ecdsaFormat: plan.ecdsaFormat } : {}),
          });
          verified = check.valid;
          code = check.code ?? '';
        }
        if (!verified) summary.rejectionCodes[code] = (summary.rejectionCodes[code] ?? 0) + 1;
        if (test.result === 'valid') {
          summary.valid++;
          if (!verified) {
            summary.validRejected++;
            summary.validRejectedIds.push(id);
          }
        } else if (test.result === 'invalid') {
          summary.invalid++;
          if (verified) {
            summary.invalidAccepted++;
            summary.invalidAcceptedIds.push(id);
          }
        } else {
          summary.acceptable++;
          if (verified) {
            summary.acceptableAccepted++;
            summary.acceptableAcceptedIds.push(id);
          }
        }
      }
    }
  }
  return summary;
}
