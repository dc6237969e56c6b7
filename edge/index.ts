import { app } from './app';

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;

export { VirtuagymTokenBroker } from './vendors/virtuagym/virtuagym-token-broker';
