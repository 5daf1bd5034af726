/**
 * RunInstances (doc): the application, bundle, system disk, count and name; DryRun validates and
 * creates nothing; the same ClientToken returns the first request's ids.
 */
import type { RunInstancesRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_models";
import type { Call } from "../../call";
import type { World } from "../../world";
import type { Instance } from "../../instance";
import type { HaiApplication, HaiBundle } from "../../catalogue";
import { ApiError } from "../../errors";
import { invalidParameterValue } from "../errors";
import { checkNameLength, required } from "../common";
import { HAI_LIFECYCLE } from "./models";

const POSTPAID = "POSTPAID_BY_HOUR";
/** System disk: "default 80, range 80-1000" GB (SDK SystemDisk.DiskSize). */
export const DISK_MIN = 80;
export const DISK_MAX = 1000;
/** "CLOUD_PREMIUM, CLOUD_HSSD" (SDK SystemDisk.DiskType). */
const DISK_TYPES = ["CLOUD_PREMIUM", "CLOUD_HSSD"];

type SystemDisk = { DiskType: string; DiskSize: number; DiskName: string };

export function runInstances(call: Call, req: RunInstancesRequest): Record<string, unknown> {
  const { world } = call;
  const app = readApplication(world, req.ApplicationId);
  const bundle = readBundle(world, req.BundleType);
  const systemDisk = readSystemDisk(req, app);
  const count = readInstanceCount(req);
  const name = readInstanceName(req);
  const checkStock = () =>
    world.checkStock(
      bundle.bundleType,
      "ResourceInsufficient.BundleInventoryShortage",
      `The bundle \`${bundle.bundleType}\` is out of stock.`,
    );
  // "DryRun: True only checks the interface's connectivity" (doc): validated, nothing created.
  if (req.DryRun) {
    checkStock();
    return { InstanceIdSet: [] };
  }
  // ClientToken: "the token of an idempotent request" (doc); the same token returns the first ids.
  const { ClientToken: token, ...fingerprint } = req;
  const ids = world.idempotent(`hai|${call.account}|${call.region}`, token, fingerprint, () => {
    checkStock();
    return Array.from({ length: count }, () => launch(call, app, bundle, systemDisk, name).id);
  });
  return { InstanceIdSet: ids };
}

/** ApplicationId (required): shaped `app-` + letters and digits, and known (doc). */
function readApplication(world: World, applicationId: string | undefined): HaiApplication {
  const id = required(applicationId, "ApplicationId");
  if (!/^app-[a-z0-9]+$/.test(id)) {
    throw new ApiError(
      "InvalidParameterValue.InvalidApplicationIdMalformed",
      `The application id \`${id}\` is malformed.`,
    );
  }
  const app = world.catalogue.tencent.hai.applications.find((a) => a.applicationId === id);
  if (!app) {
    throw new ApiError(
      "InvalidParameterValue.ApplicationIdNotFound",
      `The application \`${id}\` does not exist.`,
    );
  }
  return app;
}

/** BundleType (required): one of the bundles sold (doc; SDK RunInstancesRequest.BundleType). */
function readBundle(world: World, bundleType: string | undefined): HaiBundle {
  const type = required(bundleType, "BundleType");
  const bundle = world.catalogue.tencent.hai.bundles.find((b) => b.bundleType === type);
  if (!bundle) {
    throw new ApiError(
      "InvalidParameterValue.BundleTypeNotFound",
      `The bundle type \`${type}\` does not exist.`,
    );
  }
  return bundle;
}

/**
 * SystemDisk {DiskType, DiskSize}: size 80-1000 GB, default 80 (SDK SystemDisk); not below the
 * application's minimum (doc: DiskSizeMustLargerThanApplicationMinRequiredSize).
 */
function readSystemDisk(req: RunInstancesRequest, app: HaiApplication): SystemDisk {
  const disk = req.SystemDisk ?? {};
  const type = disk.DiskType ?? "CLOUD_PREMIUM";
  if (!DISK_TYPES.includes(type)) {
    throw invalidParameterValue("SystemDisk.DiskType", `one of ${DISK_TYPES.join(", ")}`);
  }
  const size = disk.DiskSize ?? Math.max(DISK_MIN, app.minDiskSize);
  if (size < app.minDiskSize) {
    throw new ApiError(
      "InvalidParameterValue.DiskSizeMustLargerThanApplicationMinRequiredSize",
      `The system disk (${size} GB) must be at least the ${app.minDiskSize} GB application \`${app.applicationId}\` needs.`,
    );
  }
  if (size < DISK_MIN || size > DISK_MAX) {
    throw invalidParameterValue("SystemDisk.DiskSize", `between ${DISK_MIN} and ${DISK_MAX} GB`);
  }
  return { DiskType: type, DiskSize: size, DiskName: disk.DiskName ?? "C:" };
}

/** InstanceCount: "at most 10 per request" (SDK RunInstancesRequest.InstanceCount), default 1. */
function readInstanceCount(req: RunInstancesRequest): number {
  const count = req.InstanceCount ?? 1;
  if (count < 1 || count > 10) {
    throw new ApiError(
      "InvalidParameterValue.InvalidInstanceCount",
      `InstanceCount ${count} is not between 1 and 10.`,
    );
  }
  return count;
}

/** InstanceName: "at most 128 characters" (SDK RunInstancesRequest.InstanceName). */
function readInstanceName(req: RunInstancesRequest): string | undefined {
  return checkNameLength(req.InstanceName, 128);
}

function launch(
  call: Call,
  app: HaiApplication,
  bundle: HaiBundle,
  systemDisk: SystemDisk,
  name: string | undefined,
): Instance {
  const { world } = call;
  const zone = world.catalogue.tencent.regions.find((r) => r.region === call.region)?.zones[0]?.zone;
  return world.launch(
    {
      id: world.newId("hai-"),
      service: "hai",
      account: call.account,
      region: call.region,
      zone: zone ?? `${call.region}-1`,
      name: name ?? app.name,
      privateIps: [world.nextPrivateIp()],
      publicIps: [world.nextPublicIp()],
      tags: {},
      attrs: {
        ApplicationId: app.applicationId,
        ApplicationName: app.name,
        BundleType: bundle.bundleType,
        SystemDisk: { ...systemDisk },
        ChargeType: POSTPAID,
        SecurityGroupIds: [`sg-${world.newId("").slice(0, 8)}`],
      },
      latestOperation: { name: "RunInstances", state: "OPERATING", requestId: call.requestId },
    },
    HAI_LIFECYCLE,
  );
}
