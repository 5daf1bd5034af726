/** RunInstances (001): the VPC, public network access and security groups (run-network.ts). */
import { cvmTest, runRules } from "./support";

const t = cvmTest();

describe("RunInstances: network", () => {
  runRules(t, {
    refused: {
      "InvalidParameterValue.VpcIdMalformed": [
        ["a malformed VPC id", { VirtualPrivateCloud: { VpcId: "vpc-1", SubnetId: "subnet-dcs9x3gz" } }],
      ],
      MissingParameter: [["a VPC without subnet", { VirtualPrivateCloud: { VpcId: "vpc-1urkhbj4" } }]],
      "InvalidParameter.InvalidIpFormat": [
        [
          "a malformed VPC IP",
          {
            VirtualPrivateCloud: {
              VpcId: "vpc-1urkhbj4",
              SubnetId: "subnet-dcs9x3gz",
              PrivateIpAddresses: ["10.0.0.256"],
            },
          },
        ],
      ],
      InvalidParameterCombination: [
        [
          "2 VPC IPs for 1 instance",
          {
            VirtualPrivateCloud: {
              VpcId: "vpc-1urkhbj4",
              SubnetId: "subnet-dcs9x3gz",
              PrivateIpAddresses: ["10.0.0.2", "10.0.0.3"],
            },
          },
        ],
        ["a public IP without bandwidth", { InternetAccessible: { PublicIpAssigned: true } }],
      ],
      InvalidParameterValue: [
        [
          "21 VPC IPs",
          {
            InstanceCount: 21,
            VirtualPrivateCloud: {
              VpcId: "vpc-1urkhbj4",
              SubnetId: "subnet-dcs9x3gz",
              PrivateIpAddresses: Array.from({ length: 21 }, (_, i) => `10.0.1.${i + 1}`),
            },
          },
        ],
        ["an unknown internet charge type", { InternetAccessible: { InternetChargeType: "FREE" } }],
      ],
      "InvalidParameterValue.BandwidthPackageIdMalformed": [
        ["a malformed bandwidth package", { InternetAccessible: { BandwidthPackageId: "bwp-1" } }],
      ],
      "InvalidParameterValue.BandwidthPackageIdNotFound": [
        ["an unknown bandwidth package", { InternetAccessible: { BandwidthPackageId: "bwp-zzzzzzzz" } }],
      ],
      "InvalidSecurityGroupId.NotFound": [
        ["an unknown security group", { SecurityGroupIds: ["sg-zzzzzzzz"] }],
      ],
    },
    accepted: [["a known security group", { SecurityGroupIds: ["sg-5e9x7qag"] }]],
  });
});

describe("RunInstances: the addresses", () => {
  it("assigns a public IP when the bandwidth is above 0, unless PublicIpAssigned is false", async () => {
    const [withIp] = await t.run({ InternetAccessible: { InternetMaxBandwidthOut: 5 } });
    const [noIp] = await t.run({
      InternetAccessible: { InternetMaxBandwidthOut: 5, PublicIpAssigned: false },
    });
    const [noBandwidth] = await t.run();
    expect((await t.describe1(withIp))?.PublicIpAddresses).toEqual([
      expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/),
    ]);
    expect((await t.describe1(noIp))?.PublicIpAddresses).toBeNull();
    expect((await t.describe1(noBandwidth))?.PublicIpAddresses).toBeNull();
    expect((await t.describe1(noBandwidth))?.PrivateIpAddresses).toEqual([expect.stringMatching(/^10\./)]);
  });
});
