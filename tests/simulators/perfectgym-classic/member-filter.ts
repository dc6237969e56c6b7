/** The one `$filter` shape the Members set answers here. */
export interface MemberFilter {
  readonly email: string;
  readonly isDeleted?: boolean;
}

// COMMUNITY: `email eq '<email>' and isDeleted eq false`, the lookup integrations run before AddLead.
// FACT (OData v4 ABNF): a string literal is quoted with ', a ' inside is written ''; keywords and
// property names are case-sensitive; whitespace is spaces or tabs.
const FILTER = /^email[ \t]+eq[ \t]+'((?:[^']|'')*)'(?:[ \t]+and[ \t]+isDeleted[ \t]+eq[ \t]+(true|false))?$/;

/**
 * The filter's values, or undefined for any other filter. GUESS (strict): the real service
 * takes any OData expression; this one knows only the lookup, so a filter the adapter does not
 * send fails loudly instead of matching something by accident.
 *
 * @example
 * parseMemberFilter("email eq 'o''neil@example.ie' and isDeleted eq false")
 * // { email: "o'neil@example.ie", isDeleted: false }
 */
export function parseMemberFilter(filter: string): MemberFilter | undefined {
  const match = FILTER.exec(filter.trim());
  if (!match) return undefined;
  const email = match[1]!.replaceAll("''", "'");
  return match[2] === undefined ? { email } : { email, isDeleted: match[2] === 'true' };
}
