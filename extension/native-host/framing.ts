/**
 * Native messaging frames: a 32-bit little-endian length, then that many bytes of UTF-8 JSON. The host reads exactly
 * one message (one command per connection) and writes at most two (hello, answer).
 */
import type { Readable, Writable } from 'node:stream';
import { NATIVE_MESSAGE_LIMIT } from '../../core/protocol/native.js';
import { HostError } from './host-error.js';

/** Reads one framed JSON message. Returns null when the stream ends before a whole message (the browser went away). */
export async function readMessage(input: Readable, limit = NATIVE_MESSAGE_LIMIT): Promise<unknown | null> {
  const chunks: Buffer[] = [];
  let have = 0;
  let length = -1;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    chunks.push(bytes);
    have += bytes.length;
    if (length < 0 && have >= 4) {
      length = Buffer.concat(chunks).readUInt32LE(0);
      // Refuse before reading the body: a hostile or broken sender must not make us hold 4 GB.
      if (length > limit) throw new HostError('MESSAGE_TOO_LARGE', `message of ${length} bytes, limit ${limit}`, { length, limit });
    }
    if (length >= 0 && have >= 4 + length) {
      const body = Buffer.concat(chunks).subarray(4, 4 + length);
      return parseBody(body);
    }
  }
  return null;
}

function parseBody(body: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new HostError('INVALID_REQUEST', 'the message is not UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new HostError('INVALID_REQUEST', 'the message is not JSON');
  }
}

/** Encodes one message as a frame; refuses one larger than the browser accepts from a host (1 MiB). */
export function encodeMessage(value: unknown, limit = NATIVE_MESSAGE_LIMIT): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  if (body.length > limit) throw new HostError('MESSAGE_TOO_LARGE', `answer of ${body.length} bytes, limit ${limit}`, { length: body.length, limit });
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}

/** Writes one framed message and waits until it is handed to the OS. */
export function writeMessage(output: Writable, value: unknown, limit = NATIVE_MESSAGE_LIMIT): Promise<void> {
  const frame = encodeMessage(value, limit);
  return new Promise((resolve, reject) => {
    output.write(frame, (error) => (error ? reject(error) : resolve()));
  });
}
