/** Tencent Cloud availability zones are named after their region: "ap-guangzhou-3" is in "ap-guangzhou". */
export function regionOfZone(zone: string): string {
  return zone.replace(/-\d+$/, "");
}
