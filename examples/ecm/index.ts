// Edge machines close to users: two in Xi'an on China Mobile, one in Chengdu on China Telecom,
// all from one ECM module (image, type, disks and bandwidth come from the module).
//   pulumi config set --secret edge:password 'Edge@Passw0rd'
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import { EcmInstance } from "pulumi-runinstances";

const config = new pulumi.Config("edge");

const edge = new EcmInstance("edge", {
  zoneInstanceCountISPSet: [
    { zone: "ap-xian-ecm-1", instanceCount: config.getNumber("xianCount") ?? 2, isp: "CMCC" },
    { zone: "ap-chengdu-ecm-1", instanceCount: 1, isp: "CTCC" },
  ],
  moduleId: "esm-jz2wm3m2",
  instanceName: config.get("name") ?? "edge-{R:1}",
  password: config.requireSecret("password"),
});

export const instanceIds = edge.instanceIds;
export const publicIps = edge.instances.apply((list) => list.map((i) => i.publicIpAddresses[0]));
