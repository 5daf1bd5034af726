/** Images and plans of the emulator's SWAS catalogue that the tests name. */
export const LINUX = "e2c9c365024a44369c9b955a998a0000";
export const UBUNTU = "c5a5b8d2a1b04a35b5b1f1c9d1e20000";
export const WINDOWS = "7f9d1a2b3c4d4e5f8a9b0c1d2e3f0000";
/** SSD, 1 core 1 GB 40 GB, Linux only. */
export const SMALL = "swas.s1.c1m1s40b3t05";
/** SSD, 2 cores 2 GB 40 GB, Linux and Windows. */
export const MEDIUM = "swas.s2.c2m2s40b3t08";
/** ESSD, 2 cores 4 GB 60 GB. */
export const ESSD = "swas.s.c2m4s60b100t2000.essd";
