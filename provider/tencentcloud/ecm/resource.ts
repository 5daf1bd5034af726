/**
 * `new EcmInstance(name, args)`: ECM (edge computing machine) instances created by RunInstances in
 * one or more zones and ISPs, Running when `pulumi up` returns. Arguments are the API document's
 * request parameters in camelCase.
 */
import * as pulumi from "@pulumi/pulumi";
import { InstancesResource } from "../../core/resource";
import type { ResourceArgs } from "../../core/shim";
import shim from "./shim";
import type { EcmInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "./outputs";

/** Every argument, at any depth, may be an Output of another resource. */
export type EcmInstanceArgs = ResourceArgs<Args>;

/** Each instance: id, name, state, IPs, created and expiry times, zone, region, ISP, type. */
export class EcmInstance extends InstancesResource<InstanceOutput> {
  /** The login password (secret). */
  declare public readonly password: pulumi.Output<string | undefined>;

  constructor(name: string, args: EcmInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(shim, { cloud: "tencentcloud", kind: "EcmInstance" }, name, args, opts, { secrets: ["password"] });
  }
}
