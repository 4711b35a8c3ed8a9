/** Debian's Chromium driven by playwright-core (its own browser download cannot reach these machines). */
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, ensureChromium } from './setup.js';

export async function launchChromium(): Promise<Browser> {
    return chromium.launch({ executablePath: ensureChromium(), args: chromiumArgs, headless: true });
}
