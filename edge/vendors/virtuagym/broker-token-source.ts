import type { TokenRequest, TokenSource } from './token-request';
import type { VirtuagymTokenBroker } from './virtuagym-token-broker';

/** Tokens for one club and client from their broker, the Durable Object that single-flights them. */
export function brokerTokenSource(brokers: DurableObjectNamespace<VirtuagymTokenBroker>, request: TokenRequest): TokenSource {
  const broker = brokers.get(brokers.idFromName(`${request.tokenUrl}|${request.clubId}|${request.clientId}`));
  return {
    get: () => broker.getToken(request),
    refresh: (refused) => broker.getToken(request, refused),
  };
}
