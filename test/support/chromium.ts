import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium unless PLAINT_CHROMIUM names another build. */
const CHROMIUM = process.env.PLAINT_CHROMIUM ?? '/usr/bin/chromium';
/**
 * Headless, and quiet on the network: without the background-networking switches Chromium keeps
 * calling out to its vendor's hosts, which a closed test network refuses.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The headless Chromium every browser test drives. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
