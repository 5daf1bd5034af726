/**
 * The default catalogue real calls are checked against: every example value of the five API
 * documents, plus enough regions, zones, images, types, bundles and plans for realistic
 * programs. Extendable at run time through the control API (POST /_emulator/catalogue).
 */

export interface TencentZone {
  zone: string;
  zoneId: string;
  zoneName: string;
}
export interface TencentRegion {
  region: string;
  regionName: string;
  zones: TencentZone[];
}
export interface Image {
  imageId: string;
  platform: "LINUX" | "WINDOWS";
  osName: string;
}
export interface InstanceType {
  instanceType: string;
  family: string;
  cpu: number;
  memory: number;
  gpu?: number;
}
export interface HaiApplication {
  applicationId: string;
  name: string;
  minDiskSize: number;
}
export interface HaiBundle {
  bundleType: string;
  gpuMemory: string;
}
export interface EcmZone {
  zone: string;
  region: string;
  isps: string[];
}
export interface EcmModule {
  moduleId: string;
  imageId: string;
  instanceType: string;
  systemDiskSize: number;
  dataDiskSize: number;
  bandwidth: number;
}
export interface SwasPlan {
  planId: string;
  core: number;
  memory: number;
  diskSize: number;
  bandwidth: number;
  flow: number;
  diskType: "SSD" | "ESSD";
  supportPlatform: Array<"Linux" | "Windows">;
  originPrice: number;
}
export interface SwasImage {
  imageId: string;
  imageName: string;
  platform: "Linux" | "Windows";
  imageType: "system" | "app";
}

export interface Catalogue {
  tencent: {
    regions: TencentRegion[];
    images: Image[];
    instanceTypes: InstanceType[];
    cdhHosts: Array<{ hostId: string; zone: string }>;
    securityGroups: string[];
    hai: { regions: string[]; applications: HaiApplication[]; bundles: HaiBundle[] };
    ecm: { zones: EcmZone[]; modules: EcmModule[]; images: Image[]; instanceTypes: InstanceType[] };
  };
  alibaba: {
    swas: { regions: string[]; plans: SwasPlan[]; images: SwasImage[] };
  };
}

const SIZES: Array<[string, number, number]> = [
  ["SMALL1", 1, 1],
  ["SMALL2", 1, 2],
  ["SMALL4", 1, 4],
  ["MEDIUM4", 2, 4],
  ["MEDIUM8", 2, 8],
  ["LARGE8", 4, 8],
  ["LARGE16", 4, 16],
  ["2XLARGE16", 8, 16],
  ["2XLARGE32", 8, 32],
];

function zones(region: string, name: string, firstId: number, count: number): TencentZone[] {
  return Array.from({ length: count }, (_, i) => ({
    zone: `${region}-${i + 1}`,
    zoneId: String(firstId + i),
    zoneName: `${name} Zone ${i + 1}`,
  }));
}

export function defaultCatalogue(): Catalogue {
  const families = ["S1", "S2", "S5", "I1", "I2", "M1", "M2", "C2"];
  const instanceTypes: InstanceType[] = families.flatMap((family) =>
    SIZES.map(([size, cpu, memory]) => ({ instanceType: `${family}.${size}`, family, cpu, memory })),
  );
  instanceTypes.push({ instanceType: "S5.16XLARGE256", family: "S5", cpu: 64, memory: 256 });
  instanceTypes.push({ instanceType: "CDH_1C1G", family: "CDH", cpu: 1, memory: 1 });
  return {
    tencent: {
      regions: [
        {
          region: "ap-guangzhou",
          regionName: "South China(Guangzhou)",
          zones: zones("ap-guangzhou", "Guangzhou", 100001, 4),
        },
        {
          region: "ap-shanghai",
          regionName: "East China(Shanghai)",
          zones: zones("ap-shanghai", "Shanghai", 200001, 3),
        },
        {
          region: "ap-beijing",
          regionName: "North China(Beijing)",
          zones: zones("ap-beijing", "Beijing", 800001, 3),
        },
      ],
      images: [
        { imageId: "img-pmqg1cw7", platform: "LINUX", osName: "TencentOS Server 3.1 (TK4)" },
        { imageId: "img-dkwyg6sr", platform: "LINUX", osName: "Ubuntu Server 22.04 LTS 64bit" },
        { imageId: "img-3wnd9xpl", platform: "LINUX", osName: "CentOS 7.2 64bit" },
        { imageId: "img-9qabwvbn", platform: "WINDOWS", osName: "Windows Server 2019 DataCenter 64bit" },
      ],
      instanceTypes,
      cdhHosts: [{ hostId: "host-q88gab4i", zone: "ap-shanghai-2" }],
      securityGroups: ["sg-5e9x7qag", "sg-0ab1cd2e", "sg-web00001", "sg-db000001"],
      hai: {
        regions: ["ap-guangzhou", "ap-shanghai", "ap-beijing"],
        applications: [
          { applicationId: "app-jknfna", name: "Stable Diffusion", minDiskSize: 80 },
          { applicationId: "app-llama3b8", name: "LLaMA 3", minDiskSize: 100 },
        ],
        bundles: ["S", "XL", "XL_2X", "3XL", "3XL_2X", "4XL", "24GB_A"].map((bundleType) => ({
          bundleType,
          gpuMemory: bundleType === "24GB_A" ? "24GB" : bundleType.includes("XL") ? "32GB" : "16GB",
        })),
      },
      ecm: {
        zones: [
          { zone: "ap-xian-ecm-1", region: "ap-xian-ecm", isps: ["CMCC", "CTCC", "CUCC"] },
          { zone: "ap-chengdu-ecm-1", region: "ap-chengdu-ecm", isps: ["CMCC", "CTCC", "CUCC"] },
        ],
        modules: [
          {
            moduleId: "esm-jz2wm3m2",
            imageId: "img-8toqc6s3",
            instanceType: "S3.SMALL1",
            systemDiskSize: 50,
            dataDiskSize: 50,
            bandwidth: 10,
          },
        ],
        images: [
          { imageId: "img-8toqc6s3", platform: "LINUX", osName: "CentOS 7.6 64bit" },
          { imageId: "img-9qabwvbn", platform: "WINDOWS", osName: "Windows Server 2019 DataCenter 64bit" },
        ],
        instanceTypes: [
          { instanceType: "S3.SMALL1", family: "S3", cpu: 1, memory: 1 },
          { instanceType: "S3.MEDIUM4", family: "S3", cpu: 2, memory: 4 },
        ],
      },
    },
    alibaba: {
      swas: {
        regions: ["cn-hangzhou", "cn-shanghai", "cn-beijing"],
        plans: [
          {
            planId: "swas.s1.c1m1s40b3t05",
            core: 1,
            memory: 1,
            diskSize: 40,
            bandwidth: 3,
            flow: 500,
            diskType: "SSD",
            supportPlatform: ["Linux"],
            originPrice: 34,
          },
          {
            planId: "swas.s2.c2m2s40b3t08",
            core: 2,
            memory: 2,
            diskSize: 40,
            bandwidth: 3,
            flow: 800,
            diskType: "SSD",
            supportPlatform: ["Linux", "Windows"],
            originPrice: 60,
          },
          {
            planId: "swas.s.c2m4s60b100t2000.essd",
            core: 2,
            memory: 4,
            diskSize: 60,
            bandwidth: 100,
            flow: 2000,
            diskType: "ESSD",
            supportPlatform: ["Linux", "Windows"],
            originPrice: 90,
          },
        ],
        images: [
          {
            imageId: "e2c9c365024a44369c9b955a998a0000",
            imageName: "Alibaba Cloud Linux 3",
            platform: "Linux",
            imageType: "system",
          },
          {
            imageId: "c5a5b8d2a1b04a35b5b1f1c9d1e20000",
            imageName: "Ubuntu 22.04",
            platform: "Linux",
            imageType: "system",
          },
          {
            imageId: "7f9d1a2b3c4d4e5f8a9b0c1d2e3f0000",
            imageName: "Windows Server 2022",
            platform: "Windows",
            imageType: "system",
          },
        ],
      },
    },
  };
}

export function tencentZone(c: Catalogue, zone: string): (TencentZone & { region: string }) | undefined {
  for (const r of c.tencent.regions) {
    const z = r.zones.find((x) => x.zone === zone);
    if (z) return { ...z, region: r.region };
  }
  return undefined;
}

/** Deep-merges a partial catalogue: arrays are appended to. */
export function extendCatalogue(c: Catalogue, extra: unknown): void {
  merge(c as unknown as Record<string, unknown>, extra);
}

function merge(target: Record<string, unknown>, extra: unknown): void {
  if (!extra || typeof extra !== "object") return;
  for (const [k, v] of Object.entries(extra)) {
    const cur = target[k];
    if (Array.isArray(cur) && Array.isArray(v)) cur.push(...v);
    else if (cur && typeof cur === "object" && v && typeof v === "object")
      merge(cur as Record<string, unknown>, v);
    else target[k] = v;
  }
}
