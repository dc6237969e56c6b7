/** A positive number from a Worker var (wrangler.toml `[vars]` are strings), else `fallback`. */
export function positiveVar(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : fallback;
}
