/**
 * Every emulated service, by cloud: what the server routes to (routing.ts). A new service is a
 * folder beside the others and one line here; services that share a version are listed in the
 * order the action decides between them when the endpoint names no service.
 */
import type { ServiceDefinition } from "./call";
import { cvm } from "./tencentcloud/cvm/service";
import { cbs } from "./tencentcloud/cbs/service";
import { ecm } from "./tencentcloud/ecm/service";
import { hai } from "./tencentcloud/hai/service";
import { tag } from "./tencentcloud/tag/service";
import { swas } from "./alicloud/swas/service";

export const TENCENT_SERVICES: readonly ServiceDefinition[] = [cvm, cbs, ecm, hai, tag];

export const ALIBABA_SERVICES: readonly ServiceDefinition[] = [swas];

export const SERVICE_NAMES = [...TENCENT_SERVICES, ...ALIBABA_SERVICES].map((s) => s.service);
