// What tests/global-setup.ts hands every test through vitest's `inject`.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    simulatorUrl: string;
    virtuagymUrl: string;
    connectUrl: string;
    crmUrl: string;
    turnstileUrl: string;
    perfectgymClassicUrl: string;
    workerUrl: string;
    hostUrl: string;
  }
}
