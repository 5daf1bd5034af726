// The demo stack: every resource of this package, exporting their ids and IPs.
// `npm run demo` runs it against the local emulator; with real credentials:
//   pulumi config set --secret demo:password 'Demo@Passw0rd!'
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { CvmHourlyInstance, CvmInstance, EcmInstance, HaiInstance, SwasInstance } from "pulumi-runinstances";

const config = new pulumi.Config("demo");
const password = config.requireSecret("password");

const web = new CvmInstance("web", {
  placement: { zone: config.get("webZone") ?? "ap-guangzhou-3" },
  imageId: "img-pmqg1cw7",
  instanceType: "S5.MEDIUM4",
  instanceCount: 2,
  instanceName: config.get("webName") ?? "web-{R:1}",
  internetAccessible: { internetChargeType: "TRAFFIC_POSTPAID_BY_HOUR", internetMaxBandwidthOut: 10 },
  loginSettings: { password },
  tagSpecification: [{ resourceType: "instance", tags: [{ key: "stack", value: pulumi.getStack() }] }],
});

export const cvm = {
  instanceIds: web.instanceIds,
  publicIps: web.instances.apply((list) => list.map((i) => i.publicIpAddresses[0] ?? "")),
};

// The RunInstancesHour document's example, in its legacy parameters.
const legacy = new CvmHourlyInstance("legacy", {
  zoneId: 100001,
  cpu: 1,
  mem: 2,
  imageId: "img-3wnd9xpl",
  storageType: 1,
  storageSize: 50,
  bandwidth: 1,
  goodsNum: 1,
  password,
});

export const cvmHourly = {
  instanceIds: legacy.instanceIds,
  unInstanceIds: legacy.unInstanceIds,
  publicIps: legacy.instances.apply((list) => list.map((i) => i.publicIpAddresses[0] ?? "")),
};

// A GPU instance running an HAI application (Stable Diffusion).
const gpu = new HaiInstance("gpu", {
  applicationId: "app-jknfna",
  bundleType: "XL",
  systemDisk: { diskType: "CLOUD_PREMIUM", diskSize: 100 },
  instanceName: "stable-diffusion",
});

export const hai = {
  instanceIds: gpu.instanceIds,
  publicIps: gpu.instances.apply((list) => list.map((i) => i.publicIpAddresses[0] ?? "")),
};

// Edge machines in Xi'an (China Mobile) from an ECM module.
const edge = new EcmInstance("edge", {
  zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 2, isp: "CMCC" }],
  moduleId: "esm-jz2wm3m2",
  instanceName: "edge-{R:1}",
  password,
});

export const ecm = {
  instanceIds: edge.instanceIds,
  publicIps: edge.instances.apply((list) => list.map((i) => i.publicIpAddresses[0] ?? "")),
};

// A Simple Application Server on Alibaba Cloud (a subscription: destroy stops it).
const blog = new SwasInstance("blog", {
  regionId: "cn-hangzhou",
  imageId: "e2c9c365024a44369c9b955a998a0000",
  planId: "swas.s1.c1m1s40b3t05",
  period: 1,
  instanceName: "blog",
  password,
});

export const swas = {
  instanceIds: blog.instanceIds,
  publicIps: blog.instances.apply((list) => list.map((i) => i.publicIpAddresses[0] ?? "")),
  expiredTime: blog.instances.apply((list) => list.map((i) => i.expiredTime)),
};
