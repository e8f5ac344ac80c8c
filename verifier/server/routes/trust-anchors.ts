/**
 * The anchors the service trusts, for people and for the page's in-browser check:
 * `GET /api/v1/trust-anchors` (JSON with each certificate's DER) and `GET /api/v1/trust-anchors/{sha256}.pem`.
 */
import { Router } from 'express';
import { toBase64 } from '../../../core/encoding/base64.js';
import { encodePem } from '../../../core/encoding/pem.js';
import { ImzalaError } from '../../../core/errors.js';
import type { Certificate } from '../../../core/pki/certificate.js';
import type { ServerTrust } from '../trust.js';

export interface TrustAnchorJson {
  subject: string;
  sha256: string;
  notBefore: string;
  notAfter: string;
  /** Base64 DER. */
  certificate: string;
}

export function trustAnchorJson(cert: Certificate): TrustAnchorJson {
  return {
    subject: cert.subject.toString(),
    sha256: cert.sha256,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    certificate: toBase64(cert.der),
  };
}

export function trustAnchorsRouter(trust: ServerTrust): Router {
  const router = Router();
  const body = { testTrust: trust.isTestTrust, anchors: trust.anchors.map(trustAnchorJson) };
  router.get('/api/v1/trust-anchors', (_req, res) => {
    // Anchors change only with a restart; a minute of caching spares repeated checks a round trip. They are public
    // and carry no credentials, so any origin may read them: the extension's signing page checks against them.
    res.set('Cache-Control', 'public, max-age=60').set('Access-Control-Allow-Origin', '*').json(body);
  });
  router.get('/api/v1/trust-anchors/:name', (req, res, next) => {
    const match = /^([0-9a-f]{64})\.pem$/.exec(req.params.name);
    const cert = match && trust.anchors.find((a) => a.sha256 === match[1]);
    if (!cert) return next(new ImzalaError('NOT_FOUND', 'no such trust anchor'));
    res
      .set('Content-Type', 'application/x-pem-file')
      .set('Access-Control-Allow-Origin', '*')
      .set('Content-Disposition', `attachment; filename="${cert.sha256.slice(0, 16)}.pem"`)
      .send(encodePem('CERTIFICATE', cert.der));
  });
  return router;
}
