/**
 * `new CvmInstance(name, args)`: one or more CVM instances created by RunInstances, Running
 * when `pulumi up` returns. Arguments are the API document's request parameters in camelCase.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceArgs, providerShim } from "../../core/shim";
import type { CvmInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "./provider";

/** Every argument, at any depth, may be an Output of another resource. */
export type CvmInstanceArgs = ResourceArgs<Args>;

const shim = providerShim("pulumi-runinstances/provider/tencentcloud/cvm/provider");

export class CvmInstance extends pulumi.dynamic.Resource {
  /** The instance ids, in launch order. */
  declare public readonly instanceIds: pulumi.Output<string[]>;
  /** Each instance: id, name, state, IPs, created and expiry times, zone, type. */
  declare public readonly instances: pulumi.Output<InstanceOutput[]>;
  /** The region the instances are in. */
  declare public readonly region: pulumi.Output<string>;
  /** The login settings (secret: they may hold the password). */
  declare public readonly loginSettings: pulumi.Output<Args["loginSettings"]>;

  constructor(name: string, args: CvmInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...args,
      // The password never reaches the state in plain text.
      loginSettings: args.loginSettings === undefined ? undefined : pulumi.secret(args.loginSettings),
      __identity: `${pulumi.getProject()}/${pulumi.getStack()}/${name}`,
      instanceIds: undefined,
      instances: undefined,
    };
    super(
      shim,
      name,
      props,
      { ...opts, additionalSecretOutputs: ["loginSettings", ...(opts?.additionalSecretOutputs ?? [])] },
      "tencentcloud",
      "CvmInstance",
    );
  }
}
