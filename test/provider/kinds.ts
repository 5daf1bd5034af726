/**
 * The five resource kinds for the tests that run one case on each: the provider, its emulated
 * service and the smallest arguments that launch two instances.
 */
import { makeCvmProvider } from "../../provider/tencentcloud/cvm/provider";
import { makeCvmHourlyProvider } from "../../provider/tencentcloud/cvm-hourly/provider";
import { makeHaiProvider } from "../../provider/tencentcloud/hai/provider";
import { makeSwasProvider } from "../../provider/alicloud/swas/provider";
import type { Runtime } from "../../provider/core/context";

export type Props = Record<string, unknown>;

export interface ProviderKind {
  kind: string;
  service: "cvm" | "ecm" | "hai" | "swas";
  make(rt: Runtime): {
    check(o: Props, n: Props): Promise<{ inputs?: Props; failures?: unknown[] }>;
    create(i: Props): Promise<{ id: string; outs?: Props }>;
    read(id: string, p: Props): Promise<{ id?: string; props?: Props }>;
    delete(id: string, p: Props): Promise<void>;
  };
  inputs: Props;
}

/** Two instances of each kind but ECM, whose instances are counted per zone (each test gives its own). */
export const TWO = {
  CvmInstance: {
    kind: "CvmInstance",
    service: "cvm",
    make: makeCvmProvider,
    inputs: { placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7", instanceCount: 2 },
  },
  CvmHourlyInstance: {
    kind: "CvmHourlyInstance",
    service: "cvm",
    make: makeCvmHourlyProvider,
    inputs: { zoneId: 100001, cpu: 1, mem: 2, imageId: "img-3wnd9xpl", storageSize: 0, goodsNum: 2 },
  },
  HaiInstance: {
    kind: "HaiInstance",
    service: "hai",
    make: makeHaiProvider,
    inputs: { applicationId: "app-jknfna", bundleType: "XL", instanceCount: 2 },
  },
  SwasInstance: {
    kind: "SwasInstance",
    service: "swas",
    make: makeSwasProvider,
    inputs: {
      imageId: "e2c9c365024a44369c9b955a998a0000",
      planId: "swas.s1.c1m1s40b3t05",
      period: 1,
      amount: 2,
    },
  },
} satisfies Record<string, ProviderKind>;
