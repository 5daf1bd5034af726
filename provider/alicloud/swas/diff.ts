/**
 * SwasInstance diff: which argument changes are made in place, which are refused (refusals.ts),
 * and a replacement only when the user opts in.
 */
import { DiffResult, diffArgs } from "../../core/diff";
import type { Props } from "../../core/props";
import { knownRefusals, normalized } from "./refusals";
import { ARG_KEYS, IN_PLACE } from "./schema";

/**
 * Diff of the old outputs against the new inputs. A replacement is planned only when the user set
 * allowReplacement: true; otherwise a known change that cannot be made in place is an error (check
 * refuses it first), and an unknown one is planned as an update (the update refuses it if it turns
 * out to be a change).
 */
export function diffSwas(olds: Props, news: Props, downgrade = false): DiffResult {
  const { a, b } = normalized(olds, news);
  const d = diffArgs(a, b, ARG_KEYS as readonly string[], IN_PLACE);
  const refused = knownRefusals(olds, news, downgrade).map((r) => r.key);
  const allowed = news.allowReplacement === true;
  const unknownRefusable = d.replaces.filter((k) => !refused.includes(k));
  if (refused.length && !allowed) {
    throw new Error(
      `SwasInstance: ${knownRefusals(olds, news, downgrade)
        .map((r) => `${r.key}: ${r.reason}`)
        .join("; ")}`,
    );
  }
  const replaces = allowed ? [...new Set([...refused, ...unknownRefusable])] : [];
  const updates = [...new Set([...d.updates, ...(allowed ? [] : unknownRefusable)])].filter(
    (k) => !replaces.includes(k),
  );
  return { changes: replaces.length + updates.length > 0, replaces, updates, deleteBeforeReplace: false };
}
