import { describe, expect, it } from 'vitest';
import { CHROMIUM_LOCATIONS, findChromium } from '../../setup/findChromium.js';

const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path);

describe('findChromium', () => {
  it('takes CHROME_PATH first, when it exists', () => {
    expect(findChromium({ CHROME_PATH: '/opt/chrome' }, only('/opt/chrome', '/usr/bin/chromium'))).toBe(
      '/opt/chrome',
    );
  });

  it('finds nothing when CHROME_PATH names a missing file, rather than quietly checking another browser', () => {
    expect(findChromium({ CHROME_PATH: '/missing' }, only('/usr/bin/chromium'))).toBeUndefined();
  });

  it('finds Google Chrome on a Mac', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(CHROMIUM_LOCATIONS).toContain(mac);
    expect(findChromium({}, only(mac))).toBe(mac);
  });

  it('prefers Debian’s chromium to Chrome when both are there', () => {
    expect(findChromium({}, only('/usr/bin/google-chrome', '/usr/bin/chromium'))).toBe('/usr/bin/chromium');
  });

  it('finds nothing on a machine without a browser', () => {
    expect(findChromium({}, only())).toBeUndefined();
  });
});
