import { FORM_TOKEN_SECRET, issueFormToken } from '../../edge/bot-check/form-token';
import { readDevVars } from '../../scripts/dev-vars';

/** A lead the demo-perfectgym form accepts (like edge/test-support.ts `perfectGymLead()`, from Node). */
export function demoLead(email: string) {
  return { firstName: 'Max', lastName: 'Mustermann', email, phone: '+49 30 1234567', custom: { '1246357243': false }, consent: { privacy: true } };
}

let tokensIssued = 0;

/**
 * A form token as the Worker issues it, a minute old (past the minimum fill time), signed with the
 * local secret: a new one per lead, as each visitor's page load has, since a token's leads per hour are bounded.
 */
function formToken(formId: string): Promise<string> {
  return issueFormToken(readDevVars()[FORM_TOKEN_SECRET] ?? '', formId, Date.now() - 60_000 - (tokensIssued++ % 60_000));
}

/** POSTs a lead to a running Worker's form, as the widget on an allowed origin does (for forms without Turnstile). */
export async function postFormLead(workerUrl: string, formId: string, lead: unknown, idempotencyKey: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${workerUrl}/v1/forms/${formId}/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({ lead, proof: { formToken: await formToken(formId) } }),
    ...(signal ? { signal } : {}),
  });
}

/** POSTs a lead to a running Worker's demo-perfectgym form, as the widget on an allowed origin does. */
export function postDemoLead(workerUrl: string, email: string, idempotencyKey: string, signal?: AbortSignal): Promise<Response> {
  return postFormLead(workerUrl, 'demo-perfectgym', demoLead(email), idempotencyKey, signal);
}
