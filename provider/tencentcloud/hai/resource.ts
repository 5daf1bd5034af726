/**
 * `new HaiInstance(name, args)`: one or more HAI (high-performance application service) GPU
 * instances created by RunInstances, RUNNING (or, with `running: false`, STOPPED_NO_CHARGE) when
 * `pulumi up` returns. Arguments are the API document's request parameters in camelCase.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceArgs, providerShim } from "../../core/shim";
import type { HaiInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "./provider";

/** Every argument, at any depth, may be an Output of another resource. */
export type HaiInstanceArgs = ResourceArgs<Args>;

const shim = providerShim("pulumi-runinstances/provider/tencentcloud/hai/provider");

export class HaiInstance extends pulumi.dynamic.Resource {
  /** The instance ids, in launch order. */
  declare public readonly instanceIds: pulumi.Output<string[]>;
  /** Each instance: id, name, state, IPs, created time, application, bundle, GPUs, system disk. */
  declare public readonly instances: pulumi.Output<InstanceOutput[]>;
  /** The region the instances are in. */
  declare public readonly region: pulumi.Output<string>;
  /** Whether the instances are meant to run (false: stopped without charge). */
  declare public readonly running: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: HaiInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    // HAI's request holds no secret: nothing to wrap in pulumi.secret.
    const props: Record<string, unknown> = {
      ...args,
      // Listed so that they are outputs even when not given.
      region: args.region,
      running: args.running,
      __identity: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
      instanceIds: undefined,
      instances: undefined,
    };
    super(shim, name, props, opts, "tencentcloud", "HaiInstance");
  }
}
