/** A lead the demo-perfectgym form accepts (like edge/test-support.ts `perfectGymLead()`, from Node). */
export function demoLead(email: string) {
  return { firstName: 'Max', lastName: 'Mustermann', email, phone: '+49 30 1234567', custom: { '1246357243': false }, consent: { privacy: true } };
}

/** POSTs a lead to a running Worker's demo-perfectgym form, as the widget on an allowed origin does. */
export function postDemoLead(workerUrl: string, email: string, idempotencyKey: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${workerUrl}/v1/forms/demo-perfectgym/leads`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: 'http://localhost:8800', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({ lead: demoLead(email) }),
    ...(signal ? { signal } : {}),
  });
}
