import type { CrmSessionSource, LoginRequest } from './crm-session';
import type { CrmSessionBroker } from './crm-session-broker';

/** Sessions for one CRM and service account from their broker, the Durable Object that single-flights the login. */
export function brokerSessionSource(brokers: DurableObjectNamespace<CrmSessionBroker>, request: LoginRequest): CrmSessionSource {
  const broker = brokers.get(brokers.idFromName(`${request.baseUrl}|${request.email}`));
  return {
    get: () => broker.getSession(request),
    refresh: (refused) => broker.getSession(request, refused),
  };
}
