/** Entry of the initiator's page script (`/p/{id}/{token}`). */
import { render } from 'preact';
import { PAGE_CONFIG_ELEMENT_ID } from '../page-config.js';
import { ProcessApp, type ProcessPageConfig } from './app.js';

const config = JSON.parse(document.getElementById(PAGE_CONFIG_ELEMENT_ID)?.textContent ?? '{}') as ProcessPageConfig;
const root = document.getElementById('app');
if (root) render(<ProcessApp config={config} />, root);
