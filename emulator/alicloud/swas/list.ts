/** ListInstances and ListInstanceStatus (the caller's servers), ListPlans and ListImages (the catalogue). */
import type { Call } from "../../call";
import { invalidParam, valueNotSupported } from "./errors";
import { jsonList, nameMatches, page, paginate, param, region, tagFilter } from "./params";
import { attrsOf, describe, servers } from "./models";

/** SDK ListImages ImageType: system, app, custom. */
const IMAGE_TYPES = ["system", "app", "custom"];

/** SDK ListInstances PublicIpAddresses: IPv4 addresses. */
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function ListInstances(call: Call): Record<string, unknown> {
  const regionId = region(call);
  // SDK: InstanceIds and PublicIpAddresses are JSON arrays of at most 100 values.
  const ids = jsonList(call, "InstanceIds", 100, invalidParam);
  const ips = jsonList(call, "PublicIpAddresses", 100, () => valueNotSupported("PublicIpAddresses"));
  if (ips?.some((ip) => !IPV4.test(ip))) throw valueNotSupported("PublicIpAddresses");
  // SDK: ChargeType takes only PrePaid.
  const chargeType = param(call, "ChargeType");
  if (chargeType !== undefined && chargeType !== "PrePaid") throw valueNotSupported("ChargeType");
  const status = param(call, "Status");
  const name = param(call, "InstanceName");
  const resourceGroupId = param(call, "ResourceGroupId");
  const tags = tagFilter(call);
  const paging = page(call);
  const matching = servers(call, regionId).filter((inst) => {
    const a = attrsOf(inst);
    return (
      (!ids || ids.includes(inst.id)) &&
      (!ips || ips.some((ip) => inst.publicIps.includes(ip))) &&
      (!status || inst.state === status) &&
      (!name || nameMatches(name, inst.name)) &&
      (!resourceGroupId || a.ResourceGroupId === resourceGroupId) &&
      tags.every((t) => t.key in inst.tags && (t.value === undefined || inst.tags[t.key] === t.value))
    );
  });
  const visible = call.world.visible(matching);
  return { Instances: paginate(visible, paging).map(describe), TotalCount: visible.length, ...paging };
}

export function ListInstanceStatus(call: Call): Record<string, unknown> {
  const regionId = region(call);
  // SDK: InstanceIds is a JSON array of at most 100 ids.
  const ids = jsonList(call, "InstanceIds", 100, invalidParam);
  const paging = page(call);
  const matching = servers(call, regionId).filter((inst) => !ids || ids.includes(inst.id));
  const visible = call.world.visible(matching);
  const InstanceStatuses = paginate(visible, paging).map((i) => ({ InstanceId: i.id, Status: i.state }));
  return { InstanceStatuses, TotalCount: visible.length, ...paging };
}

/** SDK ListPlansResponseBodyPlans; SupportPlatform is a JSON array in a string, as Alibaba returns it. */
export function ListPlans(call: Call): Record<string, unknown> {
  region(call);
  const Plans = call.world.catalogue.alibaba.swas.plans.map((p) => ({
    PlanId: p.planId,
    Core: p.core,
    Memory: p.memory,
    DiskSize: p.diskSize,
    DiskType: p.diskType,
    Bandwidth: p.bandwidth,
    Flow: p.flow,
    SupportPlatform: JSON.stringify(p.supportPlatform),
    OriginPrice: p.originPrice,
    Currency: "CNY",
    PublicIpNum: "1",
  }));
  return { Plans };
}

export function ListImages(call: Call): Record<string, unknown> {
  region(call);
  // SDK: ImageIds is a JSON array of at most 50 ids.
  const ids = jsonList(call, "ImageIds", 50, invalidParam);
  // SDK: ImageType is system, app or custom.
  const type = param(call, "ImageType");
  if (type !== undefined && !IMAGE_TYPES.includes(type)) throw valueNotSupported("ImageType");
  const Images = call.world.catalogue.alibaba.swas.images
    .filter((i) => (!ids || ids.includes(i.imageId)) && (!type || i.imageType === type))
    .map((i) => ({
      ImageId: i.imageId,
      ImageName: i.imageName,
      ImageType: i.imageType,
      Platform: i.platform,
      Description: i.imageName,
    }));
  return { Images };
}
