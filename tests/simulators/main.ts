// `npm run simulators`: the vendor simulators alone, with the API keys from .dev.vars.
import { readDevVars } from '../stack/dev-vars';
import { startSimulators } from './serve';

const portArg = process.argv.indexOf('--port');
const port = portArg === -1 ? undefined : Number(process.argv[portArg + 1]);

try {
  const sims = await startSimulators({ apiKeys: readDevVars(), ...(port === undefined ? {} : { port }) });
  console.log(`PerfectGym Next / Magicline Open API simulator: ${sims.url}  (tenant base URL: ${sims.url}/<tenant>/v1)`);
  const stop = () => {
    void sims.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`simulators: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
