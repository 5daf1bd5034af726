/**
 * `new SwasInstance(name, args)`: one or more Alibaba Cloud Simple Application Servers bought by
 * CreateInstances (subscriptions paid up front), Running when `pulumi up` returns. Arguments are
 * the API document's request parameters in camelCase, plus the name, password and power state.
 *
 * SWAS has no API to release a server: destroying this resource stops the servers (or leaves
 * them running with `onDelete: "retain"`); they stay paid until their subscription ends.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceArgs, providerShim } from "../../core/shim";
import type { SwasInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "./provider";

/** Every argument may be an Output of another resource. */
export type SwasInstanceArgs = ResourceArgs<Args>;

const shim = providerShim("pulumi-runinstances/provider/alicloud/swas/provider");

export class SwasInstance extends pulumi.dynamic.Resource {
  /** The server ids, in launch order. */
  declare public readonly instanceIds: pulumi.Output<string[]>;
  /** Each server: id, name, state, IPs, created and expiry times, business status, plan, image. */
  declare public readonly instances: pulumi.Output<InstanceOutput[]>;
  /** The region the servers are in. */
  declare public readonly regionId: pulumi.Output<string>;
  /** The login password (secret). */
  declare public readonly password: pulumi.Output<string | undefined>;
  /** Whether the servers are meant to run (false: Stopped, still paid). */
  declare public readonly running: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: SwasInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...args,
      // Listed so that they are outputs even when not given (regionId may come from config).
      regionId: args.regionId,
      running: args.running,
      // The password never reaches the state in plain text.
      password: args.password === undefined ? undefined : pulumi.secret(args.password),
      __identity: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
      instanceIds: undefined,
      instances: undefined,
    };
    super(
      shim,
      name,
      props,
      { ...opts, additionalSecretOutputs: ["password", ...(opts?.additionalSecretOutputs ?? [])] },
      "alicloud",
      "SwasInstance",
    );
  }
}
