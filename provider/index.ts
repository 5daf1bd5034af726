/**
 * pulumi-runinstances: Pulumi dynamic resources for cloud servers created through "run
 * instances" APIs, Running when `pulumi up` returns.
 */
export { SwasInstance } from "./alicloud/swas/resource";
export type { SwasInstanceArgs } from "./alicloud/swas/resource";
export { CvmInstance } from "./tencentcloud/cvm/resource";
export type { CvmInstanceArgs } from "./tencentcloud/cvm/resource";
export { CvmHourlyInstance } from "./tencentcloud/cvm-hourly/resource";
export type { CvmHourlyInstanceArgs } from "./tencentcloud/cvm-hourly/resource";
export { EcmInstance } from "./tencentcloud/ecm/resource";
export type { EcmInstanceArgs } from "./tencentcloud/ecm/resource";
export { HaiInstance } from "./tencentcloud/hai/resource";
export type { HaiInstanceArgs } from "./tencentcloud/hai/resource";

/** The ResourceProviders themselves, for tests and advanced use. */
export const providers = {
  get cvm() {
    return (require("./tencentcloud/cvm/provider") as typeof import("./tencentcloud/cvm/provider")).provider;
  },
  get swas() {
    return (require("./alicloud/swas/provider") as typeof import("./alicloud/swas/provider")).provider;
  },
  get ecm() {
    return (require("./tencentcloud/ecm/provider") as typeof import("./tencentcloud/ecm/provider")).provider;
  },
  get hai() {
    return (require("./tencentcloud/hai/provider") as typeof import("./tencentcloud/hai/provider")).provider;
  },
  get cvmHourly() {
    return (
      require("./tencentcloud/cvm-hourly/provider") as typeof import("./tencentcloud/cvm-hourly/provider")
    ).provider;
  },
};
