/** RunInstances (001) and ModifyInstancesAttribute: the VPC, public network access and security groups. */
import type {
  InternetAccessible,
  VirtualPrivateCloud,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import type { Call } from "../../call";
import { ApiError } from "../../errors";
import { invalidParameterValue, missingParameter } from "../errors";
import { instancesOf } from "./models";
import { noSuch } from "./errors";

const INTERNET_CHARGE_TYPES = [
  "BANDWIDTH_PREPAID",
  "TRAFFIC_POSTPAID_BY_HOUR",
  "BANDWIDTH_POSTPAID_BY_HOUR",
  "BANDWIDTH_PACKAGE",
];

const ISPS = ["BGP", "CMCC", "CTCC", "CUCC"];

/**
 * 001 VirtualPrivateCloud: "If a VPC IP is specified ... The value of parameter InstanceCount must be same
 * as the number of VPC IPs, which cannot be greater than 20"; ids vpc-xxxxxxxx / subnet-xxxxxxxx or DEFAULT.
 */
export function checkVpc(call: Call, vpc: VirtualPrivateCloud | undefined, count: number) {
  if (!vpc) return { vpc: { VpcId: "", SubnetId: "", AsVpcGateway: false }, privateIps: [] };
  if (vpc.VpcId === undefined) throw missingParameter("VirtualPrivateCloud.VpcId");
  if (vpc.SubnetId === undefined) throw missingParameter("VirtualPrivateCloud.SubnetId");
  if (vpc.VpcId !== "DEFAULT" && !/^vpc-[a-z0-9]{8}$/.test(vpc.VpcId)) {
    throw new ApiError("InvalidParameterValue.VpcIdMalformed", `The VPC id \`${vpc.VpcId}\` is malformed.`);
  }
  if (vpc.SubnetId !== "DEFAULT" && !/^subnet-[a-z0-9]{8}$/.test(vpc.SubnetId)) {
    throw new ApiError(
      "InvalidParameterValue.SubnetIdMalformed",
      `The subnet id \`${vpc.SubnetId}\` is malformed.`,
    );
  }
  const ips = vpc.PrivateIpAddresses ?? [];
  const bad = ips.find((ip) => !isIpv4(ip));
  if (bad !== undefined) {
    throw new ApiError("InvalidParameter.InvalidIpFormat", `Invalid VPC IP address format: \`${bad}\`.`);
  }
  if (ips.length > 20) {
    throw invalidParameterValue(
      "VirtualPrivateCloud.PrivateIpAddresses",
      `at most 20 IPs can be given; ${ips.length} were`,
    );
  }
  if (ips.length > 0 && ips.length !== count) {
    throw new ApiError(
      "InvalidParameterCombination",
      `The number of VPC IPs (${ips.length}) must equal InstanceCount (${count}).`,
    );
  }
  if (new Set(ips).size !== ips.length) {
    throw new ApiError(
      "InvalidParameterValue.Duplicate",
      "VirtualPrivateCloud.PrivateIpAddresses holds an IP twice.",
    );
  }
  const used = instancesOf(call).find(
    (i) =>
      (i.attrs.VirtualPrivateCloud as { VpcId?: string })?.VpcId === vpc.VpcId &&
      ips.includes(i.privateIps[0]),
  );
  if (used) {
    throw new ApiError("VpcIpIsUsed", `The VPC IP address \`${used.privateIps[0]}\` is already occupied.`);
  }
  return {
    vpc: { VpcId: vpc.VpcId, SubnetId: vpc.SubnetId, AsVpcGateway: vpc.AsVpcGateway ?? false },
    privateIps: ips,
  };
}

export function isIpv4(ip: string): boolean {
  const parts = ip.split(".");
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/**
 * 001 InternetAccessible: 0 Mbps by default. SDK: a public IP is assigned when the bandwidth is above 0
 * unless PublicIpAssigned is false, and "当公网带宽为0，则不允许分配公网IP"; the charge type follows the
 * instance's by default.
 */
export function checkInternet(internet: InternetAccessible | undefined, chargeType: string) {
  const bandwidth = internet?.InternetMaxBandwidthOut ?? 0;
  const type =
    internet?.InternetChargeType ??
    (chargeType === "PREPAID" ? "BANDWIDTH_PREPAID" : "TRAFFIC_POSTPAID_BY_HOUR");
  if (!INTERNET_CHARGE_TYPES.includes(type)) {
    throw invalidParameterValue(
      "InternetAccessible.InternetChargeType",
      `\`${type}\` is not one of ${INTERNET_CHARGE_TYPES.join(", ")}`,
    );
  }
  if (bandwidth < 0) {
    throw invalidParameterValue(
      "InternetAccessible.InternetMaxBandwidthOut",
      "the bandwidth cannot be negative",
      "InvalidParameterValue.Range",
    );
  }
  if (internet?.PublicIpAssigned === true && bandwidth === 0) {
    throw new ApiError(
      "InvalidParameterCombination",
      "A public IP cannot be assigned when InternetMaxBandwidthOut is 0.",
    );
  }
  checkBandwidthPackage(internet, type);
  checkAddressTypes(internet);
  return {
    internet: {
      InternetChargeType: type,
      InternetMaxBandwidthOut: bandwidth,
      BandwidthPackageId: internet?.BandwidthPackageId,
    },
    publicIp: bandwidth > 0 && internet?.PublicIpAssigned !== false,
  };
}

/** BandwidthPackageId bwp-xxxxxxxx; the emulator holds no bandwidth package. */
function checkBandwidthPackage(internet: InternetAccessible | undefined, type: string): void {
  const id = internet?.BandwidthPackageId;
  if (type === "BANDWIDTH_PACKAGE" && id === undefined) {
    throw missingParameter("InternetAccessible.BandwidthPackageId");
  }
  if (id === undefined) return;
  throw noSuch(
    id,
    /^bwp-[a-z0-9]{8}$/,
    ["InvalidParameterValue.BandwidthPackageIdMalformed", `The bandwidth package id \`${id}\` is malformed.`],
    ["InvalidParameterValue.BandwidthPackageIdNotFound", `The bandwidth package \`${id}\` does not exist.`],
  );
}

/** InternetServiceProvider, IPv4AddressType, IPv6AddressType values (SDK InternetAccessible). */
function checkAddressTypes(internet: InternetAccessible | undefined): void {
  const isp = internet?.InternetServiceProvider;
  if (isp !== undefined && !ISPS.includes(isp)) {
    throw invalidParameterValue(
      "InternetAccessible.InternetServiceProvider",
      `\`${isp}\` is not one of ${ISPS.join(", ")}`,
    );
  }
  const v4 = internet?.IPv4AddressType;
  if (v4 !== undefined && !["WanIP", "HighQualityEIP", "AntiDDoSEIP"].includes(v4)) {
    throw invalidParameterValue(
      "InternetAccessible.IPv4AddressType",
      `\`${v4}\` is not WanIP, HighQualityEIP or AntiDDoSEIP`,
    );
  }
  if (v4 === "AntiDDoSEIP" && internet?.AntiDDoSPackageId === undefined) {
    throw missingParameter("InternetAccessible.AntiDDoSPackageId");
  }
  const v6 = internet?.IPv6AddressType;
  if (v6 !== undefined && !["EIPv6", "HighQualityEIPv6"].includes(v6)) {
    throw invalidParameterValue(
      "InternetAccessible.IPv6AddressType",
      `\`${v6}\` is not EIPv6 or HighQualityEIPv6`,
    );
  }
}

/** SecurityGroupIds / SecurityGroups: each must be a security group of the catalogue. */
export function checkSecurityGroups(call: Call, ids: string[] | undefined): string[] {
  const known = call.world.catalogue.tencent.securityGroups;
  const unknown = (ids ?? []).find((id) => !known.includes(id));
  if (unknown !== undefined) {
    throw new ApiError(
      "InvalidSecurityGroupId.NotFound",
      `The specified security group ID \`${unknown}\` does not exist.`,
    );
  }
  return ids ?? [];
}
