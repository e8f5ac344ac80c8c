/**
 * Messages inside the extension (runtime.sendMessage): the content script's relay of page requests, and the `ui:*`
 * messages of the extension's own pages (popup, options, sign page, consent window).
 */
import type { BridgeError } from '../../../core/protocol/codes.js';
import type { SignRequestArgs } from '../../../core/protocol/native.js';
import type { PageRequest } from '../../../core/protocol/page.js';

/** Content script -> background, on load: may this page use the bridge? (The origin comes from the sender.) */
export interface PageHelloMessage { type: 'page:hello' }
export interface PageHelloAnswer { serviceOrigin: boolean }

/** Content script -> background: a page request, relayed as posted. */
export interface PageRequestMessage { type: 'page:request'; request: PageRequest }
export type RelayAnswer = { ok: true; result: unknown } | { ok: false; error: BridgeError };

export type UiMessage =
  | { type: 'ui:status' }
  | { type: 'ui:list-certificates' }
  | { type: 'ui:sign'; args: SignRequestArgs }
  | { type: 'ui:consent-answer'; requestId: string; allow: boolean };

export type RuntimeMessage = PageHelloMessage | PageRequestMessage | UiMessage;
