/**
 * Which service a call is for: routing by service and version together, since services of one
 * cloud share versions (Tencent Cloud CBS uses CVM's 2017-03-12, STS uses Tag's 2018-08-13).
 *
 * The service a request names, when it names one, wins: Tencent Cloud's SDK signs with the
 * endpoint's first label (cvm.tencentcloudapi.com signs "cvm"), so the Authorization scope names
 * the service. Through an IP endpoint, the one the emulator is reached by, the SDK signs "127"
 * and names no service; the action decides then, among the services of the version,
 * in the order they are listed (the first one's answer for an action none of them has).
 */
import type { ServiceDefinition } from "./call";

export type Route = { found: ServiceDefinition } | { noSuchVersion: true };

export function route(
  services: readonly ServiceDefinition[],
  call: { version: string; action: string; named?: string },
): Route {
  const ofVersion = services.filter((s) => s.version === call.version);
  const named = services.some((s) => s.service === call.named);
  const candidates = named ? ofVersion.filter((s) => s.service === call.named) : ofVersion;
  if (candidates.length === 0) return { noSuchVersion: true };
  return { found: candidates.find((s) => Object.hasOwn(s.handlers, call.action)) ?? candidates[0] };
}
