/**
 * `new EcmInstance(name, args)`: ECM (edge computing machine) instances created by RunInstances in
 * one or more zones and ISPs, Running when `pulumi up` returns. Arguments are the API document's
 * request parameters in camelCase.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceArgs, providerShim } from "../../core/shim";
import type { EcmInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "./provider";

/** Every argument, at any depth, may be an Output of another resource. */
export type EcmInstanceArgs = ResourceArgs<Args>;

const shim = providerShim("pulumi-runinstances/provider/tencentcloud/ecm/provider");

export class EcmInstance extends pulumi.dynamic.Resource {
  /** The instance ids, in launch order. */
  declare public readonly instanceIds: pulumi.Output<string[]>;
  /** Each instance: id, name, state, IPs, created and expiry times, zone, region, ISP, type. */
  declare public readonly instances: pulumi.Output<InstanceOutput[]>;
  /** The login password (secret). */
  declare public readonly password: pulumi.Output<string | undefined>;

  constructor(name: string, args: EcmInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...args,
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
      "tencentcloud",
      "EcmInstance",
    );
  }
}
