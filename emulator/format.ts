/** How the clouds write times and tags in their answers. */

/** ISO 8601 in UTC without milliseconds: "2020-03-10T02:43:51Z" (CVM CreatedTime, SWAS CreationTime). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** "YYYY-MM-DD HH:MM:SS" in Beijing time, as ECM and HAI format times. */
export function beijingTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace("T", " ").slice(0, 19);
}

/** Tags as the APIs list them: [{Key, Value}]. */
export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
