/** Entry of the /yeni page's script: reads the server's JSON block and starts the wizard in #app. */
import { render } from 'preact';
import { PAGE_CONFIG_ELEMENT_ID } from '../page-config.js';
import { Wizard, type WizardConfig } from './app.js';

const config = JSON.parse(document.getElementById(PAGE_CONFIG_ELEMENT_ID)?.textContent ?? '{}') as WizardConfig;
const root = document.getElementById('app');
if (root) render(<Wizard config={config} />, root);
