/**
 * Whether this is the TEST build (`IMZALA_TEST_BUILD=1 npx wxt build extension` -> extension/.output-test): only then
 * do the adapters accept replica pages on http://localhost (Gmail replicas under /gmail/mail/u/0/, Outlook replicas
 * under /outlook/mail/) and does the webmail content script match localhost. wxt.config.ts sets the define; anything
 * that bundles this file without it (unit tests, rolldown) gets `false` unless it defines it too.
 */
declare const __IMZALA_TEST_BUILD__: boolean | undefined;

export const TEST_BUILD: boolean = typeof __IMZALA_TEST_BUILD__ !== 'undefined' && __IMZALA_TEST_BUILD__ === true;
