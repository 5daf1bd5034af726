/**
 * `new HaiInstance(name, args)`: one or more HAI (high-performance application service) GPU
 * instances created by RunInstances, RUNNING (or, with `running: false`, STOPPED_NO_CHARGE) when
 * `pulumi up` returns. Arguments are the API document's request parameters in camelCase.
 */
import * as pulumi from "@pulumi/pulumi";
import { InstancesResource } from "../../core/resource";
import type { ResourceArgs } from "../../core/shim";
import shim from "./shim";
import type { HaiInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "./outputs";

/** Every argument, at any depth, may be an Output of another resource. */
export type HaiInstanceArgs = ResourceArgs<Args>;

/** Each instance: id, name, state, IPs, created time, application, bundle, GPUs, system disk. */
export class HaiInstance extends InstancesResource<InstanceOutput> {
  /** The region the instances are in. */
  declare public readonly region: pulumi.Output<string>;
  /** Whether the instances are meant to run (false: stopped without charge). */
  declare public readonly running: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: HaiInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    // HAI's request holds no secret: nothing to wrap in pulumi.secret. Listed so that they are
    // outputs even when not given.
    super(shim, { cloud: "tencentcloud", kind: "HaiInstance" }, name, args, opts, {
      listed: ["region", "running"],
    });
  }
}
