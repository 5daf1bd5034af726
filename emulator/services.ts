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
import { sts } from "./tencentcloud/sts/service";
import { swas } from "./alicloud/swas/service";
import { aliyunSts } from "./alicloud/sts/service";

export const TENCENT_SERVICES: readonly ServiceDefinition[] = [cvm, cbs, ecm, hai, tag, sts];

export const ALIBABA_SERVICES: readonly ServiceDefinition[] = [swas];

/** Alibaba Cloud STS: RPC with HMAC-SHA1 signatures in the query, over HTTPS (its own protocol). */
export const ALIBABA_STS: readonly ServiceDefinition[] = [aliyunSts];

export const SERVICE_NAMES = [...TENCENT_SERVICES, ...ALIBABA_SERVICES, ...ALIBABA_STS].map((s) => s.service);
