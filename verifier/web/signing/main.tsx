/** Entry of the signing page's script (`/s/{token}`): reads the server's JSON block and starts the page in #app. */
import { render } from 'preact';
import { PAGE_CONFIG_ELEMENT_ID } from '../page-config.js';
import { SigningApp, type SigningPageConfig } from './app.js';

const config = JSON.parse(document.getElementById(PAGE_CONFIG_ELEMENT_ID)?.textContent ?? '{}') as SigningPageConfig;
const root = document.getElementById('app');
if (root) render(<SigningApp config={config} />, root);
