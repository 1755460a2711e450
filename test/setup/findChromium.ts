import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Where people have a Chromium-family browser, in the order they are tried after `CHROME_PATH`. */
export const CHROMIUM_LOCATIONS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
  join(homedir(), 'Applications/Chromium.app/Contents/MacOS/Chromium'),
];

/** A browser Playwright has already downloaded (playwright-core names the path whether or not it is there). */
const playwrightChromium = (): string | undefined => {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
};

/**
 * The Chromium-family browser to check the report in: `CHROME_PATH` when set, then the usual install locations on
 * Linux and macOS, then a browser Playwright downloaded; undefined when there is none.
 */
export const findChromium = (
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): string | undefined => {
  if (env.CHROME_PATH) return exists(env.CHROME_PATH) ? env.CHROME_PATH : undefined;
  return [...CHROMIUM_LOCATIONS, playwrightChromium()].find(
    (path): path is string => path !== undefined && exists(path),
  );
};

export const NO_BROWSER_MESSAGE =
  'The report email was NOT checked in a browser: no Chromium, Chrome or Playwright browser was found. Set CHROME_PATH to one, or install one (Debian: apt-get install chromium).';
