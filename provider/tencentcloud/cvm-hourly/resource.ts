/**
 * `new CvmHourlyInstance(name, args)`: pay-as-you-go CVM instances described with the legacy
 * RunInstancesHour parameters (zoneId, cpu, mem, storageSize, goodsNum, ...), created through
 * API 3.0 RunInstances and Running when `pulumi up` returns.
 */
import * as pulumi from "@pulumi/pulumi";
import { InstancesResource } from "../../core/resource";
import type { ResourceArgs } from "../../core/shim";
import shim from "./shim";
import type { CvmHourlyInstanceArgs as Args } from "./schema";
import type { InstanceOutput } from "../cvm/outputs";
import type { TranslatedRequest } from "./translate";

/** Every argument may be an Output of another resource. */
export type CvmHourlyInstanceArgs = ResourceArgs<Args>;

/** Each instance: id, name, state, IPs, created and expiry times, zone, type. */
export class CvmHourlyInstance extends InstancesResource<InstanceOutput> {
  /** The same ids under the legacy response's name, for scripts that read unInstanceIds. */
  declare public readonly unInstanceIds: pulumi.Output<string[]>;
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
    super(shim, { cloud: "tencentcloud", kind: "CvmHourlyInstance" }, name, args, opts, {
      secrets: ["password"],
      // The kind is part of the identity (the derived ClientToken hashes it): a CvmInstance of the
      // same name and request never shares its instances. Names are read from the last segment.
      identityKind: "CvmHourlyInstance",
      outputs: ["unInstanceIds", "translatedRequest"],
    });
  }
}
