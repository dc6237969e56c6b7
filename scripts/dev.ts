// `npm start`: the whole demo on 127.0.0.1 — vendor simulators, the demo's Worker in
// workerd (wrangler dev --env demo) serving the built widget and the demo gym pages.
import { execFileSync } from 'node:child_process';
import { accessSimulatorVars } from '../tests/simulators/access/access-team';
import { SIMULATORS } from '../tests/simulators/simulators';
import { startSimulators } from '../tests/simulators/start-simulators';
import { startLocalCron } from '../tests/stack/local-cron';
import { assertStackPortsFree, PORTS } from '../tests/stack/ports';
import { startWorker } from '../tests/stack/worker-process';
import { readDevVars } from './dev-vars';

const run = (script: string, ...args: string[]) => execFileSync('npx', ['tsx', script, ...args], { stdio: 'inherit' });

try {
  run('scripts/check-forms.ts', 'demo-forms.json');
  run('scripts/build-widget.ts');
  await assertStackPortsFree();
  const simulators = await startSimulators({ secrets: readDevVars() });
  // The demo's operators sign in with admin tokens or through the Access simulator, as a deployed Worker behind Access.
  // The demo's Worker-wide alert webhook: every form's alerts go to the local receiver, signed with
  // ALERT_WEBHOOK_SECRET from .dev.vars (README, "Alerts").
  const alertsUrl = `${simulators.urls['webhook-receiver']}/leadgate`;
  // The demo's Worker (wrangler.toml's env "demo"): the demo's forms and pages, which production never has.
  const worker = await startWorker({
    port: PORTS.worker,
    env: 'demo',
    inheritOutput: true,
    vars: { ...accessSimulatorVars(simulators.urls.access), ALERT_WEBHOOK_URL: alertsUrl },
  });
  const stopCron = startLocalCron(worker, (message) => console.error(message));
  const simulatorLines = SIMULATORS.map(({ name, title, example }) => {
    const url = simulators.urls[name];
    return `    ${`${title}:`.padEnd(35)}${url}${example}  (request log: ${url}/__sim/requests)`;
  });
  console.log(`
  Leadgate demo is running.
    Demo gym page (PerfectGym Next):   ${worker.url}/
    Demo page (Magicline Open API):    ${worker.url}/magicline-open.html
    Demo page (Virtuagym):             ${worker.url}/virtuagym.html
    Demo page (Magicline Connect):     ${worker.url}/magicline-connect.html?utm_campaign=ig-trial-week
    Demo page (self-hosted CRM):       ${worker.url}/crm.html
    Demo page (PerfectGym Classic):    ${worker.url}/perfectgym-classic.html
    Demo page (iframe embed):          ${worker.url}/iframe.html?utm_source=newsletter
    A form spec:                       ${worker.url}/v1/forms/demo-perfectgym
${simulatorLines.join('\n')}
    Deliveries (operator CLI):         npm run admin -- list demo-perfectgym
    Access sign-in (a token for Cf-Access-Jwt-Assertion): curl -X POST ${simulators.urls.access}/__sim/token
    Alerts (signed webhooks):          ${simulators.urls['webhook-receiver']}/__sim/requests  (npm run admin -- alerts test demo-perfectgym)
  Press Ctrl+C to stop.
`);
  const stop = async () => {
    stopCron();
    await worker.stop();
    await simulators.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
