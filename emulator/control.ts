/**
 * The control API under /_emulator/: never reachable through the signed API paths (those are
 * POST / with an action header). JSON in, JSON out.
 *
 *   GET  /_emulator/health                  {ok: true}
 *   POST /_emulator/reset                   forget instances, counts, log, faults; settings back to start
 *   GET  /_emulator/instances[?service=cvm] the instance table, transitions applied
 *   POST /_emulator/instances/:id           out-of-band change: {name?, state?, tags?, publicIps?}
 *   DELETE /_emulator/instances/:id         out-of-band removal
 *   GET  /_emulator/calls                   per-action counts {"cvm.RunInstances": {calls, throttled, failed}}
 *   GET  /_emulator/log[?service=&action=]  the request log, secrets redacted
 *   GET|POST /_emulator/settings            timing, rate limits, quotas
 *   POST /_emulator/clock                   {advanceMs}: move the emulator's clock forward
 *   GET|POST|DELETE /_emulator/faults       call faults (error code, latency, dropped connection)
 *   POST /_emulator/instance-faults         launch failures, stuck PENDING, describe lag, out of stock,
 *                                           failed operations
 *   GET|POST /_emulator/catalogue           read or extend the catalogue
 *   POST /_emulator/credentials             {secretId, secretKey}: accept another key pair
 */
import type http from "node:http";
import type { World } from "./world";
import type { InstanceService } from "./instance";
import type { Settings } from "./settings";
import { Fault, InstanceFaults, noInstanceFaults } from "./faults";
import { extendCatalogue } from "./catalogue";
import { sendJson } from "./http";
import { SERVICE_NAMES } from "./services";

export function handleControl(
  world: World,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  body: Buffer,
) {
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/^\/_emulator\/?/, "").replace(/\/$/, "");
  let input: Record<string, unknown> = {};
  try {
    input = body.length ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {};
  } catch {
    return sendJson(res, 400, { error: "body is not valid JSON" });
  }
  const ok = (payload: unknown = { ok: true }) => sendJson(res, 200, payload);
  const [head, arg] = path.split("/");

  switch (`${method} ${head}`) {
    case "GET health":
    case "GET ":
      return ok({ ok: true, services: SERVICE_NAMES });
    case "POST reset":
      world.reset();
      return ok();
    case "GET instances": {
      const service = url.searchParams.get("service");
      const all = [...world.instances.values()].filter((i) => world.advance(i));
      return ok({ instances: all.filter((i) => !service || i.service === service) });
    }
    case "POST instances": {
      const inst = world.get(arg ?? "");
      if (!inst) return sendJson(res, 404, { error: `no instance ${arg}` });
      if (typeof input.name === "string") inst.name = input.name;
      if (typeof input.state === "string") {
        inst.state = input.state;
        inst.next = undefined;
      }
      if (input.tags && typeof input.tags === "object") inst.tags = input.tags as Record<string, string>;
      if (Array.isArray(input.publicIps)) inst.publicIps = input.publicIps as string[];
      return ok({ instance: inst });
    }
    case "DELETE instances":
      world.instances.delete(arg ?? "");
      return ok();
    case "GET calls":
      return ok({ calls: Object.fromEntries(world.counts) });
    case "GET log": {
      const service = url.searchParams.get("service");
      const action = url.searchParams.get("action");
      return ok({
        log: world.log.filter((e) => (!service || e.service === service) && (!action || e.action === action)),
      });
    }
    case "GET settings":
      return ok({ settings: world.settings });
    case "POST settings":
      world.settings = { ...world.settings, ...(input as Partial<Settings>) };
      return ok({ settings: world.settings });
    case "POST clock":
      world.advanceClock(Number(input.advanceMs ?? 0));
      return ok({ now: world.now() });
    case "GET faults":
      return ok({ faults: world.faults, instanceFaults: world.instanceFaults });
    case "POST faults":
      return ok({ fault: world.addFault({ service: "*", action: "*", ...(input as Partial<Fault>) }) });
    case "DELETE faults":
      world.faults = [];
      world.instanceFaults = noInstanceFaults();
      return ok();
    case "POST instance-faults": {
      const f = input as Partial<InstanceFaults>;
      for (const key of ["launchFailures", "stuckPending", "describeLag", "operationFailures"] as const) {
        for (const [svc, n] of Object.entries(f[key] ?? {})) {
          world.instanceFaults[key][svc as InstanceService] = n as number;
        }
      }
      if (Array.isArray(f.outOfStock)) world.instanceFaults.outOfStock.push(...f.outOfStock);
      return ok({ instanceFaults: world.instanceFaults });
    }
    case "GET catalogue":
      return ok({ catalogue: world.catalogue });
    case "POST catalogue":
      extendCatalogue(world.catalogue, input);
      return ok({ catalogue: world.catalogue });
    case "POST credentials":
      if (typeof input.secretId !== "string" || typeof input.secretKey !== "string") {
        return sendJson(res, 400, { error: "secretId and secretKey are required" });
      }
      world.credentials.set(input.secretId, input.secretKey);
      return ok();
  }
  return sendJson(res, 404, { error: `no control route ${method} /_emulator/${path}` });
}
