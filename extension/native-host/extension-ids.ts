/**
 * The only extensions allowed to start the host. The Chrome id comes from the public key in the manifest
 * (extension/keys/chrome-dev.pub.b64). The Chrome Web Store, Edge Add-ons and addons.mozilla.org ids are added here
 * when the extension is published (a store-signed Chrome build gets the store's id unless the key is kept).
 */
export const CHROME_EXTENSION_IDS: readonly string[] = ['iocoigakjbbnhenkjjcnnhinconhhebn'];
export const FIREFOX_EXTENSION_IDS: readonly string[] = ['imzala@imzala.az'];
