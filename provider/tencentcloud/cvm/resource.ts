/**
 * `new CvmInstance(name, args)`: one or more CVM instances created by RunInstances, Running
 * when `pulumi up` returns. Arguments are the API document's request parameters in camelCase.
 */
import * as pulumi from "@pulumi/pulumi";
import { InstancesResource } from "../../core/resource";
import type { ResourceArgs } from "../../core/shim";
import shim from "./shim";
import type { CvmInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "./outputs";

/** Every argument, at any depth, may be an Output of another resource. */
export type CvmInstanceArgs = ResourceArgs<Args>;

/** Each instance: id, name, state, IPs, created and expiry times, zone, type. */
export class CvmInstance extends InstancesResource<InstanceOutput> {
  /** The region the instances are in. */
  declare public readonly region: pulumi.Output<string>;
  /** The login settings (secret: they may hold the password). */
  declare public readonly loginSettings: pulumi.Output<Args["loginSettings"]>;

  constructor(name: string, args: CvmInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(shim, { cloud: "tencentcloud", kind: "CvmInstance" }, name, args, opts, {
      secrets: ["loginSettings"],
    });
  }
}
