/**
 * `new CvmHourlyInstance(name, args)`: pay-as-you-go CVM instances described with the legacy
 * RunInstancesHour parameters (zoneId, cpu, mem, storageSize, goodsNum, ...), created through
 * API 3.0 RunInstances and Running when `pulumi up` returns.
 */
import * as pulumi from "@pulumi/pulumi";
import { ResourceArgs, providerShim } from "../../core/shim";
import type { CvmHourlyInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "../cvm/provider";
import type { TranslatedRequest } from "./translate";

/** Every argument may be an Output of another resource. */
export type CvmHourlyInstanceArgs = ResourceArgs<Args>;

const shim = providerShim("pulumi-runinstances/provider/tencentcloud/cvm-hourly/provider");

export class CvmHourlyInstance extends pulumi.dynamic.Resource {
  /** The instance ids, in launch order. */
  declare public readonly instanceIds: pulumi.Output<string[]>;
  /** The same ids under the legacy response's name, for scripts that read unInstanceIds. */
  declare public readonly unInstanceIds: pulumi.Output<string[]>;
  /** Each instance: id, name, state, IPs, created and expiry times, zone, type. */
  declare public readonly instances: pulumi.Output<InstanceOutput[]>;
  /** The region the instances are in. */
  declare public readonly region: pulumi.Output<string>;
  /**
   * The API 3.0 RunInstances request the legacy arguments became (PascalCase). It never holds the
   * password, so it is not secret: a migrating user can read it with `pulumi stack output`.
   */
  declare public readonly translatedRequest: pulumi.Output<TranslatedRequest>;
  /** The login password (secret). */
  declare public readonly password: pulumi.Output<string | undefined>;

  constructor(name: string, args: CvmHourlyInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = {
      ...args,
      // The password never reaches the state in plain text.
      password: args.password === undefined ? undefined : pulumi.secret(args.password),
      // The kind is part of the identity (the derived ClientToken hashes it): a CvmInstance of the
      // same name and request never shares its instances. Names are read from the last segment.
      __identity: `${pulumi.getProject()}/${pulumi.getStack()}/CvmHourlyInstance/${name}`,
      instanceIds: undefined,
      unInstanceIds: undefined,
      instances: undefined,
      translatedRequest: undefined,
    };
    super(
      shim,
      name,
      props,
      { ...opts, additionalSecretOutputs: ["password", ...(opts?.additionalSecretOutputs ?? [])] },
      "tencentcloud",
      "CvmHourlyInstance",
    );
  }
}
