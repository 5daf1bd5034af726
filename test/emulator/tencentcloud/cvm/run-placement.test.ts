/** RunInstances (001): placement, image, charge type, instance type, dedicated hosts and clusters, disks, count, CPU topology (run-placement.ts). */
import { cvmTest, runRules } from "./support";

const t = cvmTest();

describe("RunInstances: where and on what", () => {
  runRules(t, {
    refused: {
      MissingParameter: [
        ["Placement is required", { Placement: undefined }],
        ["Placement.Zone is required", { Placement: { ProjectId: 0 } }],
        ["ImageId is required", { ImageId: undefined }],
        ["PREPAID without InstanceChargePrepaid", { InstanceChargeType: "PREPAID" }],
        ["CDHPAID without HostIds", { InstanceChargeType: "CDHPAID", InstanceType: "CDH_1C1G" }],
        ["CDCPAID without DedicatedClusterId", { InstanceChargeType: "CDCPAID" }],
        ["a data disk without size", { DataDisks: [{ DiskType: "CLOUD_PREMIUM" }] }],
      ],
      "InvalidZone.MismatchRegion": [
        ["a zone of another region", { Placement: { Zone: "ap-guangzhou-1" } }],
        ["an unknown zone", { Placement: { Zone: "ap-shanghai-9" } }],
      ],
      "InvalidImageId.Malformed": [["a malformed image id", { ImageId: "img-123" }]],
      "InvalidImageId.NotFound": [["an unknown image", { ImageId: "img-zzzzzzzz" }]],
      InvalidParameterValue: [
        ["an unknown charge type", { InstanceChargeType: "MONTHLY" }],
        [
          "an unknown renew flag",
          { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 1, RenewFlag: "ALWAYS" } },
        ],
        ["an unknown system disk type", { SystemDisk: { DiskType: "FLOPPY" } }],
        ["a data disk size off the 10 GB step", { DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 55 }] }],
      ],
      InvalidPeriod: [
        ["a period of 13 months", { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 13 } }],
        ["a period of 48 months", { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 48 } }],
      ],
      "InvalidInstanceType.Malformed": [
        ["a malformed instance type", { InstanceType: "s5 medium" }],
        ["a CDH type without CDHPAID", { InstanceType: "CDH_1C1G" }],
        [
          "CDHPAID with a non-CDH type",
          {
            InstanceChargeType: "CDHPAID",
            InstanceType: "S5.MEDIUM4",
            Placement: { Zone: "ap-shanghai-2", HostIds: ["host-q88gab4i"] },
          },
        ],
      ],
      "ResourceUnavailable.InstanceType": [["an instance type not sold", { InstanceType: "S9.HUGE" }]],
      "InvalidHostId.Malformed": [
        [
          "a malformed host id",
          {
            InstanceChargeType: "CDHPAID",
            InstanceType: "CDH_1C1G",
            Placement: { Zone: "ap-shanghai-2", HostIds: ["host-1122"] },
          },
        ],
      ],
      "InvalidHostId.NotFound": [
        [
          "an unknown host",
          {
            InstanceChargeType: "CDHPAID",
            InstanceType: "CDH_1C1G",
            Placement: { Zone: "ap-shanghai-2", HostIds: ["host-zzzzzzzz"] },
          },
        ],
        [
          "a host of another zone",
          {
            InstanceChargeType: "CDHPAID",
            InstanceType: "CDH_1C1G",
            Placement: { Zone: "ap-shanghai-3", HostIds: ["host-q88gab4i"] },
          },
        ],
      ],
      "InvalidParameterValue.LimitExceeded": [
        [
          "22 data disks",
          { DataDisks: Array.from({ length: 22 }, () => ({ DiskType: "CLOUD_PREMIUM", DiskSize: 50 })) },
        ],
        [
          "2 local data disks",
          {
            DataDisks: [
              { DiskType: "LOCAL_BASIC", DiskSize: 50 },
              { DiskType: "LOCAL_SSD", DiskSize: 50 },
            ],
          },
        ],
        [
          "21 cloud data disks",
          { DataDisks: Array.from({ length: 21 }, () => ({ DiskType: "CLOUD_BASIC", DiskSize: 50 })) },
        ],
      ],
      "InvalidParameterValue.CloudSsdDataDiskSizeTooSmall": [
        ["a 90 GB CLOUD_SSD data disk", { DataDisks: [{ DiskType: "CLOUD_SSD", DiskSize: 90 }] }],
      ],
      "UnsupportedOperation.InvalidDisk": [
        ["a LOCAL_NVME data disk", { DataDisks: [{ DiskType: "LOCAL_NVME", DiskSize: 100 }] }],
      ],
      "InvalidParameterValue.SnapshotIdMalformed": [
        [
          "a malformed snapshot id",
          { DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 50, SnapshotId: "snap-1" }] },
        ],
      ],
      "InvalidParameter.SnapshotNotFound": [
        [
          "an unknown snapshot",
          { DataDisks: [{ DiskType: "CLOUD_PREMIUM", DiskSize: 50, SnapshotId: "snap-zzzzzzzz" }] },
        ],
      ],
      "InvalidParameterValue.Range": [
        ["InstanceCount 0", { InstanceCount: 0 }],
        ["InstanceCount 101", { InstanceCount: 101 }],
        ["MinCount above InstanceCount", { InstanceCount: 2, MinCount: 3 }],
      ],
      "InvalidParameterValue.InstanceTypeNotSupportHpcCluster": [
        ["an HPC cluster for a standard type", { HpcClusterId: "hpc-aaaaaaaa" }],
      ],
      "InvalidParameter.LackCoreCountOrThreadPerCore": [
        ["CoreCount without ThreadPerCore", { CpuTopology: { CoreCount: 1 } }],
      ],
      "InvalidParameterValue.ThreadPerCoreValue": [
        ["three threads per core", { CpuTopology: { CoreCount: 1, ThreadPerCore: 3 } }],
      ],
      "InvalidParameterValue.CoreCountValue": [
        [
          "more cores than the type has",
          { InstanceType: "S5.MEDIUM4", CpuTopology: { CoreCount: 4, ThreadPerCore: 1 } },
        ],
      ],
      "InvalidParameterValue.LaunchTemplateNotFound": [
        ["a launch template", { LaunchTemplate: { LaunchTemplateId: "lt-aaaaaaaa" } }],
      ],
      "InvalidParameterValue.LaunchTemplateIdMalformed": [
        ["a malformed launch template id", { LaunchTemplate: { LaunchTemplateId: "lt-1" } }],
      ],
      "InvalidParameterValue.ChcHostsNotFound": [["CHC hosts", { ChcIds: ["chc-aaaaaaaa"] }]],
    },
    accepted: [
      ["a period of 24 months", { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 24 } }],
      ["a period of 36 months", { InstanceChargeType: "PREPAID", InstanceChargePrepaid: { Period: 36 } }],
      [
        "1 local and 20 cloud data disks",
        {
          DataDisks: [
            { DiskType: "LOCAL_BASIC", DiskSize: 50 },
            ...Array.from({ length: 20 }, () => ({ DiskType: "CLOUD_BASIC", DiskSize: 50 })),
          ],
        },
      ],
      ["a 100 GB CLOUD_SSD data disk", { DataDisks: [{ DiskType: "CLOUD_SSD", DiskSize: 100 }] }],
      ["a CPU topology", { InstanceType: "S5.LARGE8", CpuTopology: { CoreCount: 2, ThreadPerCore: 2 } }],
      ["the legacy Placement.HostIps", { Placement: { Zone: "ap-shanghai-2", HostIps: [] } }],
    ],
  });
});
