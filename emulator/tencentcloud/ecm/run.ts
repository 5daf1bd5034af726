/**
 * RunInstances (doc): placements first (zones, ISPs, VPCs), then the machine and the other
 * parameters (run-config.ts), then stock; one instance per count of each placement.
 * ClientToken: "Currently, it is a reserved parameter; therefore, do not use it" (doc): accepted, ignored.
 */
import { randomUUID } from "node:crypto";
import type {
  RunInstancesRequest,
  ZoneInstanceCountISP,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/ecm/v20190719/ecm_models";
import type { Call } from "../../call";
import type { World } from "../../world";
import type { EcmZone } from "../../catalogue";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { required } from "../common";
import { ECM_LIFECYCLE } from "./models";
import {
  isIpv4,
  readChargeType,
  readEnhancedService,
  readHostName,
  readInstanceName,
  readLogin,
  readMachineConfig,
  readSecurityGroups,
  readTagSpecification,
  readUserData,
} from "./run-config";

const UNNAMED = "未命名";
const NAME_PATTERN = /\{R:(\d+)\}/;

interface Placement {
  zone: EcmZone;
  count: number;
  isp: string;
  vpcId?: string;
  subnetId?: string;
  privateIps?: string[];
  ipv6AddressCount?: number;
}

export function runInstances(call: Call, req: RunInstancesRequest): Record<string, unknown> {
  const { world } = call;
  const placements = readPlacements(world, req);
  const config = readMachineConfig(world, req);
  const login = readLogin(req, config.image);
  const baseName = readInstanceName(req);
  const hostName = readHostName(req, config.image);
  const userData = readUserData(req);
  const chargeType = readChargeType(req, config.type);
  // "If this parameter is not specified, the default security group will be bound" (doc).
  const defaultGroups = world.catalogue.tencent.securityGroups.slice(0, 1);
  const securityGroupIds = readSecurityGroups(world, req.SecurityGroupIds) ?? defaultGroups;
  const tags = readTagSpecification(req);
  const enhancedService = readEnhancedService(req, config.image);
  world.checkStock(
    config.type.instanceType,
    "ResourcesSoldOut.SpecifiedInstanceType",
    `The instance type \`${config.type.instanceType}\` is sold out.`,
  );

  const names = instanceNames(baseName, placements);
  const ids: string[] = [];
  placements.forEach((placement, i) => {
    for (let n = 0; n < placement.count; n++) {
      const attrs = {
        ...login,
        ModuleId: config.module?.moduleId,
        ImageId: config.image.imageId,
        InstanceType: config.type.instanceType,
        SystemDisk: config.systemDisk,
        DataDisks: config.dataDisks,
        InternetMaxBandwidthOut: config.bandwidthOut,
        InternetMaxBandwidthIn: config.bandwidthIn,
        ISP: placement.isp,
        VpcId: placement.vpcId,
        SubnetId: placement.subnetId,
        Ipv6AddressCount: placement.ipv6AddressCount ?? 0,
        SecurityGroupIds: securityGroupIds,
        InstanceChargeType: chargeType,
        HostName: hostName,
        UserData: userData,
        EnhancedService: enhancedService,
        UUID: randomUUID(),
      };
      const inst = world.launch(
        {
          id: world.newId("ein-"),
          service: "ecm",
          account: call.account,
          region: placement.zone.region,
          zone: placement.zone.zone,
          name: names[i][n],
          privateIps: [placement.privateIps?.[n] ?? world.nextPrivateIp()],
          publicIps: placement.isp.split(";").map(() => world.nextPublicIp()),
          tags: { ...tags },
          attrs,
          latestOperation: { name: "RunInstances", state: "OPERATING", requestId: call.requestId },
        },
        ECM_LIFECYCLE,
      );
      ids.push(inst.id);
    }
  });
  return { InstanceIdSet: ids };
}

/** ZoneInstanceCountISPSet.N (required): zones from the catalogue, ISPs of the zone, <= 100 per region. */
function readPlacements(world: World, req: RunInstancesRequest): Placement[] {
  const items = req.ZoneInstanceCountISPSet;
  if (!items || items.length === 0) throw missingParameter("ZoneInstanceCountISPSet");
  const placements = items.map((item, i) => readPlacement(world, item, `ZoneInstanceCountISPSet.${i}`));
  // "You can create up to 100 instances in a region at a time" (doc).
  const perRegion = new Map<string, number>();
  for (const pl of placements) perRegion.set(pl.zone.region, (perRegion.get(pl.zone.region) ?? 0) + pl.count);
  for (const [region, count] of perRegion) {
    if (count > 100) {
      throw new ApiError(
        "InvalidParameterValue.InvalidZoneInstanceCount",
        `At most 100 instances can be created in a region at a time; ${count} were requested in \`${region}\`.`,
      );
    }
  }
  return placements;
}

function readPlacement(world: World, item: ZoneInstanceCountISP, path: string): Placement {
  const zoneName = required(item.Zone, `${path}.Zone`);
  const count = required(item.InstanceCount, `${path}.InstanceCount`);
  const isp = required(item.ISP, `${path}.ISP`);
  const zone = world.catalogue.tencent.ecm.zones.find((z) => z.zone === zoneName);
  if (!zone) throw new ApiError("InvalidParameterValue.InvalidZone", `The zone \`${zoneName}\` is invalid.`);
  if (count < 1) {
    throw new ApiError(
      "InvalidParameterValue.InvalidZoneInstanceCount",
      `\`${path}.InstanceCount\` must be at least 1.`,
    );
  }
  checkIsp(zone, isp, path);
  const { VpcId: vpcId, SubnetId: subnetId, PrivateIpAddresses: privateIps } = item;
  // "SubnetId and VpcId must both be specified or both be omitted" (SDK ZoneInstanceCountISP.VpcId).
  if ((vpcId === undefined) !== (subnetId === undefined)) {
    throw invalidParameterValue(
      `${path}.SubnetId`,
      "SubnetId and VpcId must both be specified or both be omitted",
    );
  }
  if (vpcId !== undefined && !/^vpc-[a-z0-9]{8}$/.test(vpcId)) {
    throw invalidParameterValue(`${path}.VpcId`, "malformed VPC id");
  }
  if (subnetId !== undefined && !/^subnet-[a-z0-9]{8}$/.test(subnetId)) {
    throw new ApiError("InvalidParameterValue.SubnetNotExist", `The subnet \`${subnetId}\` does not exist.`);
  }
  if (privateIps) checkPrivateIps(privateIps, count, vpcId, path);
  const ipv6AddressCount = readIpv6(item, isp, path);
  return { zone, count, isp, vpcId, subnetId, privateIps, ipv6AddressCount };
}

/**
 * ISP: CTCC, CUCC, CMCC, or "CMCC;CUCC;CTCC" for three networks (SDK ZoneInstanceCountISP.ISP), offered by
 * the zone.
 */
function checkIsp(zone: EcmZone, isp: string, path: string): void {
  const parts = isp.split(";");
  const threeNetworks = parts.length === 3 && new Set(parts).size === 3;
  const ok = (parts.length === 1 || threeNetworks) && parts.every((x) => zone.isps.includes(x));
  if (!ok) {
    throw new ApiError(
      "InvalidParameterValue.InvalidISPInNode",
      `The ISP \`${isp}\` of \`${path}.ISP\` is not offered in zone \`${zone.zone}\` (${zone.isps.join(", ")}).`,
    );
  }
}

/**
 * PrivateIpAddresses: only with VpcId and SubnetId, one IP per instance (SDK
 * ZoneInstanceCountISP.PrivateIpAddresses).
 */
function checkPrivateIps(ips: string[], count: number, vpcId: string | undefined, path: string): void {
  const name = `${path}.PrivateIpAddresses`;
  if (vpcId === undefined) throw invalidParameterValue(name, "private IPs need VpcId and SubnetId");
  if (ips.length !== count)
    throw invalidParameterValue(name, `${ips.length} IPs given for ${count} instances`);
  const bad = ips.find((ip) => !isIpv4(ip));
  if (bad) throw invalidParameterValue(name, `\`${bad}\` is not an IPv4 address`);
  if (new Set(ips).size !== ips.length) {
    throw new ApiError("InvalidParameterValue.Duplicate", `\`${name}\` holds the same IP twice.`);
  }
}

/**
 * Ipv6AddressCount: 1 with a single ISP, 3 with three networks; Ipv6SubnetIds: three distinct subnets (SDK
 * ZoneInstanceCountISP).
 */
function readIpv6(item: ZoneInstanceCountISP, isp: string, path: string): number | undefined {
  const count = item.Ipv6AddressCount;
  const expected = isp.includes(";") ? 3 : 1;
  if (count !== undefined && count !== 0 && count !== expected) {
    throw invalidParameterValue(`${path}.Ipv6AddressCount`, `must be ${expected} with ISP ${isp}`);
  }
  const subnets = item.Ipv6SubnetIds;
  if (subnets !== undefined && (subnets.length !== 3 || new Set(subnets).size !== 3)) {
    throw invalidParameterValue(`${path}.Ipv6SubnetIds`, "exactly three different subnets are required");
  }
  return count;
}

/**
 * Display names: {R:x} patterns count from x; without a pattern several instances get the
 * suffixes 1..n; "if the purchased instances belong to different regions or ISPs, the above rules
 * apply to each region and ISP independently"; no name shows "Not named" (doc; 未命名 in the SDK doc).
 */
function instanceNames(base: string | undefined, placements: Placement[]): string[][] {
  const key = (pl: Placement) => `${pl.zone.region}|${pl.isp}`;
  const groupSize = new Map<string, number>();
  for (const pl of placements) groupSize.set(key(pl), (groupSize.get(key(pl)) ?? 0) + pl.count);
  const used = new Map<string, number>();
  return placements.map((pl) =>
    Array.from({ length: pl.count }, () => {
      const i = used.get(key(pl)) ?? 0;
      used.set(key(pl), i + 1);
      return nameAt(base, i, groupSize.get(key(pl)) ?? 1);
    }),
  );
}

function nameAt(base: string | undefined, i: number, groupSize: number): string {
  if (!base) return UNNAMED;
  if (NAME_PATTERN.test(base)) return base.replace(/\{R:(\d+)\}/g, (_, x: string) => String(Number(x) + i));
  return groupSize > 1 ? `${base}${i + 1}` : base;
}
