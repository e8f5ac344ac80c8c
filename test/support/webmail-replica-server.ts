/**
 * Replicas of Gmail and Outlook on the web for the webmail tests: an HTTP server on 127.0.0.1, reached as
 * http://localhost:PORT (the TEST build's webmail content script matches http://localhost/*). It serves the replica
 * pages (HTML from the fixture renderers in test/fixtures/webmail, given by the test) under the paths the TEST-build
 * adapters accept, and the attachments' bytes at the URL forms the real webmails use:
 *   Gmail:   /gmail/mail/u/0/?ui=2&ik=0123456789&attid=<ATT>&permmsgid=msg-f:<MSG>&th=<THREAD>&view=att&disp=safe
 *   Outlook: /outlook/owa/service.svc/s/GetFileAttachment?id=<ATT>&X-OWA-CANARY=<canary>
 * Every request is recorded, so a test can assert that nothing went anywhere but this origin (Chromium's own requests
 * to other hosts are not seen here: tests check those with request interception when they need to).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplicaAttachment {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** A page's HTML, or a function of the requested URL (e.g. a different thread per `th`). */
export type ReplicaPage = string | ((url: URL) => string);

export interface WebmailReplicaOptions {
  /** Keyed by <ATT> of the URL forms above. */
  attachments: Record<string, ReplicaAttachment>;
  /** Served for every path under /gmail/mail/u/0/ that is not an attachment download. */
  gmail?: ReplicaPage;
  /** Served for every path under /outlook/mail/. */
  outlook?: ReplicaPage;
  /** A Content-Security-Policy header for the pages (e.g. to show the runtime needs no inline style). */
  contentSecurityPolicy?: string;
  /**
   * Base64 DER certificates served at /api/v1/trust-anchors as an imzala service does (configure this origin as the
   * extension's service URL so `webmail:check` verifies against them); absent: 404 there.
   */
  trustAnchors?: string[];
}

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  kind: 'page' | 'attachment' | 'anchors' | 'missing';
}

export interface WebmailReplicaServer {
  port: number;
  /** http://localhost:PORT */
  origin: string;
  /** The replica URLs to open. */
  gmailUrl: string;
  outlookUrl: string;
  requests: RecordedRequest[];
  /** Replace a page or an attachment while the server runs. */
  set(options: Partial<WebmailReplicaOptions>): void;
  close(): Promise<void>;
}

/** The Gmail replica's attachment URL for `att` (the form Gmail's own download links take). */
export function gmailAttachmentUrl(att: string, message = '1790000000000000001', thread = 'thread-f:1790000000000000001'): string {
  return `/gmail/mail/u/0/?ui=2&ik=0123456789&attid=${encodeURIComponent(att)}&permmsgid=msg-f:${encodeURIComponent(message)}&th=${encodeURIComponent(thread)}&view=att&disp=safe`;
}

/** The Outlook replica's attachment URL for `att`. */
export function outlookAttachmentUrl(att: string, canary = 'replica-canary'): string {
  return `/outlook/owa/service.svc/s/GetFileAttachment?id=${encodeURIComponent(att)}&X-OWA-CANARY=${encodeURIComponent(canary)}`;
}

export async function startWebmailReplicaServer(initial: WebmailReplicaOptions): Promise<WebmailReplicaServer> {
  const options: WebmailReplicaOptions = { ...initial, attachments: { ...initial.attachments } };
  const requests: RecordedRequest[] = [];

  function page(res: http.ServerResponse, source: ReplicaPage | undefined, url: URL, req: http.IncomingMessage): void {
    if (source === undefined) return missing(res, req);
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '', kind: 'page' });
    const html = typeof source === 'string' ? source : source(url);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      ...(options.contentSecurityPolicy ? { 'content-security-policy': options.contentSecurityPolicy } : {}),
    });
    res.end(html);
  }

  function attachment(res: http.ServerResponse, att: string | null, req: http.IncomingMessage): void {
    const entry = att === null ? undefined : options.attachments[att];
    if (!entry) return missing(res, req);
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '', kind: 'attachment' });
    // Gmail answers disp=safe downloads as an attachment; the fetch in the content script reads the body all the same.
    res.writeHead(200, {
      'content-type': entry.mimeType,
      'content-length': String(entry.bytes.length),
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(entry.name)}`,
      'cache-control': 'no-store',
    });
    res.end(Buffer.from(entry.bytes));
  }

  function missing(res: http.ServerResponse, req: http.IncomingMessage): void {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '', kind: 'missing' });
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // The browser asks for it by itself; not a request of the page or the extension.
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      return res.end();
    }
    if (url.pathname.startsWith('/gmail/mail/u/0/')) {
      if (url.searchParams.get('view') === 'att') return attachment(res, url.searchParams.get('attid'), req);
      return page(res, options.gmail, url, req);
    }
    if (url.pathname === '/outlook/owa/service.svc/s/GetFileAttachment') {
      // OWA refuses downloads without the canary; the replica does too.
      if (!url.searchParams.get('X-OWA-CANARY')) return missing(res, req);
      return attachment(res, url.searchParams.get('id'), req);
    }
    if (url.pathname.startsWith('/outlook/mail/')) return page(res, options.outlook, url, req);
    if (url.pathname === '/api/v1/trust-anchors' && options.trustAnchors) {
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '', kind: 'anchors' });
      // Public data, read by the extension's background from its own origin: CORS open as the service's is.
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      return res.end(JSON.stringify({ anchors: options.trustAnchors.map((certificate) => ({ certificate })) }));
    }
    return missing(res, req);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://localhost:${port}`;
  return {
    port,
    origin,
    gmailUrl: `${origin}/gmail/mail/u/0/#inbox`,
    outlookUrl: `${origin}/outlook/mail/inbox`,
    requests,
    set(patch) {
      if (patch.attachments) Object.assign(options.attachments, patch.attachments);
      if (patch.gmail !== undefined) options.gmail = patch.gmail;
      if (patch.outlook !== undefined) options.outlook = patch.outlook;
      if (patch.contentSecurityPolicy !== undefined) options.contentSecurityPolicy = patch.contentSecurityPolicy;
      if (patch.trustAnchors !== undefined) options.trustAnchors = patch.trustAnchors;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
