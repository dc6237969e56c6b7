// COMMUNITY: integrations look a person up among the installation's members before AddLead and
// create nothing when one exists (NOTES.md 4.2). Leadgate looks up to name the member in the
// delivery; a lookup that fails gates nothing. OData collections live under /Api/v2.1/odata
// (FACT, the vendor's KB example) and /Api/v2.2/odata (COMMUNITY, this lookup).
import * as v from 'valibot';

export const MEMBERS_PATH = '/Api/v2.2/odata/Members';

/** An OData string literal: single quotes around it, each quote inside doubled. */
export function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The lookup of one email among the members who are not deleted, URL-encoded (a `+` in an
 * email would otherwise arrive as a space, an `&` end the filter). Quotes are encoded too, as
 * `fetch` would encode them in a query anyway: the URL built is the URL sent.
 *
 * @example
 * memberLookupUrl('https://city.perfectgym.com', "o'neil@example.com")
 * // "https://city.perfectgym.com/Api/v2.2/odata/Members?$filter=email%20eq%20%27o%27%27neil%40example.com%27%20and%20isDeleted%20eq%20false"
 */
export function memberLookupUrl(baseUrl: string, email: string): string {
  const filter = `email eq ${odataString(email)} and isDeleted eq false`;
  return `${baseUrl}${MEMBERS_PATH}?$filter=${encodeURIComponent(filter).replaceAll("'", '%27')}`;
}

/** An OData entity's key: COMMUNITY, a number (`"id": 3001`); a string is read too. */
export const EntityIdSchema = v.union([v.pipe(v.number(), v.safeInteger()), v.pipe(v.string(), v.minLength(1))]);

/** COMMUNITY: an OData collection answer, `{ "value": [ … ] }`, each member with its `id`. */
export const MembersAnswerSchema = v.object({ value: v.array(v.looseObject({ id: EntityIdSchema })) });
