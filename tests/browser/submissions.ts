import type { Page } from 'playwright-core';

/** An email no earlier test run has used. */
export const unique = (name: string) => `${name}.${Date.now()}.${Math.random().toString(36).slice(2, 7)}@example.com`;

/** The Idempotency-Key of every lead POST the page makes, in order. */
export function watchSubmissions(page: Page): string[] {
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/leads')) keys.push(request.headers()['idempotency-key'] ?? '');
  });
  return keys;
}

type Scope = Pick<Page, 'getByLabel' | 'getByRole'>;

const WORDS = {
  de: { first: /^Vorname/, last: /^Nachname/, email: /^E-Mail/, phone: /^Telefon/, no: 'Nein', privacy: /Datenschutzerklärung/ },
  en: { first: /^First name/, last: /^Last name/, email: /^Email/, phone: /^Phone/, no: 'No', privacy: /privacy policy/ },
} as const;

/**
 * Fills what a PerfectGym demo-gym form requires (names, email, phone, the
 * health question, privacy), in a page or a frame, in German or English.
 */
export async function fillTrialForm(scope: Scope, email: string, locale: keyof typeof WORDS = 'de', lastName = 'Musterfrau'): Promise<void> {
  const words = WORDS[locale];
  await scope.getByLabel(words.first).fill('Erika');
  await scope.getByLabel(words.last).fill(lastName);
  await scope.getByLabel(words.email).fill(email);
  await scope.getByLabel(words.phone).fill('+49 40 1234567');
  await scope
    .getByRole('group', { name: /Do you have health issues/ })
    .getByLabel(words.no)
    .check();
  await scope.getByLabel(words.privacy).first().check();
}
