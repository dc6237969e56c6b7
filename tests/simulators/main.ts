// `npm run simulators`: every vendor simulator alone, with the secrets from .dev.vars.
// `--<name>-port <port>` moves one off its fixed port (0: any free port), e.g. `--virtuagym-port 0`.
import { readDevVars } from '../../scripts/dev-vars';
import { SIMULATORS } from './simulators';
import { startSimulators } from './start-simulators';

function portArg(name: string): number | undefined {
  const index = process.argv.indexOf(`--${name}-port`);
  return index === -1 ? undefined : Number(process.argv[index + 1]);
}
const ports = Object.fromEntries(
  SIMULATORS.flatMap(({ name }) => {
    const port = portArg(name);
    return port === undefined ? [] : [[name, port]];
  }),
);

try {
  const sims = await startSimulators({ secrets: readDevVars(), ports });
  for (const { name, title, example } of SIMULATORS) {
    const url = sims.urls[name];
    console.log(`${title}: ${url}  (e.g. ${url}${example}, request log: ${url}/__sim/requests)`);
  }
  const stop = () => {
    void sims.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`simulators: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
