/** Entry of the /yoxla page's script: reads the server's JSON block and starts the app in #app. */
import { render } from 'preact';
import { PAGE_CONFIG_ELEMENT_ID, type PageConfig } from '../page-config.js';
import { App } from './app.js';

const config = JSON.parse(document.getElementById(PAGE_CONFIG_ELEMENT_ID)?.textContent ?? '{}') as PageConfig;
const root = document.getElementById('app');
if (root) render(<App config={config} />, root);
