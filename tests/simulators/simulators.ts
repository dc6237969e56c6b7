import { accessEntry } from './access/access-entry';
import { echoEntry } from './echo/echo-entry';
import { intercodeCrmEntry } from './intercode-crm/intercode-crm-entry';
import { magiclineConnectEntry } from './magicline-connect/magicline-connect-entry';
import { perfectGymClassicEntry } from './perfectgym-classic/perfectgym-classic-entry';
import { perfectGymNextEntry } from './perfectgym-next/perfectgym-next-entry';
import type { SimulatorEntry } from './simulator-entry';
import { turnstileEntry } from './turnstile/turnstile-entry';
import { virtuagymEntry } from './virtuagym/virtuagym-entry';
import { webhookReceiverEntry } from './webhook-receiver/webhook-receiver-entry';

/**
 * Every vendor simulator `npm start`, `npm test`, `npm run simulators` and the benchmarks start.
 * Adding one = its folder exporting its entry, and one line here.
 */
export const SIMULATORS = [
  perfectGymNextEntry,
  virtuagymEntry,
  magiclineConnectEntry,
  intercodeCrmEntry,
  perfectGymClassicEntry,
  turnstileEntry,
  echoEntry,
  accessEntry,
  webhookReceiverEntry,
] as const satisfies readonly SimulatorEntry[];

export type SimulatorName = (typeof SIMULATORS)[number]['name'];

/** Each simulator's URL by its name, e.g. `urls['perfectgym-next']` is `http://127.0.0.1:8791`. */
export type SimulatorUrls = Readonly<Record<SimulatorName, string>>;
