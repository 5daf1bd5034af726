/**
 * `new SwasInstance(name, args)`: one or more Alibaba Cloud Simple Application Servers bought by
 * CreateInstances (subscriptions paid up front), Running when `pulumi up` returns. Arguments are
 * the API document's request parameters in camelCase, plus the name, password and power state.
 *
 * SWAS has no API to release a server: destroying this resource stops the servers (or leaves
 * them running with `onDelete: "retain"`); they stay paid until their subscription ends.
 */
import * as pulumi from "@pulumi/pulumi";
import { InstancesResource } from "../../core/resource";
import type { ResourceArgs } from "../../core/shim";
import shim from "./shim";
import type { SwasInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "./outputs";

/** Every argument may be an Output of another resource. */
export type SwasInstanceArgs = ResourceArgs<Args>;

/** Each server: id, name, state, IPs, created and expiry times, business status, plan, image. */
export class SwasInstance extends InstancesResource<InstanceOutput> {
  /** The region the servers are in. */
  declare public readonly regionId: pulumi.Output<string>;
  /** The login password (secret). */
  declare public readonly password: pulumi.Output<string | undefined>;
  /** Whether the servers are meant to run (false: Stopped, still paid). */
  declare public readonly running: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: SwasInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(shim, { cloud: "alicloud", kind: "SwasInstance" }, name, args, opts, {
      // Listed so that they are outputs even when not given (regionId may come from config).
      listed: ["regionId", "running"],
      secrets: ["password"],
    });
  }
}
