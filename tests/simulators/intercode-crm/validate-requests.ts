import type { DtoRules } from './class-validator-rules';
import { each, isArray, isNotEmpty, isNumber, isOneOf, isString, validateDto } from './class-validator-rules';

// The bodies of the smaller lead routes, checked as the kit's ValidationPipe would.

// GUESS: the page marks `ids` of archive and restore "Optional", but neither can do anything without them.
const IDS: DtoRules = { ids: { constraints: [isArray, each(isNumber)] } };
// FACT: both required.
const CHANGE_STATUS: DtoRules = { ids: { constraints: [isArray, each(isNumber)] }, statusId: { constraints: [isNumber] } };
// FACT: `content` is "Optional".
const COMMENT: DtoRules = { content: { optional: true, constraints: [isString] } };

/** `PATCH /leads/archive|restore`: the ids, or the 400's messages. */
export function validateIds(body: unknown): { ids: number[] } | string[] {
  const messages = validateDto(body, IDS);
  return messages.length > 0 ? messages : { ids: (body as { ids: number[] }).ids };
}

/** `PUT /leads/change-status`. */
export function validateChangeStatus(body: unknown): { ids: number[]; statusId: number } | string[] {
  const messages = validateDto(body, CHANGE_STATUS);
  return messages.length > 0 ? messages : (body as { ids: number[]; statusId: number });
}

/** `POST /leads/comments/:id`; GUESS: a comment sent without content is stored empty. */
export function validateComment(body: unknown): { content: string } | string[] {
  const messages = validateDto(body, COMMENT);
  return messages.length > 0 ? messages : { content: (body as { content?: string | null }).content ?? '' };
}

/** `POST /leads/status`: FACT both required; the page lists no colours, the installation's `colors` are the enum. */
export function validateNewStatus(body: unknown, colors: readonly string[]): { name: string; primaryColor: string } | string[] {
  const rules: DtoRules = { name: { constraints: [isNotEmpty, isString] }, primaryColor: { constraints: [isOneOf(colors)] } };
  const messages = validateDto(body, rules);
  return messages.length > 0 ? messages : (body as { name: string; primaryColor: string });
}
