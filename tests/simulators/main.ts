// `npm run simulators`: the vendor simulators alone, with the API keys and client credentials from .dev.vars.
import { readDevVars } from '../stack/dev-vars';
import { startSimulators, TURNSTILE_SIMULATOR_PORT } from './serve';

function numberArg(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}
const port = numberArg('--port');
const virtuagymPort = numberArg('--virtuagym-port');
const connectPort = numberArg('--connect-port');
const crmPort = numberArg('--crm-port');
const perfectgymClassicPort = numberArg('--perfectgym-classic-port');
const turnstilePort = numberArg('--turnstile-port') ?? TURNSTILE_SIMULATOR_PORT;

try {
  const sims = await startSimulators({
    apiKeys: readDevVars(),
    ...(port === undefined ? {} : { port }),
    ...(virtuagymPort === undefined ? {} : { virtuagymPort }),
    ...(connectPort === undefined ? {} : { connectPort }),
    ...(crmPort === undefined ? {} : { crmPort }),
    ...(perfectgymClassicPort === undefined ? {} : { perfectgymClassicPort }),
    turnstilePort,
  });
  console.log(`PerfectGym Next / Magicline Open API simulator: ${sims.url}  (tenant base URL: ${sims.url}/<tenant>/v1)`);
  console.log(
    `Virtuagym v3 simulator: ${sims.virtuagymUrl}  (token: ${sims.virtuagymUrl}/auth/realms/virtuagym/protocol/openid-connect/token, leads: ${sims.virtuagymUrl}/v3/clubs/<club_id>/leads)`,
  );
  console.log(
    `Magicline Connect API simulator: ${sims.connectUrl}  (tenant base URL: ${sims.connectUrl}/<tenant>, e.g. ${sims.connectUrl}/connectdemo/connect/v2/studio)`,
  );
  console.log(`Intercode SaaS Kit CRM simulator: ${sims.crmUrl}  (instance base URL: ${sims.crmUrl}/<instance>, e.g. ${sims.crmUrl}/gym-crm/leads)`);
  console.log(
    `PerfectGym Classic simulator: ${sims.perfectgymClassicUrl}  (installation base URL: ${sims.perfectgymClassicUrl}/<subdomain>, e.g. ${sims.perfectgymClassicUrl}/ironharbor/Api/v2.1/Crm2/AddLead)`,
  );
  console.log(
    `Cloudflare Turnstile simulator: ${sims.turnstileUrl}  (script: ${sims.turnstileUrl}/turnstile/v0/api.js, siteverify: ${sims.turnstileUrl}/turnstile/v0/siteverify)`,
  );
  const stop = () => {
    void sims.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`simulators: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
