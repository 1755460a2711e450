import { findChromium, NO_BROWSER_MESSAGE } from './findChromium.js';

/** The browser project's global setup: when no browser is found, the run ends saying the report went unchecked. */
export default function setup() {
  return () => {
    if (!findChromium()) console.warn(`\n${NO_BROWSER_MESSAGE}\n`);
  };
}
