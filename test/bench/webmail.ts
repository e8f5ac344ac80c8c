/**
 * BENCH_ONLY=webmail: the webmail runtime's cost in a big Gmail replica thread (50 messages, 100 attachments) in
 * Chromium with the TEST build (extension/.output-test/chrome-mv3: `IMZALA_TEST_BUILD=1 npx wxt build extension`):
 * (a) the synchronous time per mutation batch (the runtime's own counters, performance.now, read through CDP in the
 * content script's isolated world) while the page replaces the whole thread and adds single messages, against the aim
 * of < 2 ms per batch on average; (b) the tab's JS heap after the same work with and without the extension (after a
 * forced GC), against the aim of <= 5 MB added. Badge checks run async outside the batches and are not in (a).
 * Never part of the test suite (times depend on the machine).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { renderGmailThread } from '../fixtures/webmail/gmail.js';
import { launchBrowser } from '../support/browser.js';
import { startWebmailReplicaServer, type ReplicaAttachment } from '../support/webmail-replica-server.js';

const ROOT = [resolve(import.meta.dirname, '../..'), resolve(import.meta.dirname, '../../..')].find((d) => existsSync(join(d, 'package.json')))!;
export const TEST_EXTENSION_OUT = join(ROOT, 'extension/.output-test/chrome-mv3');
const BATCH_TARGET_MS = 2;
const HEAP_TARGET_BYTES = 5 * 1024 * 1024;
const MESSAGES = 50;
const ROUNDS = Number(process.env.BENCH_RUNS ?? 30);

export interface WebmailBenchRow {
  what: string;
  value: number;
  unit: 'ms' | 'bytes' | 'count';
  extra?: string;
  target?: string;
  meetsTarget?: boolean;
  note?: string;
}

interface Stats {
  batches: number;
  totalMs: number;
  maxMs: number;
  adapterMs: number;
  skippedBatches: number;
  attachments: number;
  checksStarted: number;
  checksDone: number;
  errors: number;
}

function thread() {
  const kinds = [
    { ext: 'pdf', mimeType: 'application/pdf' },
    { ext: 'docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  ];
  const attachments: Record<string, ReplicaAttachment> = {};
  const messages = Array.from({ length: MESSAGES }, (_, m) => ({
    from: { name: `Göndərən ${m}`, email: `sender${m}@example.az` },
    to: [{ name: 'Mən', email: 'me@example.az' }],
    attachments: kinds.map((kind, k) => {
      const att = `0.${m + 1}.${k + 1}`;
      const name = `sənəd-${m}-${k}.${kind.ext}`;
      attachments[att] = { name, mimeType: kind.mimeType, bytes: new TextEncoder().encode(`%PDF-1.7 not really, ${name}`) };
      return { att, name, mimeType: kind.mimeType };
    }),
  }));
  return { attachments, html: renderGmailThread({ messages, variant: 'current' }) };
}

/** The content script's isolated world of the extension on `page`. */
async function isolatedWorld(page: Page, extensionId: string): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await page.createCDPSession();
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`);
  if (!world) throw new Error(`no content script world on ${page.url()}`);
  return { cdp, contextId: world.id };
}

async function readStats(world: { cdp: CDPSession; contextId: number }): Promise<Stats | null> {
  const { result } = await world.cdp.send('Runtime.evaluate', { contextId: world.contextId, expression: 'JSON.stringify(globalThis.__imzalaWebmailStats ?? null)', returnByValue: true });
  return JSON.parse(result.value as string) as Stats | null;
}

/** Replaces the whole thread ROUNDS times, one observer delivery each. */
function replaceThread(page: Page): Promise<void> {
  return page.evaluate(async (rounds) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const messages = [...document.querySelectorAll('div.adn')];
    const area = messages[0]?.parentElement ?? document.body;
    const html = messages.map((m) => m.outerHTML).join('');
    for (let i = 0; i < rounds; i++) {
      area.innerHTML = html;
      await frame();
    }
  }, ROUNDS);
}

/** Adds ROUNDS single messages (copies of the first), one observer delivery each. */
function addMessages(page: Page): Promise<void> {
  return page.evaluate(async (rounds) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const message = document.querySelector('div.adn');
    const area = message?.parentElement ?? document.body;
    const one = message?.outerHTML ?? '<div></div>';
    for (let i = 0; i < rounds; i++) {
      area.insertAdjacentHTML('beforeend', one);
      await frame();
    }
  }, ROUNDS);
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function measure(withExtension: boolean, url: string): Promise<{ heap: number; replace?: Stats; add?: Stats; initial?: Stats }> {
  const tb = await launchBrowser(withExtension ? { extension: TEST_EXTENSION_OUT } : {});
  try {
    const page = await tb.newPage();
    await page.goto(url, { waitUntil: 'load' });
    if (!withExtension) {
      await replaceThread(page);
      await addMessages(page);
      return { heap: await heapAfterGc(page) };
    }
    await page.waitForFunction((n) => document.querySelectorAll('.imzala-actions').length >= n, { timeout: 30_000 }, MESSAGES * 2);
    const world = await isolatedWorld(page, tb.extensionId!);
    const initial = (await readStats(world))!;
    // Replace-phase and add-phase counters, by difference.
    const before = initial;
    await replaceThread(page);
    const afterReplace = (await readStats(world))!;
    await addMessages(page);
    const afterAdd = (await readStats(world))!;
    const diff = (a: Stats, b: Stats): Stats => ({
      batches: b.batches - a.batches,
      totalMs: b.totalMs - a.totalMs,
      maxMs: b.maxMs,
      adapterMs: b.adapterMs - a.adapterMs,
      skippedBatches: b.skippedBatches - a.skippedBatches,
      attachments: b.attachments - a.attachments,
      checksStarted: b.checksStarted - a.checksStarted,
      checksDone: b.checksDone - a.checksDone,
      errors: b.errors - a.errors,
    });
    await world.cdp.detach();
    return { heap: await heapAfterGc(page), initial, replace: diff(before, afterReplace), add: diff(afterReplace, afterAdd) };
  } finally {
    await tb.close();
  }
}

export async function runWebmailBench(): Promise<WebmailBenchRow[]> {
  const rows: WebmailBenchRow[] = [];
  if (!existsSync(join(TEST_EXTENSION_OUT, 'manifest.json'))) {
    rows.push({ what: 'webmail runtime', value: 0, unit: 'ms', note: 'extension/.output-test is missing: IMZALA_TEST_BUILD=1 npx wxt build extension' });
  } else {
    const { attachments, html } = thread();
    const server = await startWebmailReplicaServer({ attachments, gmail: html });
    try {
      const without = await measure(false, server.gmailUrl);
      const withExt = await measure(true, server.gmailUrl);
      const perBatch = (s: Stats) => (s.batches > 0 ? s.totalMs / s.batches : 0);
      rows.push({ what: `initial scan (${MESSAGES} messages, ${withExt.initial!.attachments} attachments)`, value: withExt.initial!.totalMs / Math.max(1, withExt.initial!.batches), unit: 'ms', extra: `${withExt.initial!.batches} batches, adapter ${withExt.initial!.adapterMs.toFixed(2)} ms` });
      for (const [label, s] of [
        [`replace the whole thread x${ROUNDS}`, withExt.replace!],
        [`add one message x${ROUNDS}`, withExt.add!],
      ] as const) {
        const avg = perBatch(s);
        rows.push({ what: label, value: avg, unit: 'ms', extra: `${s.batches} batches (${s.skippedBatches} without page content skipped), max ${s.maxMs.toFixed(2)} ms so far, ${s.attachments} attachments, adapter ${s.totalMs > 0 ? Math.round((100 * s.adapterMs) / s.totalMs) : 0}% of the time`, target: `< ${BATCH_TARGET_MS} ms avg`, meetsTarget: avg < BATCH_TARGET_MS });
      }
      const added = withExt.heap - without.heap;
      rows.push({ what: 'JS heap added by the extension (after GC)', value: added, unit: 'bytes', extra: `${without.heap} B without, ${withExt.heap} B with`, target: `<= ${HEAP_TARGET_BYTES} B`, meetsTarget: added <= HEAP_TARGET_BYTES });
    } finally {
      await server.close();
    }
  }
  const fmt = (r: WebmailBenchRow) =>
    r.note && r.value === 0
      ? `| ${r.what} | — | | | ${r.note} |`
      : `| ${r.what} | ${r.unit === 'ms' ? `${r.value.toFixed(3)} ms` : `${r.value} B`} | ${r.extra ?? ''} | ${r.target ? `${r.target}: ${r.meetsTarget ? 'yes' : 'NO'}` : ''} | ${r.note ?? ''} |`;
  const table = ['| what | value | more | target | note |', '|---|---|---|---|---|', ...rows.map(fmt)].join('\n');
  console.log(table);
  const out = join(ROOT, 'test/bench/out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'webmail.json'), JSON.stringify({ machine: { node: process.version }, rows }, null, 2) + '\n');
  writeFileSync(join(out, 'webmail.md'), table + '\n');
  return rows;
}

// `npx tsx test/bench/webmail.ts` runs it alone (run.ts imports it for BENCH_ONLY=webmail).
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await runWebmailBench();
