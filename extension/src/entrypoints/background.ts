import { installBackgroundBridge } from '../lib/background-bridge.js';

export default defineBackground(() => {
  installBackgroundBridge();
});
