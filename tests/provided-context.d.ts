// What tests/global-setup.ts hands every test through vitest's `inject`.
import 'vitest';
import type { SimulatorUrls } from './simulators/simulators';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Each vendor simulator's URL by its name in `SIMULATORS`, e.g. `inject('simulators')['perfectgym-next']`. */
    simulators: SimulatorUrls;
    workerUrl: string;
    hostUrl: string;
  }
}
