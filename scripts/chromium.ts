/**
 * Debian's Chromium as every headless use here launches it (end-to-end tests, the UI and print
 * benchmarks, icon rendering): its path (CHROMIUM_PATH overrides) and the flags this machine needs —
 * no sandbox as root, no GPU, and no background networking since the network is closed.
 */
export const CHROMIUM_PATH: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
