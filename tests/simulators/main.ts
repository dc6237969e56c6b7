// `npm run simulators`: the vendor simulators alone, with the API keys and client credentials from .dev.vars.
import { readDevVars } from '../stack/dev-vars';
import { startSimulators } from './serve';

function numberArg(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}
const port = numberArg('--port');
const virtuagymPort = numberArg('--virtuagym-port');

try {
  const sims = await startSimulators({
    apiKeys: readDevVars(),
    ...(port === undefined ? {} : { port }),
    ...(virtuagymPort === undefined ? {} : { virtuagymPort }),
  });
  console.log(`PerfectGym Next / Magicline Open API simulator: ${sims.url}  (tenant base URL: ${sims.url}/<tenant>/v1)`);
  console.log(
    `Virtuagym v3 simulator: ${sims.virtuagymUrl}  (token: ${sims.virtuagymUrl}/auth/realms/virtuagym/protocol/openid-connect/token, leads: ${sims.virtuagymUrl}/v3/clubs/<club_id>/leads)`,
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
