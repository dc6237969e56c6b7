import { FORM_TOKEN_SECRET, issueFormToken } from '../../edge/bot-check/form-token';
import { readDevVars } from './dev-vars';

/** A lead the demo-perfectgym form accepts (like edge/test-support.ts `perfectGymLead()`, from Node). */
export function demoLead(email: string) {
  return { firstName: 'Max', lastName: 'Mustermann', email, phone: '+49 30 1234567', custom: { '1246357243': false }, consent: { privacy: true } };
}

let formToken: Promise<string> | undefined;

/** A form token as the Worker issues it, a minute old (past the minimum fill time), signed with the local secret. */
function demoFormToken(): Promise<string> {
  formToken ??= issueFormToken(readDevVars()[FORM_TOKEN_SECRET] ?? '', 'demo-perfectgym', Date.now() - 60_000);
  return formToken;
}

/** POSTs a lead to a running Worker's demo-perfectgym form, as the widget on an allowed origin does. */
export async function postDemoLead(workerUrl: string, email: string, idempotencyKey: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${workerUrl}/v1/forms/demo-perfectgym/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({ lead: demoLead(email), proof: { formToken: await demoFormToken() } }),
    ...(signal ? { signal } : {}),
  });
}
