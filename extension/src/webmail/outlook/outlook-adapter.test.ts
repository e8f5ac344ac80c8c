/**
 * The Outlook adapter on the OWA replicas (test/fixtures/webmail/outlook.ts) in Debian's Chromium: the adapter is
 * bundled for the page as the extension would run it, served with the replica from one local origin, and called
 * from page.evaluate. Asserts what a user would notice: the attachments found, their bytes, who is in the thread,
 * the file in the reply, and that an uncooperative page turns the right feature off.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'rolldown';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../../../../test/support/browser.js';
import { renderOutlookCompose, renderOutlookReading, type OutlookReplicaOptions, type ReplicaVariant } from '../../../../test/fixtures/webmail/outlook.js';
import { isOutlookUrl, outlookAdapter } from './outlook-adapter.js';
import { OUTLOOK_SELECTORS } from './selectors.js';

const ALIYEV = { name: 'Əli Əliyev', email: 'ali@firma.az' };
const PETROVA = { name: 'Анна Петрова', email: 'anna@partner.ru' };
const ME = { name: 'Mən Özüm', email: 'me@imzala.test' };

const THREAD: OutlookReplicaOptions['messages'] = [
  {
    from: ALIYEV,
    to: [ME, PETROVA],
    attachments: [
      { att: 'att-contract', name: 'müqavilə.pdf', mimeType: 'application/pdf' },
      { att: 'att-act', name: 'akt.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
    ],
  },
  { from: PETROVA, to: [ME], attachments: [{ att: 'att-invoice', name: 'qaimə.pdf', mimeType: 'application/pdf' }] },
];

const BYTES: Record<string, Buffer> = {
  'att-contract': Buffer.from('%PDF-1.7\n% müqavilə\n%%EOF\n'),
  'att-act': Buffer.from('PK\u0003\u0004 act'),
  'att-invoice': Buffer.from('%PDF-1.4\n% qaimə\n%%EOF\n'),
  'att-draft': Buffer.from('%PDF-1.7\n% layihə\n%%EOF\n'),
};

let tb: TestBrowser;
let server: http.Server;
let origin: string;
let bundle: string;
let pages = new Map<string, string>();
const requests: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imzala-outlook-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      `import { outlookAdapter, isOutlookUrl } from ${JSON.stringify(join(import.meta.dirname, 'outlook-adapter.ts'))};
       (window as any).__outlook = { adapter: outlookAdapter, isOutlookUrl };`,
    );
    const out = await build({ input: entry, platform: 'browser', write: false, logLevel: 'silent', output: { format: 'iife' }, transform: { define: { __IMZALA_TEST_BUILD__: 'true' } } });
    bundle = out.output[0].code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/outlook/owa/service.svc/s/GetFileAttachment') {
      const bytes = BYTES[url.searchParams.get('id') ?? ''];
      if (!bytes || url.searchParams.get('X-OWA-CANARY') === null) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    }
    const html = pages.get(url.pathname);
    if (!html) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  tb = await launchBrowser();
});

afterAll(async () => {
  await tb?.close();
  await new Promise<void>((r) => server?.close(() => r()));
});

/** Opens `html` at `path` on the replica origin with the adapter loaded as window.__outlook. */
async function open(html: string, path = '/outlook/mail/inbox/id/conv-thread'): Promise<Page> {
  pages = new Map([[path, html]]);
  const page = await tb.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(origin + path);
  await page.addScriptTag({ content: bundle });
  (page as unknown as { pageErrors: string[] }).pageErrors = errors;
  return page;
}

interface FoundAttachment {
  name: string;
  url: string;
  messageKey: string;
  isCard: boolean;
}

function findAttachments(page: Page): Promise<FoundAttachment[]> {
  return page.evaluate(() =>
    (window as any).__outlook.adapter.findAttachments(document).map((a: any) => ({ name: a.name, url: a.url, messageKey: a.messageKey, isCard: a.element.isConnected && a.element.matches('[role=option], a') })),
  );
}

/** Runs an adapter call in the page and reports a FeatureUnavailable as data. */
function featureError(page: Page, call: string): Promise<{ feature: string; selectorId: string; name: string } | null> {
  return page.evaluate(async (code) => {
    try {
      await new Function('adapter', `return (${code})(adapter)`)((window as any).__outlook.adapter);
      return null;
    } catch (e: any) {
      return { feature: e.feature, selectorId: e.selectorId, name: e.name };
    }
  }, call);
}

async function replyWithFileAndReadBack(page: Page, index: number, name: string, text: string) {
  return page.evaluate(
    async (i, fileName, content) => {
      const adapter = (window as any).__outlook.adapter;
      const ref = adapter.findAttachments(document)[i];
      await adapter.replyWithFile(ref, new File([content], fileName, { type: 'application/pdf' }));
      const stored: File[] = (window as any).__replicaFiles;
      const composes = adapter.findComposes(document);
      return {
        stored: await Promise.all(stored.map(async (f) => ({ name: f.name, text: await f.text() }))),
        chip: document.querySelector(`[data-imzala-test-compose] [data-imzala-test-file="${CSS.escape(fileName)}"]`) !== null,
        composes: composes.map((c: any) => ({ recipients: c.recipients(), names: c.attachmentNames(), anchorHasSend: c.actionAnchor.querySelector('button') !== null })),
      };
    },
    index,
    name,
    text,
  );
}

describe('outlookAdapter.matches', () => {
  it('takes the three OWA hosts over https and localhost replicas only in the TEST build', () => {
    for (const host of ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com']) {
      expect(outlookAdapter.matches(new URL(`https://${host}/mail/inbox`))).toBe(true);
      expect(isOutlookUrl(new URL(`http://${host}/mail/inbox`), true)).toBe(false);
    }
    expect(isOutlookUrl(new URL('https://outlook.office.com.evil.example/mail/'), true)).toBe(false);
    expect(isOutlookUrl(new URL('https://mail.google.com/mail/u/0/'), true)).toBe(false);
    expect(isOutlookUrl(new URL('http://localhost:8080/outlook/mail/inbox'), false)).toBe(false);
    expect(isOutlookUrl(new URL('http://localhost:8080/outlook/mail/inbox'), true)).toBe(true);
    expect(isOutlookUrl(new URL('http://localhost:8080/gmail/mail/u/0/'), true)).toBe(false);
    // Unit tests bundle nothing with the TEST define: the release behaviour.
    expect(outlookAdapter.matches(new URL('http://localhost:8080/outlook/mail/inbox'))).toBe(false);
  });
});

describe.each<ReplicaVariant>(['current', 'older'])('outlookAdapter on the %s reading pane', (variant) => {
  it('finds every attachment with its name, download URL and message, and fetches the same bytes', async () => {
    const page = await open(renderOutlookReading({ messages: THREAD, variant }));
    try {
      expect(await page.evaluate(() => (window as any).__outlook.adapter.matches(new URL(location.href)))).toBe(true);
      const found = await findAttachments(page);
      expect(found.map((a) => [a.name, a.messageKey, a.isCard])).toEqual([
        ['müqavilə.pdf', 'conv-thread#0', true],
        ['akt.docx', 'conv-thread#0', true],
        ['qaimə.pdf', 'conv-thread#1', true],
      ]);
      for (const a of found) {
        const url = new URL(a.url);
        expect(url.origin).toBe(origin);
        expect(url.pathname).toBe('/outlook/owa/service.svc/s/GetFileAttachment');
        expect(url.searchParams.get('X-OWA-CANARY')).toBeTruthy();
      }
      const texts = await page.evaluate(async () => {
        const adapter = (window as any).__outlook.adapter;
        return Promise.all(adapter.findAttachments(document).map(async (a: any) => new Uint8Array(await (await adapter.fetchAttachment(a)).arrayBuffer()).join(',')));
      });
      expect(texts).toEqual(['att-contract', 'att-act', 'att-invoice'].map((id) => new Uint8Array(BYTES[id]!).join(',')));

      const participants = await page.evaluate(() => {
        const adapter = (window as any).__outlook.adapter;
        return adapter.threadParticipants(adapter.findAttachments(document)[2]);
      });
      // Everyone in the thread but the signed-in user, each once.
      expect(participants.map((p: { email: string }) => p.email).sort()).toEqual(['ali@firma.az', 'anna@partner.ru']);
      expect(participants.find((p: { email: string }) => p.email === 'ali@firma.az').name).toBe('Əli Əliyev');
    } finally {
      await page.close();
    }
  });

  it('replies to the message with the file attached (the same bytes show in the reply)', async () => {
    const page = await open(renderOutlookReading({ messages: THREAD, variant }));
    try {
      const result = await replyWithFileAndReadBack(page, 2, 'qaimə-imzalı.pdf', '%PDF signed qaimə');
      expect(result.stored).toEqual([{ name: 'qaimə-imzalı.pdf', text: '%PDF signed qaimə' }]);
      expect(result.chip).toBe(true);
      expect(result.composes).toEqual([{ recipients: [PETROVA], names: ['qaimə-imzalı.pdf'], anchorHasSend: true }]);
    } finally {
      await page.close();
    }
  });

  it('follows messages opened one after another without a page load', async () => {
    const page = await open(renderOutlookReading({ messages: THREAD, variant }));
    try {
      await page.evaluate(() => ((window as any).__sameDocument = true));
      await page.click('[data-convid="conv-1"]');
      expect(await page.evaluate(() => [(window as any).__sameDocument, location.pathname])).toEqual([true, '/outlook/mail/inbox/id/conv-1']);
      expect((await findAttachments(page)).map((a) => [a.name, a.messageKey])).toEqual([['qaimə.pdf', 'conv-1#0']]);
      await page.click('[data-convid="conv-0"]');
      expect((await findAttachments(page)).map((a) => [a.name, a.messageKey])).toEqual([
        ['müqavilə.pdf', 'conv-0#0'],
        ['akt.docx', 'conv-0#0'],
      ]);
    } finally {
      await page.close();
    }
  });
});

describe('outlookAdapter.replyWithFile without a file input', () => {
  it('drops the file on the reply body instead', async () => {
    const page = await open(renderOutlookReading({ messages: THREAD }));
    try {
      // The compose loses its file input as soon as it appears: only a drop can attach the file now.
      await page.evaluate(() =>
        new MutationObserver(() => document.querySelectorAll('[data-imzala-test-compose] input[type=file]').forEach((i) => i.remove())).observe(document, { childList: true, subtree: true }),
      );
      const result = await replyWithFileAndReadBack(page, 0, 'müqavilə-imzalı.pdf', '%PDF signed');
      expect(result.stored).toEqual([{ name: 'müqavilə-imzalı.pdf', text: '%PDF signed' }]);
      expect(result.composes).toEqual([{ recipients: [ALIYEV], names: ['müqavilə-imzalı.pdf'], anchorHasSend: true }]);
    } finally {
      await page.close();
    }
  });
});

describe('outlookAdapter on an uncooperative (broken) page', () => {
  it('turns attachment buttons and reply-with-file off by naming the selector, and the page keeps working', async () => {
    const page = await open(renderOutlookReading({ messages: THREAD, variant: 'broken' }));
    try {
      expect(await featureError(page, '(a) => a.findAttachments(document)')).toEqual({ feature: 'attachment-buttons', selectorId: 'outlook.attachment', name: 'FeatureUnavailable' });
      const manualRef = `(a) => a.replyWithFile({ element: document.querySelector('[data-imzala-test-message="0"] [aria-label$=" Open"]'), name: 'müqavilə.pdf', url: '/x', messageKey: 'conv-thread#0' }, new File(['x'], 'x.pdf'))`;
      expect(await featureError(page, manualRef)).toEqual({ feature: 'reply-with-file', selectorId: 'outlook.reply-button', name: 'FeatureUnavailable' });
      // The replica's own behaviour is untouched.
      await page.click('[data-convid="conv-1"]');
      expect(await page.evaluate(() => location.pathname)).toBe('/outlook/mail/inbox/id/conv-1');
      expect((page as unknown as { pageErrors: string[] }).pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('never fetches from another origin', async () => {
    const page = await open(renderOutlookReading({ messages: THREAD }));
    try {
      const other = origin.replace('localhost', '127.0.0.1') + '/outlook/owa/service.svc/s/GetFileAttachment?id=att-contract&X-OWA-CANARY=c&foreign=1';
      const before = requests.length;
      const refusal = await page.evaluate(async (url) => {
        const adapter = (window as any).__outlook.adapter;
        const ref = { ...adapter.findAttachments(document)[0], url };
        try {
          await adapter.fetchAttachment(ref);
          return null;
        } catch (e: any) {
          return e.code;
        }
      }, other);
      expect(refusal).toBe('WEBMAIL_FETCH_FAILED');
      expect(requests.slice(before).filter((r) => r.includes('foreign=1'))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

interface FoundCompose {
  recipients: { name?: string; email: string }[];
  names: string[];
  attachments: { name: string; url: string; messageKey: string; isCard: boolean }[];
  anchorHasSend: boolean;
}

function findComposes(page: Page): Promise<FoundCompose[]> {
  return page.evaluate(() =>
    (window as any).__outlook.adapter.findComposes(document).map((c: any) => ({
      recipients: c.recipients(),
      names: c.attachmentNames(),
      attachments: c.attachments().map((a: any) => ({ name: a.name, url: a.url, messageKey: a.messageKey, isCard: c.element.contains(a.element) && a.element.matches('[role=option]') })),
      anchorHasSend: c.actionAnchor.querySelector('button') !== null,
    })),
  );
}

/** The bytes of the first compose's attachments, fetched through the adapter (as the runtime does). */
function fetchComposeAttachments(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const adapter = (window as any).__outlook.adapter;
    const [compose] = adapter.findComposes(document);
    return Promise.all(compose.attachments().map(async (a: any) => new Uint8Array(await (await adapter.fetchAttachment(a)).arrayBuffer()).join(',')));
  });
}

function downloadId(url: string): [string, string | null, string | null] {
  const parsed = new URL(url);
  return [parsed.origin + parsed.pathname, parsed.searchParams.get('id'), parsed.searchParams.get('X-OWA-CANARY')];
}

describe.each<ReplicaVariant>(['current', 'older'])('outlookAdapter.findComposes on the %s compose form', (variant) => {
  it('finds the compose with its recipients, its uploaded attachments (fetched with the same bytes) and Send anchor', async () => {
    const draft = { att: 'att-draft', name: 'layihə.pdf', mimeType: 'application/pdf' };
    const page = await open(renderOutlookCompose({ messages: [{ from: ME, to: [ALIYEV, PETROVA], attachments: [draft] }], variant }), '/outlook/mail/deeplink/compose');
    try {
      const composes = await findComposes(page);
      expect(composes.map(({ attachments, ...rest }) => rest)).toEqual([{ recipients: [ALIYEV, PETROVA], names: ['layihə.pdf'], anchorHasSend: true }]);
      const [attachment] = composes[0]!.attachments;
      expect(composes[0]!.attachments).toHaveLength(1);
      expect(attachment!.name).toBe('layihə.pdf');
      expect(attachment!.isCard).toBe(true);
      // No conversation is selected on a new-message page: the path keys the compose.
      expect(attachment!.messageKey).toBe('/outlook/mail/deeplink/compose#compose-0');
      const [where, id, canary] = downloadId(attachment!.url);
      expect([where, id]).toEqual([`${origin}/outlook/owa/service.svc/s/GetFileAttachment`, 'att-draft']);
      expect(canary).toBeTruthy();
      expect(await fetchComposeAttachments(page)).toEqual([new Uint8Array(BYTES['att-draft']!).join(',')]);
      // The compose's cards are not taken for an opened message's attachments.
      expect(await findAttachments(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('gives no attachments for a compose without files', async () => {
    const page = await open(renderOutlookCompose({ messages: [{ from: ME, to: [ALIYEV], attachments: [] }], variant }), '/outlook/mail/deeplink/compose');
    try {
      expect(await findComposes(page)).toEqual([{ recipients: [ALIYEV], names: [], attachments: [], anchorHasSend: true }]);
    } finally {
      await page.close();
    }
  });
});

describe('outlookAdapter compose attachments in a reply', () => {
  it('lists a file attached to the reply under its uploaded id, and fetches its bytes from this origin', async () => {
    const page = await open(renderOutlookReading({ messages: THREAD, uploadAtts: { 'cavab.pdf': 'att-reply-upload' } }));
    try {
      const result = await replyWithFileAndReadBack(page, 2, 'cavab.pdf', '%PDF cavab');
      expect(result.stored).toEqual([{ name: 'cavab.pdf', text: '%PDF cavab' }]);
      const composes = await findComposes(page);
      expect(composes.map((c) => [c.recipients, c.attachments.map((a) => [a.name, a.messageKey, downloadId(a.url)[1]])])).toEqual([
        [[PETROVA], [['cavab.pdf', 'conv-thread#compose-0', 'att-reply-upload']]],
      ]);
      // The page listed the upload for the test; the server serves the bytes once they are registered under its id.
      expect(await page.evaluate(() => (window as any).__replicaUploads.map((u: any) => [u.att, u.name]))).toEqual([['att-reply-upload', 'cavab.pdf']]);
      BYTES['att-reply-upload'] = Buffer.from('%PDF cavab');
      expect(await fetchComposeAttachments(page)).toEqual([new Uint8Array(BYTES['att-reply-upload']).join(',')]);
    } finally {
      await page.close();
    }
  });

  it('names files the options do not name upload-<n>, in the order they were attached', async () => {
    const page = await open(renderOutlookReading({ messages: THREAD }));
    try {
      await replyWithFileAndReadBack(page, 0, 'bir.pdf', '1');
      await page.evaluate(async () => {
        const input = document.querySelector('[data-imzala-test-compose] input[type=file]') as HTMLInputElement;
        const transfer = new DataTransfer();
        transfer.items.add(new File(['2'], 'iki.pdf'));
        input.files = transfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await page.waitForSelector('[data-imzala-test-file="iki.pdf"]');
      const [compose] = await findComposes(page);
      expect(compose!.attachments.map((a) => [a.name, downloadId(a.url)[1]])).toEqual([
        ['bir.pdf', 'upload-1'],
        ['iki.pdf', 'upload-2'],
      ]);
    } finally {
      await page.close();
    }
  });
});

describe('outlookAdapter.findComposes on a broken compose form', () => {
  it('turns the compose action off by naming the Send selector, and the page keeps working', async () => {
    const page = await open(renderOutlookCompose({ messages: [{ from: ME, to: [ALIYEV], attachments: [{ att: 'att-draft', name: 'layihə.pdf', mimeType: 'application/pdf' }] }], variant: 'broken' }), '/outlook/mail/deeplink/compose');
    try {
      expect(await featureError(page, '(a) => a.findComposes(document)')).toEqual({ feature: 'compose-send-for-signing', selectorId: 'outlook.compose-send', name: 'FeatureUnavailable' });
      // A page without any compose editor has no compose and nothing is off.
      expect(await page.evaluate(() => (window as any).__outlook.adapter.findComposes(document.querySelector('[role=navigation]')).length)).toBe(0);
      expect((page as unknown as { pageErrors: string[] }).pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('OUTLOOK_SELECTORS against the replicas', () => {
  it('every alternative matches some replica, and every first alternative matches the current ones', async () => {
    const fixtures: [string, string, string][] = [];
    for (const variant of ['current', 'older', 'broken'] as const) {
      fixtures.push([`reading-${variant}`, renderOutlookReading({ messages: THREAD, variant }), '/outlook/mail/inbox/id/conv-thread']);
      fixtures.push([`compose-${variant}`, renderOutlookCompose({ messages: THREAD, variant }), '/outlook/mail/deeplink/compose']);
    }
    const matched = new Map<string, string[]>();
    for (const [label, html, path] of fixtures) {
      const page = await open(html, path);
      try {
        const counts: number[][] = await page.evaluate(
          (specs) => specs.map((alternatives) => alternatives.map((css) => document.querySelectorAll(css).length)),
          OUTLOOK_SELECTORS.map((spec) => spec.alternatives.map((a) => a.css)),
        );
        OUTLOOK_SELECTORS.forEach((spec, i) =>
          spec.alternatives.forEach((_, j) => {
            if (counts[i]![j]! > 0) matched.set(`${spec.id}[${j}]`, [...(matched.get(`${spec.id}[${j}]`) ?? []), label]);
          }),
        );
      } finally {
        await page.close();
      }
    }
    const unmatched = OUTLOOK_SELECTORS.flatMap((spec) => spec.alternatives.map((_, j) => `${spec.id}[${j}]`)).filter((key) => !matched.has(key));
    expect(unmatched).toEqual([]);
    const firstNotCurrent = OUTLOOK_SELECTORS.filter((spec) => !(matched.get(`${spec.id}[0]`) ?? []).some((l) => l.endsWith('-current'))).map((s) => s.id);
    expect(firstNotCurrent).toEqual([]);
  });
});
